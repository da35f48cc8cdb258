"""Base viewsets of the API: what the caller may see, the app's FilterSet, audited writes."""

from django.utils.translation import gettext
from rest_framework import exceptions, viewsets

from portal.api.audit import AuditedWritesMixin


class NoEmptyParametersMixin:
    """A query parameter sent without a value is a 400 naming it: ``?date_from=`` is no
    date and ``?q=`` no search. Leave a parameter out to not use it."""

    def initial(self, request, *args, **kwargs):
        # After authentication, permissions and rate limits, like every other 400.
        super().initial(request, *args, **kwargs)
        empty = {
            name: [gettext("Ein Parameter ohne Wert: weglassen oder einen Wert angeben.")]
            for name, values in request.query_params.lists()
            if any(value == "" for value in values)
        }
        if empty:
            raise exceptions.ValidationError(empty)


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
    NoEmptyParametersMixin,
    VisibleQuerysetMixin,
    AuditedWritesMixin,
    viewsets.ModelViewSet,
):
    """Read for everybody (what they may see), write with the model's permissions or a
    token's write scope; every write lands in the admin history."""


class PortalReadOnlyViewSet(
    NoEmptyParametersMixin, VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """Read-only resources."""
