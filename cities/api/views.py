from functools import cached_property

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.api.serializers import (
    AssociationDetailSerializer,
    AssociationSerializer,
    AtlasStatisticsSerializer,
    DistrictDetailSerializer,
    DistrictSerializer,
    MunicipalityListSerializer,
    MunicipalitySerializer,
)
from cities.figures import atlas_statistics
from cities.filters import AssociationFilterSet, DistrictFilterSet, MunicipalityFilterSet
from cities.models import Association, DigitalProfile, District, Municipality
from portal.api.filters import PortalFilterBackend
from portal.api.geojson import GeoJSONActionMixin
from portal.api.sync import MODIFIED_SINCE, ModifiedSinceFilter, parse_modified_since
from portal.api.viewsets import NoEmptyParametersMixin, PortalModelViewSet, PortalReadOnlyViewSet
from portal.geojson import point_feature

AGS_PLACEHOLDER = "00000000"


class RegisterDetailMixin:
    """A body's detail is found among all bodies of the register, the dissolved ones
    included: the list's filters (current bodies unless asked) do not apply to it. It
    carries the digital profile the caller may see as ``visible_profile``."""

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        body = get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[lookup]})
        self.check_object_permissions(self.request, body)
        body.visible_profile = (
            DigitalProfile.objects.visible_to(self.request.user)
            .filter(**{body._meta.model_name: body})
            .prefetch_related("focus_themes", "lighthouse_themes")
            .first()
        )
        return body


class MunicipalityModifiedSinceFilter(ModifiedSinceFilter):
    """``modified_since`` on what the caller sees of a municipality: the register entry and
    the digital profile the caller may see (``changed_at`` of ``with_profile_facts``, which
    the answers show as ``updated_at``). A draft profile's edits are no change for those
    who cannot see it."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(MODIFIED_SINCE)
        if raw is None or getattr(view, "action", None) != "list":
            return queryset
        since = parse_modified_since(raw)
        return queryset.filter(changed_at__gte=since).order_by("changed_at", "pk")


class MunicipalityViewSet(RegisterDetailMixin, GeoJSONActionMixin, PortalModelViewSet):
    """Municipalities of the official register (public), each with the digital profile the
    caller may see. Looked up by AGS."""

    queryset = Municipality.objects.select_related("state")
    serializer_class = MunicipalitySerializer
    list_serializer_class = MunicipalityListSerializer
    filterset_class = MunicipalityFilterSet
    filter_backends = [PortalFilterBackend, MunicipalityModifiedSinceFilter]
    lookup_field = "ags"
    lookup_value_regex = "[0-9]{8}"
    geojson_attribution = (
        "Register: © Statistisches Bundesamt (Destatis), Gemeindeverzeichnis; "
        "Koordinaten: © OpenStreetMap-Mitwirkende, ODbL 1.0"
    )

    def get_queryset(self):
        queryset = super().get_queryset().with_profile_facts(self.request.user)
        if self.action not in {"list", "geojson"}:
            queryset = queryset.select_related("district", "association", "successor")
        return queryset

    def perform_create(self, serializer):
        super().perform_create(serializer)
        serializer.instance.visible_profile = None

    def get_geojson_queryset(self):
        # Plain tuples of five columns: the whole register (11,000 rows) stays one query and
        # a small response.
        return (
            Municipality.objects.with_profile_facts(self.request.user)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .values("ags", "name", "latitude", "longitude", "visible_strategy_status")
        )

    @cached_property
    def detail_url_pattern(self) -> str:
        # The page URL is resolved once per response, not once per row.
        return reverse("cities:municipality_detail", kwargs={"ags": AGS_PLACEHOLDER})

    def get_geojson_feature(self, row) -> dict | None:
        return point_feature(
            latitude=row["latitude"],
            longitude=row["longitude"],
            id=row["ags"],
            properties={
                "name": row["name"],
                "ags": row["ags"],
                "url": self.detail_url_pattern.replace(AGS_PLACEHOLDER, row["ags"]),
                "category": row["visible_strategy_status"],
            },
        )


class DistrictViewSet(RegisterDetailMixin, PortalReadOnlyViewSet):
    """Districts of the official register (Landkreise, Kreise, kreisfreie Städte), by their
    5-digit key; current ones unless ``include_dissolved``."""

    queryset = District.objects.select_related("state", "successor").order_by("key")
    serializer_class = DistrictDetailSerializer
    list_serializer_class = DistrictSerializer
    filterset_class = DistrictFilterSet
    lookup_field = "key"


class AssociationViewSet(RegisterDetailMixin, PortalReadOnlyViewSet):
    """Gemeindeverbände (Ämter, Verbandsgemeinden, Samtgemeinden, Verwaltungsgemeinschaften
    …) with their member municipalities, by their 9-digit key; current ones unless
    ``include_dissolved``."""

    queryset = (
        Association.objects.select_related("state", "district", "successor")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.current()
                .only("ags", "association_id")
                .order_by("ags"),
            )
        )
        .order_by("key")
    )
    serializer_class = AssociationDetailSerializer
    list_serializer_class = AssociationSerializer
    filterset_class = AssociationFilterSet
    lookup_field = "key"


class AtlasStatisticsView(NoEmptyParametersMixin, APIView):
    """The Atlas figures of /atlas/: counts per strategy status, shares of the profiled
    municipalities per focus theme and per lighthouse theme, counts per state and size
    class. Computed live from the published digital profiles."""

    permission_classes = [AllowAny]

    @extend_schema(responses=AtlasStatisticsSerializer)
    def get(self, request):
        return Response(AtlasStatisticsSerializer(atlas_statistics()).data)
