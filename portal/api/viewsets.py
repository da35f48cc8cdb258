"""Base viewsets of the API: what the caller may see, the app's FilterSet, audited writes."""

from rest_framework import viewsets

from portal.api.audit import AuditedWritesMixin


class VisibleQuerysetMixin:
    """The queryset is the model's ``visible_to(user)``: objects the caller may not see are
    404, never 403. Lists may use a brief ``list_serializer_class``."""

    list_serializer_class = None

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action in {"list", "geojson"} and self.list_serializer_class is not None:
            return self.list_serializer_class
        return super().get_serializer_class()


class PortalModelViewSet(
    VisibleQuerysetMixin,
    AuditedWritesMixin,
    viewsets.ModelViewSet,
):
    """Read for everybody (what they may see), write with the model's permissions or a
    token's write scope; every write lands in the admin history."""


class PortalReadOnlyViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only resources."""
