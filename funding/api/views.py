from django.db.models import Prefetch

from funding.api.serializers import (
    FundingCallListSerializer,
    FundingCallSerializer,
    FundingProgrammeListSerializer,
    FundingProgrammeSerializer,
)
from funding.filters import FundingCallFilterSet, FundingProgrammeFilterSet
from funding.models import FundingCall, FundingProgramme
from portal.api.facets import FacetCountsActionMixin
from portal.api.viewsets import PortalModelViewSet
from portal.models import FederalState, Theme


class FundingProgrammeViewSet(FacetCountsActionMixin, PortalModelViewSet):
    """Funding programmes by slug; ``status`` and ``next_deadline`` follow the calls."""

    queryset = FundingProgramme.objects.all()
    serializer_class = FundingProgrammeSerializer
    list_serializer_class = FundingProgrammeListSerializer
    filterset_class = FundingProgrammeFilterSet
    # ``status`` and ``next_deadline`` follow the calls: a call's change is the programme's.
    sync_derived_from = ["calls"]
    lookup_field = "slug"

    def get_queryset(self):
        queryset = super().get_queryset().with_status()
        if self.action == "list":
            # Only the brief list's columns: a programme's long texts are most of its row.
            return queryset.only(*FundingProgrammeListSerializer.columns())
        if self.action == "facets":
            return queryset
        return queryset.prefetch_related(
            Prefetch("states", queryset=FederalState.objects.only("code")),
            "eligible_applicants",
            Prefetch("themes", queryset=Theme.objects.only("slug")),
        )


class FundingCallViewSet(PortalModelViewSet):
    """Calls of visible programmes by id; ``status`` derived from the dates."""

    queryset = FundingCall.objects.all()
    serializer_class = FundingCallSerializer
    list_serializer_class = FundingCallListSerializer
    filterset_class = FundingCallFilterSet
    # A call is visible when its programme is: it leaves the mirrors with it.
    sync_visible_with = "programme"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_status()
            .select_related("programme")
            .order_by("deadline", "pk")
        )
