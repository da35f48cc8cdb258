"""Demo content of the network of municipalities: a few relations between municipalities
that have projects in the demo, each marked as an example. The sources name no concrete
pair of municipalities (the KTS dashboard says only that each Modellprojekt Smart City
exchanges with about twelve others), so none of these is a fact."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from cities.models import Municipality
from members.choices import RelationKind, RelationStatus
from members.models import BodyRelation

EXAMPLE = "Beispiel für die Demo, keine belegte Verbindung: "
# The demo's relations are proposed by nobody real: an inactive placeholder account.
PROPOSER = "beispiel-netzwerk"

# (source AGS, kind, target AGS, description)
RELATIONS = [
    (
        "08421000",
        RelationKind.EXCHANGE,
        "05513000",
        "Ulm und Gelsenkirchen tauschen sich über digitale Bürgerdienste aus.",
    ),
    (
        "09461000",
        RelationKind.JOINT,
        "05116000",
        "Bamberg und Mönchengladbach entwickeln gemeinsam Bausteine für offene Daten.",
    ),
    (
        "05513000",
        RelationKind.MODEL,
        "12052000",
        "Gelsenkirchens integrierte Digitalstrategie diente Cottbus als Vorbild.",
    ),
]


def proposer():
    user, created = get_user_model().objects.get_or_create(
        username=PROPOSER, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def example_relation(source, kind, target, description, solution=None) -> BodyRelation:
    """One confirmed example relation between two municipalities (idempotent)."""
    relation = BodyRelation.objects.filter(
        kind=kind, source_municipality=source, target_municipality=target
    ).first() or BodyRelation(
        kind=kind,
        source_municipality=source,
        target_municipality=target,
        proposed_by=proposer(),
        proposed_by_source=True,
    )
    relation.description = EXAMPLE + description
    relation.status = RelationStatus.CONFIRMED
    relation.confirmed_at = relation.confirmed_at or timezone.now()
    if solution is not None:
        relation.solution = solution
    relation.full_clean()
    relation.save()
    return relation


def load(*, stdout) -> None:
    municipalities = Municipality.objects.in_bulk(
        {ags for source, _kind, target, _text in RELATIONS for ags in (source, target)},
        field_name="ags",
    )
    count = 0
    for source, kind, target, description in RELATIONS:
        if source in municipalities and target in municipalities:
            example_relation(municipalities[source], kind, municipalities[target], description)
            count += 1
    stdout.write(f"Netzwerk: {count} Beispielverbindungen")
