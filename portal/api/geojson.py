"""A GeoJSON endpoint for list viewsets: the filtered set as one FeatureCollection."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from portal.geojson import feature_collection
from portal.page_cache import content_generation

FEATURE_COLLECTION_SCHEMA = {
    "type": "object",
    "description": "GeoJSON FeatureCollection (RFC 7946), coordinates in longitude/latitude order.",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "attribution": {
            "type": "string",
            "description": "Credits of the sources of the data (where they are third-party).",
        },
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"type": "string", "enum": ["Point"]},
                            "coordinates": {
                                "type": "array",
                                "items": {"type": "number"},
                                "minItems": 2,
                                "maxItems": 2,
                            },
                        },
                    },
                    "properties": {"type": "object", "additionalProperties": True},
                },
            },
        },
    },
}


class GeoJSONRenderer(JSONRenderer):
    """JSON served as ``application/geo+json`` (RFC 7946 section 12)."""

    media_type = "application/geo+json"
    format = "geojson"


class GeoJSONActionMixin:
    """Adds ``GET <list>/geojson/``: the same filters as the list, unpaginated, as GeoJSON.

    The viewset implements ``get_geojson_feature(obj)`` (use ``portal.geojson.point_feature``)
    and may narrow the query for the map in ``get_geojson_queryset()``.
    """

    # ``<list>/geojson/`` is this action: no object's key may be "geojson" (its detail path
    # would be this list). The lookahead reads the path ("geojson/…") and the schema's
    # parameter ("geojson" at the end) alike.
    lookup_value_regex = r"(?!geojson(?:/|$))[^/.]+"

    def get_geojson_queryset(self):
        return self.get_queryset()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Errors (400, 401, 429, …) are plain JSON as documented, not geo+json.
        if response.status_code >= 400 and isinstance(
            getattr(response, "accepted_renderer", None), GeoJSONRenderer
        ):
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    def get_geojson_feature(self, obj) -> dict | None:
        raise NotImplementedError

    @extend_schema(
        filters=True,
        responses={200: OpenApiResponse(response=FEATURE_COLLECTION_SCHEMA)},
    )
    @action(
        detail=False,
        url_path="geojson",
        url_name="geojson",
        pagination_class=None,
        renderer_classes=[GeoJSONRenderer, JSONRenderer],
    )
    def geojson(self, request, *args, **kwargs):
        # The whole register is one large answer that takes long to build: anonymous
        # callers get the rendered body from the cache until the next content change (the
        # key holds the content generation, see portal.page_cache). The view still runs,
        # so authentication and rate limits apply as to every request.
        seconds = settings.CACHE_PAGE_SECONDS
        if seconds <= 0 or request.user.is_authenticated:
            return Response(self.geojson_data())
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal:geojson:{content_generation()}:{request.accepted_media_type}:{path}"
        body = cache.get(key)
        if body is None:
            body = request.accepted_renderer.render(
                self.geojson_data(), request.accepted_media_type, self.get_renderer_context()
            )
            cache.set(key, body, seconds)
        return HttpResponse(body, content_type=request.accepted_media_type)

    # Credits of the data the features carry (e.g. the register's and the coordinates').
    geojson_attribution = ""

    def geojson_data(self) -> dict:
        queryset = self.filter_queryset(self.get_geojson_queryset())
        return feature_collection(
            (self.get_geojson_feature(obj) for obj in queryset),
            attribution=self.geojson_attribution,
        )
