from datetime import UTC

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

from portal.models import Tombstone


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment in UTC: PostgreSQL refuses offsets beyond ±15:59."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


class TombstoneFilterSet(django_filters.FilterSet):
    """Tombstones of one resource, removed at or after ``modified_since``."""

    resource = django_filters.CharFilter(
        help_text="Resource name as in the API path, e.g. projects."
    )
    modified_since = UTCIsoDateTimeFilter(
        field_name="removed_at",
        lookup_expr="gte",
        help_text="Only objects removed at or after this moment (ISO 8601 with offset).",
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "modified_since"]
