"""The network's figures for the Atlas and the API: confirmed relations per kind and the
bodies with the most relations (one query without relations; with them two, and one per
kind of body among the most connected)."""

from collections import Counter
from dataclasses import asdict, dataclass

from django.db.models import Count

from cities.figures import Figure
from members.choices import RelationKind
from members.models import BodyRelation
from members.querysets import REGISTER_FIELDS, RELATION_SIDES
from members.selectors import contact_body_path_kwargs

TOP_BODIES = 10


@dataclass(frozen=True)
class NetworkStatistics:
    relation_count: int
    body_count: int
    kinds: list[Figure]
    # The bodies with the most relations; ``key`` is the official key, ``percent`` the share
    # of all relations that involve the body.
    top_bodies: list[Figure]

    def as_dict(self) -> dict:
        return asdict(self)


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def network_statistics() -> NetworkStatistics:
    confirmed = BodyRelation.objects.confirmed().order_by()
    by_kind = dict(confirmed.values_list("kind").annotate(count=Count("pk")))
    total = sum(by_kind.values())
    kinds = [
        Figure(value, str(label), by_kind.get(value, 0), _percent(by_kind.get(value, 0), total))
        for value, label in RelationKind.choices
    ]
    degrees: Counter = Counter()
    if total:
        # Both sides of every confirmed relation in one query, counted here.
        columns = [f"{side}_{field}_id" for side in RELATION_SIDES for field in REGISTER_FIELDS]
        for row in confirmed.values_list(*columns):
            for column, body_id in zip(columns, row, strict=True):
                if body_id is not None:
                    degrees[(column.split("_")[1], body_id)] += 1
    top = sorted(degrees.items(), key=lambda item: (-item[1], item[0]))[:TOP_BODIES]
    models = {
        field: BodyRelation._meta.get_field(f"source_{field}").related_model
        for field in REGISTER_FIELDS
    }
    bodies = {}
    for field in REGISTER_FIELDS:
        ids = [body_id for (name, body_id), _count in top if name == field]
        if ids:
            for body in models[field].objects.filter(pk__in=ids):
                bodies[(field, body.pk)] = body
    top_bodies = [
        Figure(
            contact_body_path_kwargs(bodies[key])["key"],
            bodies[key].name,
            count,
            _percent(count, total),
        )
        for key, count in top
        if key in bodies
    ]
    return NetworkStatistics(
        relation_count=total, body_count=len(degrees), kinds=kinds, top_bodies=top_bodies
    )
