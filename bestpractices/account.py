"""What the account page of a maintainer offers for their body's projects."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.related import RelatedItem


def content_links(body, path: dict) -> list[RelatedItem]:
    """``path``: the body's address arguments (``kind``, ``key``)."""
    return [
        RelatedItem(
            title=_("Neues Praxisbeispiel von %(body)s vorschlagen") % {"body": body.name},
            url=reverse("bestpractices:project_create", kwargs=path),
        )
    ]
