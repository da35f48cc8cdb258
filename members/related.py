"""On the page of a municipality, a Gemeindeverband or a district: its relations in the
network of municipalities, and the links "Kontakt aufnehmen", "Digitalprofil bearbeiten"
and "Verbindung eintragen". The pages are public and cached, so the links are shown to
everyone and read nothing about the visitor; the forms behind them ask for the sign-in."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from cities.models import Association, District, Municipality
from members.choices import RelationKind
from members.selectors import body_relations, contact_body_path_kwargs
from portal.related import RelatedItem, RelatedSection

MAX_RELATIONS = 12


def related_sections(obj, *, user) -> list[RelatedSection]:
    if not isinstance(obj, Municipality | Association | District):
        return []
    return [
        network_section(obj, user=user),
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
                    title=_("Verbindung im Netzwerk eintragen"),
                    url=reverse("members:relation_propose")
                    + "?"
                    + urlencode({"partner": contact_body_path_kwargs(obj)["key"]}),
                    meta=_(
                        "für Mitglieder, die die Inhalte einer anderen Stelle pflegen; "
                        "%(body)s bestätigt die Verbindung"
                    )
                    % {"body": obj.name},
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
        ),
    ]


def _relation_meta(relation, body_side: str) -> str:
    """The kind of relation as seen from the body whose page it is on."""
    if relation.kind == RelationKind.MODEL:
        return _("war unser Vorbild") if body_side == "target" else _("hatte uns als Vorbild")
    if relation.kind == RelationKind.ADOPTION:
        if body_side == "target":
            return _("wir haben eine Lösung übernommen")
        return _("hat eine Lösung von uns übernommen")
    return relation.get_kind_display()


def network_section(body, *, user) -> RelatedSection:
    """The body's confirmed relations (three queries, whatever their number)."""
    relations = body_relations(body, user, limit=MAX_RELATIONS)
    items = []
    for relation in relations:
        meta = _relation_meta(relation, relation.body_side)
        if relation.shown_solution is not None:
            meta = f"{meta}: {relation.shown_solution}"
        items.append(
            RelatedItem(
                title=relation.partner.name,
                url=relation.partner.get_absolute_url(),
                meta=meta,
            )
        )
    key = contact_body_path_kwargs(body)["key"]
    return RelatedSection(
        key="network",
        title=_("Netzwerk"),
        items=items,
        more_url=reverse("network:relation_list") + "?" + urlencode({"body": key}),
        empty_text=_("Noch keine bestätigten Verbindungen im Netzwerk der Kommunen."),
        order=80,
    )
