"""Pages with the shared map component, for its browser test (the portal's URLs included):
the points of a list (two, or as many as the register has), and one place in its district."""

from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import path, reverse

from portal.geojson import feature_collection, point_feature
from portal.urls import urlpatterns as portal_urlpatterns

PAGE = """{% extends "base.html" %}
{% block title %}Karte{% endblock %}
{% block extra_head %}{% include "portal/includes/map_assets.html" %}{% endblock %}
{% block content %}<h1>Karte</h1>
{% include "portal/includes/map.html" with geojson_url=url map_label="Testkarte" legend=legend %}
{% endblock %}"""
PLACE_PAGE = """{% extends "base.html" %}
{% block title %}Karte{% endblock %}
{% block extra_head %}{% include "portal/includes/map_assets.html" %}{% endblock %}
{% block content %}<h1>Karte</h1>
{% include "portal/includes/map.html" with latitude=lat longitude=lon map_label="Lage" %}
{% endblock %}"""
LEGEND = [("adopted", "Strategie beschlossen"), ("none", "Keine Strategie")]
# The municipalities of the official register (GV100AD, 30 November 2025).
REGISTER_SIZE = 10_751


def map_page(request):
    template = engines["django"].from_string(PAGE)
    url = reverse("test_register") if "register" in request.GET else reverse("test_points")
    return HttpResponse(template.render({"legend": LEGEND, "url": url}, request))


def place_page(request):
    """Gelsenkirchen, in its district (a kreisfreie Stadt: the district is the city)."""
    context = {"lat": 51.5177, "lon": 7.0857, "district": "05513"}
    return HttpResponse(engines["django"].from_string(PLACE_PAGE).render(context, request))


def register_points(request):
    """As many points as the register has municipalities, spread over Germany."""
    features = (
        point_feature(
            latitude=47.5 + (number // 100) * 0.07,
            longitude=6.0 + (number % 100) * 0.09,
            properties={"name": f"Gemeinde {number}", "url": "/", "category": "none"},
            id=number,
        )
        for number in range(REGISTER_SIZE)
    )
    return JsonResponse(feature_collection(features), content_type="application/geo+json")


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
    path("karten-test/ort/", place_page),
    path("karten-test/punkte.geojson", points, name="test_points"),
    path("karten-test/register.geojson", register_points, name="test_register"),
    *portal_urlpatterns,
]
