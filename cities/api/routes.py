from django.urls import path

from cities.api.views import AtlasStatisticsView, MunicipalityViewSet


def register(router):
    router.register("municipalities", MunicipalityViewSet, basename="municipality")


urlpatterns = [
    path("stats/atlas/", AtlasStatisticsView.as_view(), name="stats-atlas"),
]
