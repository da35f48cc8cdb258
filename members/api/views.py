from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from members.api.serializers import DirectoryEntrySerializer
from members.filters import DirectoryFilterSet
from members.models import DirectoryEntry
from members.querysets import is_verified_member
from members.selectors import with_shown_details
from portal.api.filters import PortalFilterBackend
from portal.api.viewsets import PortalReadOnlyViewSet


class IsVerifiedMember(BasePermission):
    message = _("Nur für Mitglieder, deren Zugehörigkeit zu einer Stelle bestätigt ist.")

    def has_permission(self, request, view):
        return is_verified_member(request.user)


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
