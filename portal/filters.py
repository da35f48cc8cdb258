"""Filters shared by the apps' FilterSets."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.STR)
class KeyModelChoiceFilter(django_filters.ModelChoiceFilter):
    """Choose an object by its stable key (``to_field_name``: a slug or an official code).

    With a ``method``, drf-spectacular cannot see the type of the parameter; in the API it is
    the key, a string."""
