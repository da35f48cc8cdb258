import datetime

import django_filters
from django.utils.translation import gettext as _
from rest_framework import exceptions

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
        method="filter_modified_since",
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "modified_since"]

    def filter_modified_since(self, queryset, name, value):
        # In UTC: PostgreSQL refuses offsets beyond its range (e.g. -19:08) with an error.
        try:
            moment = value.astimezone(datetime.UTC)
        except OverflowError:
            message = _("Zeitpunkt im Format ISO 8601 erwartet, z. B. 2026-11-01T08:00:00+01:00.")
            raise exceptions.ValidationError({name: [message]}) from None
        return queryset.filter(removed_at__gte=moment)
