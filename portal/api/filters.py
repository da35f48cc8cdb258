import django_filters

from portal.models import Tombstone


class TombstoneFilterSet(django_filters.FilterSet):
    """Tombstones of one resource, removed at or after ``modified_since``."""

    resource = django_filters.CharFilter(
        help_text="Resource name as in the API path, e.g. projects."
    )
    modified_since = django_filters.IsoDateTimeFilter(
        field_name="removed_at",
        lookup_expr="gte",
        help_text="Only objects removed at or after this moment (ISO 8601 with offset).",
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "modified_since"]
