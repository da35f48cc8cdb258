"""A page with the shared map component, for its browser test (the portal's URLs included)."""

from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from portal.geojson import feature_collection, point_feature
from portal.urls import urlpatterns as portal_urlpatterns

PAGE = """{% extends "base.html" %}
{% block title %}Karte{% endblock %}
{% block extra_head %}{% include "portal/includes/map_assets.html" %}{% endblock %}
{% block content %}<h1>Karte</h1>{% url 'test_points' as url %}
{% include "portal/includes/map.html" with geojson_url=url map_label="Testkarte" legend=legend %}
{% endblock %}"""
LEGEND = [("adopted", "Strategie beschlossen"), ("none", "Keine Strategie")]


def map_page(request):
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"legend": LEGEND}, request))


def points(request):
    return JsonResponse(
        feature_collection(
            [
                point_feature(
                    latitude=51.5177,
                    longitude=7.0857,
                    properties={"name": "Gelsenkirchen", "url": "/", "category": "adopted"},
                    id=1,
                ),
                point_feature(
                    latitude=48.4011,
                    longitude=9.9876,
                    properties={"name": "<b>Ulm</b>", "url": "/", "category": "none"},
                    id=2,
                ),
            ]
        ),
        content_type="application/geo+json",
    )


urlpatterns = [
    path("karten-test/", map_page),
    path("karten-test/punkte.geojson", points, name="test_points"),
    *portal_urlpatterns,
]
