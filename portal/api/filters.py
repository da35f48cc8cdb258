import django_filters

from portal.api.sync import parse_modified_since
from portal.models import Tombstone


class ModifiedSinceDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment, normalised to UTC like ``modified_since`` on every resource (the
    database may refuse unusual offsets)."""

    def filter(self, qs, value):
        if value is not None:
            value = parse_modified_since(value.isoformat())
        return super().filter(qs, value)


class TombstoneFilterSet(django_filters.FilterSet):
    """Tombstones of one resource, removed at or after ``modified_since``."""

    resource = django_filters.CharFilter(
        help_text="Resource name as in the API path, e.g. projects."
    )
    modified_since = ModifiedSinceDateTimeFilter(
        field_name="removed_at",
        lookup_expr="gte",
        help_text="Only objects removed at or after this moment (ISO 8601 with offset).",
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "modified_since"]
