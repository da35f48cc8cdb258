"""On the list pages of projects, events, programmes and municipalities: "Diese Suche
speichern", carrying the page's filters to the form (which asks for the sign-in)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.lists import clean_query, list_for_model
from portal.related import RelatedItem


def list_links(model, query) -> list[RelatedItem]:
    saved = list_for_model(model)
    if saved is None:
        return []
    filters = clean_query(query)
    url = reverse("notifications:search_create") + "?" + urlencode({"liste": saved.key})
    return [
        RelatedItem(
            title=_("Diese Suche speichern"),
            url=f"{url}&{filters}" if filters else url,
            meta=_("E-Mail bei neuen Treffern, für angemeldete Mitglieder"),
        )
    ]
