import django_filters
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework import exceptions

from portal.api.exceptions import UnknownKey
from portal.api.fields import DATE_PATTERN, DATETIME_PATTERN, parse_api_date, parse_api_datetime
from portal.api.sync import parse_modified_since
from portal.models import Tombstone

BOOLEAN_VALUES = ("true", "false")


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


def parameter_names(name: str, filter_field) -> list[str]:
    """The query parameters of a filter: its name, or one per part of a range."""
    widget = filter_field.field.widget
    suffixes = getattr(widget, "suffixes", None)
    if suffixes:
        return [widget.suffixed(name, suffix) for suffix in suffixes]
    return [name]


DATE_FILTERS = (django_filters.DateFilter, django_filters.DateFromToRangeFilter)
MOMENT_FILTERS = (
    django_filters.DateTimeFilter,
    django_filters.DateTimeFromToRangeFilter,
    django_filters.IsoDateTimeFromToRangeFilter,
)


def _value_rule(filter_field):
    """How the API reads a typed filter's value (the pages keep their forms' leniency)."""
    if isinstance(filter_field, django_filters.BooleanFilter):
        return _boolean
    if isinstance(filter_field, MOMENT_FILTERS):
        return _moment
    if isinstance(filter_field, DATE_FILTERS):
        return parse_api_date
    return None


def _moment(raw):
    # A "+" that the client did not encode arrives as a space (as for modified_since).
    return parse_api_datetime(raw.replace(" ", "+"))


def _boolean(raw):
    if raw not in BOOLEAN_VALUES:
        raise exceptions.ValidationError(gettext("true oder false erwartet."), code="invalid")
    return raw


def _model_choice(filter_field) -> bool:
    return isinstance(
        filter_field, (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)
    )


class PortalFilterBackend(DjangoFilterBackend):
    """The app's one FilterSet, as on its pages, with the API's reading of values: dates and
    moments as the schema states them (``portal.api.fields``), booleans ``true`` or
    ``false``; a 400 names the parameter. A filter by a key that names no object the caller
    may see (a theme, a state, a circle …) is a 404 naming the parameter, like an unknown
    key in a path."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_valid_filterset(request, queryset, view)
        return queryset if filterset is None else filterset.qs

    def get_valid_filterset(self, request, queryset, view):
        """The view's FilterSet once its parameters passed the checks above (else the 400
        or 404); ``None`` for a view without one."""
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, filter_field in filterset.filters.items():
            rule = _value_rule(filter_field)
            if rule is None:
                continue
            for parameter in parameter_names(name, filter_field):
                for raw in request.query_params.getlist(parameter):
                    try:
                        rule(raw)
                    except exceptions.ValidationError as error:
                        errors[parameter] = error.detail
        if errors:
            raise exceptions.ValidationError(errors)
        if not filterset.is_valid():
            refusal = translate_validation(filterset.errors)
            unknown_keys = all(
                _model_choice(filterset.filters.get(name))
                and all(error.code == "invalid_choice" for error in messages)
                for name, messages in refusal.detail.items()
            )
            if unknown_keys:
                raise UnknownKey(refusal.detail)
            raise refusal
        return filterset


class PortalFilterExtension(DjangoFilterExtension):
    """The parameters as drf-spectacular reads them from the FilterSet, with the rules the
    API applies: the date and moment patterns, a length from one character (an empty
    parameter is refused) up to the form field's limit."""

    target_class = PortalFilterBackend
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        max_length = getattr(filter_field.field, "max_length", None)
        for parameter in parameters:
            schema = parameter["schema"]
            if schema.get("type") == "array":
                schema = schema["items"]
            if schema.get("type") != "string" or "enum" in schema:
                continue
            if schema.get("format") == "date":
                schema["pattern"] = DATE_PATTERN
            elif schema.get("format") == "date-time":
                schema["pattern"] = DATETIME_PATTERN
            else:
                schema["minLength"] = 1
                if max_length:
                    schema["maxLength"] = max_length
                # A filter that takes only keys of a form (a body's official key) says so.
                for validator in getattr(filter_field.field, "validators", []):
                    if isinstance(validator, RegexValidator) and not validator.inverse_match:
                        schema["pattern"] = validator.regex.pattern
        return parameters
