from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from members.api.serializers import (
    BodyRelationSerializer,
    DirectoryEntrySerializer,
    NetworkStatisticsSerializer,
)
from members.figures import network_statistics
from members.filters import DirectoryFilterSet, RelationFilterSet
from members.models import BodyRelation, DirectoryEntry
from members.querysets import RELATION_SIDES, is_verified_member, side_fields
from members.selectors import solution_models, with_shown_details, with_solutions
from portal.api.filters import PortalFilterBackend
from portal.api.viewsets import NoEmptyParametersMixin, PortalReadOnlyViewSet


class IsVerifiedMember(BasePermission):
    message = _("Nur für Mitglieder, deren Zugehörigkeit zu einer Stelle bestätigt ist.")

    def has_permission(self, request, view):
        return is_verified_member(request.user)


REFUSED = OpenApiResponse(
    description="The caller is not signed in as a member with a confirmed membership."
)


@extend_schema_view(
    list=extend_schema(responses={200: DirectoryEntrySerializer, 403: REFUSED}),
    retrieve=extend_schema(responses={200: DirectoryEntrySerializer, 403: REFUSED}),
)
class DirectoryEntryViewSet(PortalReadOnlyViewSet):
    """ "Wer macht was": the members who chose to be listed, with what each chose to
    show. Only for signed-in members with a confirmed membership (session or token of such
    a member); the same filters as the page ``/konto/wer-macht-was/``."""

    queryset = DirectoryEntry.objects.select_related("user")
    serializer_class = DirectoryEntrySerializer
    filterset_class = DirectoryFilterSet
    permission_classes = [IsVerifiedMember]
    # No ``modified_since``: an entry that is switched off leaves no trace to sync.
    filter_backends = [PortalFilterBackend]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else with_shown_details(page, self.request.user)

    def get_object(self):
        return with_shown_details([super().get_object()], self.request.user)[0]


class BodyRelationViewSet(PortalReadOnlyViewSet):
    """The network of municipalities: the confirmed relations between bodies of the
    register (the maintainers of a body and editors also see the proposed and declined
    ones of theirs). The same filters as the page ``/netzwerk/``; ``modified_since`` and
    ``/api/v1/tombstones/`` (resource ``relations``) for incremental sync: a relation that
    is ended, or whose confirmation is withdrawn, leaves a tombstone."""

    queryset = BodyRelation.objects.with_bodies()
    serializer_class = BodyRelationSerializer
    filterset_class = RelationFilterSet
    # The sides' names are shown: a change of a body counts as a change of its relations.
    sync_derived_from = [name for side in RELATION_SIDES for name in side_fields(side)]
    # The solution is named generically; a change of its project changes the relation.
    sync_generic = (("solution_type", "solution_id"), solution_models)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else with_solutions(page, self.request.user)

    def get_object(self):
        return with_solutions([super().get_object()], self.request.user)[0]


class NetworkStatisticsView(NoEmptyParametersMixin, APIView):
    """The network's figures of /atlas/: confirmed relations per kind and the ten bodies
    with the most relations. Computed live."""

    permission_classes = [AllowAny]

    @extend_schema(responses=NetworkStatisticsSerializer)
    def get(self, request):
        return Response(NetworkStatisticsSerializer(network_statistics()).data)
