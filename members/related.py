"""The "Kontakt aufnehmen" link on the page of a municipality, a Gemeindeverband or a
district. The page is public and cached, so the link is shown to everyone and reads
nothing about the visitor; the form behind it asks for the sign-in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cities.models import Association, District, Municipality
from members.selectors import contact_body_path_kwargs
from portal.related import RelatedItem, RelatedSection


def related_sections(obj, *, user) -> list[RelatedSection]:
    if not isinstance(obj, Municipality | Association | District):
        return []
    return [
        RelatedSection(
            key="contact",
            title=_("Kontakt"),
            items=[
                RelatedItem(
                    title=_("Kontakt aufnehmen"),
                    url=reverse("members:contact_body", kwargs=contact_body_path_kwargs(obj)),
                    meta=_(
                        "Nachricht an die Mitglieder, die die Inhalte dieser Stelle pflegen "
                        "(für angemeldete, bestätigte Mitglieder)"
                    ),
                ),
                RelatedItem(
                    title=_("Digitalprofil bearbeiten"),
                    url=reverse("members:profile_change", kwargs=contact_body_path_kwargs(obj)),
                    meta=_(
                        "für Mitglieder, die die Inhalte dieser Stelle pflegen; die Redaktion "
                        "prüft jede Änderung"
                    ),
                ),
            ],
            order=90,
        )
    ]
