from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from rest_framework import mixins, viewsets

from portal.api.filters import PortalFilterBackend, TombstoneFilterSet
from portal.api.pagination import PortalPagination
from portal.api.reference import RENDER_KEY, api_reference
from portal.api.serializers import FederalStateSerializer, ThemeSerializer, TombstoneSerializer
from portal.api.sync import api_resources
from portal.api.viewsets import NoEmptyParametersMixin
from portal.models import FederalState, Theme, Tombstone
from portal.querysets import can_view_unpublished


class ThemeViewSet(NoEmptyParametersMixin, viewsets.ReadOnlyModelViewSet):
    """The Handlungsfelder (fields of action) used to classify all content."""

    queryset = Theme.objects.order_by("position", "name")
    serializer_class = ThemeSerializer
    lookup_field = "slug"


class FederalStateViewSet(NoEmptyParametersMixin, viewsets.ReadOnlyModelViewSet):
    """The 16 federal states with their official two-digit codes."""

    queryset = FederalState.objects.order_by("code")
    serializer_class = FederalStateSerializer
    lookup_field = "code"
    pagination_class = None


class TombstoneViewSet(NoEmptyParametersMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Keys that left the published set (deleted, unpublished or renamed), oldest first.

    A client mirroring the data asks each resource with ``modified_since`` for what changed
    and this list for what to remove, applying the removals first."""

    queryset = Tombstone.objects.order_by("removed_at", "pk")
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    filter_backends = [PortalFilterBackend]

    def get_queryset(self):
        # The keys of never-published objects only for those who may read such drafts.
        readable = [
            resource.name
            for model, resource in api_resources().items()
            if can_view_unpublished(self.request.user, model)
        ]
        return super().get_queryset().filter(Q(public=True) | Q(resource__in=readable))


class APIReferenceView(TemplateView):
    """The API reference: every operation and data model of the OpenAPI schema as a plain
    page of the portal (no JavaScript, no database query); Swagger UI is the opt-in
    console next to it."""

    template_name = "portal/api_reference.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        api_root = self.request.build_absolute_uri(reverse("api:api-root"))
        context.update(
            reference=api_reference(),
            render_key=RENDER_KEY,
            cache_seconds=settings.CACHE_PAGE_SECONDS,
            api_root=api_root,
            origin=api_root.removesuffix(reverse("api:api-root")),
            rates=settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            max_page_size=PortalPagination.max_page_size,
            page_size=PortalPagination.page_size,
        )
        return context


@csrf_exempt
def not_found(request, path=""):
    """Any path under the API that no route matches: the API's JSON 404, also where DEBUG
    shows Django's HTML page for unknown pages of the portal."""
    return JsonResponse({"detail": gettext("Nicht gefunden.")}, status=404)
