from django.urls import path

from cities.api.views import (
    AssociationViewSet,
    AtlasStatisticsView,
    DistrictViewSet,
    MunicipalityViewSet,
)


def register(router):
    router.register("municipalities", MunicipalityViewSet, basename="municipality")
    router.register("districts", DistrictViewSet, basename="district")
    router.register("associations", AssociationViewSet, basename="association")


urlpatterns = [
    path("stats/atlas/", AtlasStatisticsView.as_view(), name="stats-atlas"),
]
