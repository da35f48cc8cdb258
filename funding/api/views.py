from django.db.models import Prefetch
from rest_framework import exceptions

from funding.api.serializers import (
    FundingCallListSerializer,
    FundingCallSerializer,
    FundingProgrammeListSerializer,
    FundingProgrammeSerializer,
)
from funding.filters import FundingCallFilterSet, FundingProgrammeFilterSet
from funding.models import FundingCall, FundingProgramme
from portal.api.viewsets import PortalModelViewSet
from portal.models import FederalState, Theme


class ParseErrorAsValidationErrorMixin:
    """A body that is not JSON is a 400 in the documented validation-error shape (field →
    messages), like every other 400 of the API, not DRF's ``{"detail": …}``."""

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.ParseError):
            exc = exceptions.ValidationError({"non_field_errors": [str(exc.detail)]})
        return super().handle_exception(exc)


class FundingProgrammeViewSet(ParseErrorAsValidationErrorMixin, PortalModelViewSet):
    """Funding programmes by slug; ``status`` and ``next_deadline`` follow the calls."""

    queryset = FundingProgramme.objects.all()
    serializer_class = FundingProgrammeSerializer
    list_serializer_class = FundingProgrammeListSerializer
    filterset_class = FundingProgrammeFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        queryset = super().get_queryset().with_status()
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("states", queryset=FederalState.objects.only("code")),
            "eligible_applicants",
            Prefetch("themes", queryset=Theme.objects.only("slug")),
        )


class FundingCallViewSet(ParseErrorAsValidationErrorMixin, PortalModelViewSet):
    """Calls of visible programmes by id; ``status`` derived from the dates."""

    queryset = FundingCall.objects.all()
    serializer_class = FundingCallSerializer
    list_serializer_class = FundingCallListSerializer
    filterset_class = FundingCallFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_status()
            .select_related("programme")
            .order_by("deadline", "pk")
        )
