from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from bestpractices.api.serializers import ProjectListSerializer, ProjectSerializer
from bestpractices.filters import ProjectFilterSet
from bestpractices.models import LEAD_FIELDS, Project, lead_columns
from cities.models import Municipality
from funding.models import FundingProgramme
from portal.api.facets import FacetCountsActionMixin
from portal.api.geojson import GeoJSONActionMixin
from portal.api.viewsets import PortalModelViewSet
from portal.geojson import point_feature
from portal.models import Theme


class ProjectViewSet(FacetCountsActionMixin, GeoJSONActionMixin, PortalModelViewSet):
    """Best-practice projects. ``<key>`` is the numeric id or the slug; ``q``/``search`` is
    the same full-text search as the list page."""

    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    list_serializer_class = ProjectListSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "slug"
    lookup_url_kwarg = "key"
    lookup_value_regex = r"(?!geojson(?:/|$))[-\w]+"

    def get_queryset(self):
        queryset = super().get_queryset().select_related(*LEAD_FIELDS)
        themes = Prefetch("themes", queryset=Theme.objects.only("slug"))
        if self.action == "list":
            # Only the columns of the brief list serializer: a project row is wide. Its
            # list serializer reads the theme slugs itself.
            return queryset.only(*ProjectListSerializer.columns())
        if self.action in {"geojson", "facets"}:
            return queryset
        municipalities = Municipality.objects.only("ags")
        programmes = FundingProgramme.objects.visible_to(self.request.user)
        return queryset.prefetch_related(
            themes,
            Prefetch("participating_municipalities", queryset=municipalities),
            Prefetch("adopted_by", queryset=municipalities),
            Prefetch("funding_programmes", queryset=programmes.only("slug", "status")),
        )

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset())
        key = self.kwargs[self.lookup_url_kwarg]
        # ASCII digits only: "²" or "٣" count as digits for str.isdigit but not for int().
        lookup = {"pk": int(key)} if key.isascii() and key.isdigit() else {"slug": key}
        instance = get_object_or_404(queryset, **lookup)
        self.check_object_permissions(self.request, instance)
        return instance

    def get_geojson_queryset(self):
        return self.get_queryset().only(
            "title",
            "slug",
            "phase",
            "is_lighthouse",
            "lead_municipality__latitude",
            "lead_municipality__longitude",
            *lead_columns("name"),
        )

    def get_geojson_feature(self, obj):
        # A project sits at its lead municipality; a Gemeindeverband or a district has no
        # point of its own in the register (its seat is only a name), so its projects have
        # none on the map.
        municipality = obj.lead_municipality
        return point_feature(
            latitude=municipality.latitude if municipality else None,
            longitude=municipality.longitude if municipality else None,
            id=obj.pk,
            properties={
                "name": obj.title,
                "municipality": obj.lead.name,
                "url": obj.get_absolute_url(),
                "category": obj.phase,
            },
        )
