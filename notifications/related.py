"""On the pages of bodies, programmes and expert circles: the link "Folgen". The pages are
public and cached, so the link names no visitor; the form behind it asks for the sign-in."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.selectors import is_watchable
from portal.related import RelatedItem, RelatedSection


def watch_url(obj) -> str:
    return (
        reverse("notifications:watch_create")
        + "?"
        + urlencode({"objekt": f"{obj._meta.label_lower}:{obj.pk}"})
    )


def related_sections(obj, *, user) -> list[RelatedSection]:
    if not is_watchable(type(obj)) or not hasattr(obj, "get_absolute_url"):
        return []
    return [
        RelatedSection(
            key="watch",
            title=_("Auf dem Laufenden bleiben"),
            items=[
                RelatedItem(
                    title=_("%(name)s folgen") % {"name": obj},
                    url=watch_url(obj),
                    meta=_("E-Mail bei Neuigkeiten, für angemeldete Mitglieder"),
                )
            ],
            order=95,
        )
    ]
