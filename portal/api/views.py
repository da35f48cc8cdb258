from rest_framework import viewsets

from portal.api.serializers import FederalStateSerializer, ThemeSerializer
from portal.models import FederalState, Theme


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The Handlungsfelder (fields of action) used to classify all content."""

    queryset = Theme.objects.order_by("position", "name")
    serializer_class = ThemeSerializer
    lookup_field = "slug"


class FederalStateViewSet(viewsets.ReadOnlyModelViewSet):
    """The 16 federal states with their official two-digit codes."""

    queryset = FederalState.objects.order_by("code")
    serializer_class = FederalStateSerializer
    lookup_field = "code"
    pagination_class = None
