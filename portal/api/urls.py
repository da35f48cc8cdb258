"""The REST API under /api/v1/: one router for all apps, schema and documentation."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from portal.api.views import (
    APIReferenceView,
    FederalStateViewSet,
    ThemeViewSet,
    TombstoneViewSet,
    not_found,
)
from portal.registry import project_modules


class PortalRouter(DefaultRouter):
    """Router of the portal's API (its root view lists every resource)."""


router = PortalRouter()
router.register("themes", ThemeViewSet, basename="theme")
router.register("states", FederalStateViewSet, basename="state")
router.register("tombstones", TombstoneViewSet, basename="tombstone")

extra_urlpatterns = []
# Each domain app takes part through ``<app>/api/routes.py``: ``register(router)`` adds its
# viewsets, an optional ``urlpatterns`` adds endpoints that are not viewsets.
for module in project_modules("api.routes"):
    module.register(router)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The reference is a plain page; Swagger UI (about 500 KB of JavaScript) is opt-in.
    path("docs/", APIReferenceView.as_view(), name="docs"),
    path(
        "docs/console/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs_console",
    ),
    *extra_urlpatterns,
    path("", include(router.urls)),
    # Last: what no route matches. Only paths with a trailing slash, so that a path without
    # one is still redirected to its resource (APPEND_SLASH).
    re_path(r"^(?P<path>.*/)$", not_found, name="not_found"),
]
