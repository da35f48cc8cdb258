from django.db.models import Prefetch

from cities.models import Association, District, Municipality
from events.api.serializers import EventListSerializer, EventSerializer, ExpertCircleSerializer
from events.filters import EventFilterSet, ExpertCircleFilterSet
from events.models import HOST_FIELDS, Event, ExpertCircle
from portal.api.facets import FacetCountsActionMixin
from portal.api.geojson import GeoJSONActionMixin
from portal.api.viewsets import PortalModelViewSet, PortalReadOnlyViewSet
from portal.geojson import point_feature
from portal.models import Theme


class EventViewSet(FacetCountsActionMixin, GeoJSONActionMixin, PortalModelViewSet):
    """Events (conferences, workshops, webinars, circle meetings …), ordered by start.
    Filter by kind, theme, state, attendance, date range (``date_from``/``date_to``), circle
    and text; ``/geojson/`` gives the same selection as map points."""

    queryset = Event.objects.select_related("venue_municipality").order_by("start", "pk")
    serializer_class = EventSerializer
    list_serializer_class = EventListSerializer
    filterset_class = EventFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # Only the columns of the brief list serializer (it reads the theme slugs
            # itself): an event row is wide.
            return queryset.only(*EventListSerializer.columns())
        if self.action == "facets":
            return queryset
        return queryset.select_related("expert_circle", "series", *HOST_FIELDS).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("slug"))
        )

    def get_geojson_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .exclude(latitude=None)
            .only(
                "slug",
                "title",
                "kind",
                "start",
                "end",
                "latitude",
                "longitude",
                "cancelled",
                "is_example",
            )
            .order_by("start", "pk")
        )

    def get_geojson_feature(self, obj):
        return point_feature(
            latitude=obj.latitude,
            longitude=obj.longitude,
            id=obj.slug,
            properties={
                "name": obj.title,
                "url": obj.get_absolute_url(),
                "category": obj.kind,
                "start": obj.start.isoformat(),
                "end": obj.end.isoformat(),
                "cancelled": obj.cancelled,
                "is_example": obj.is_example,
            },
        )


class ExpertCircleViewSet(PortalReadOnlyViewSet):
    """Expert circles (Expertenkreise) of the centre with their members."""

    queryset = ExpertCircle.objects.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("slug")),
        Prefetch("member_municipalities", queryset=Municipality.objects.only("ags")),
        Prefetch("member_associations", queryset=Association.objects.only("key")),
        Prefetch("member_districts", queryset=District.objects.only("key")),
    ).order_by("name")
    serializer_class = ExpertCircleSerializer
    filterset_class = ExpertCircleFilterSet
    lookup_field = "slug"
