from django.urls import path

from members.api.views import BodyRelationViewSet, DirectoryEntryViewSet, NetworkStatisticsView


def register(router):
    router.register("directory", DirectoryEntryViewSet, basename="directory-entry")
    router.register("relations", BodyRelationViewSet, basename="relation")


urlpatterns = [
    path("stats/network/", NetworkStatisticsView.as_view(), name="stats-network"),
]
