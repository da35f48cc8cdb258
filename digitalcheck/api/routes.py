from django.urls import path

from digitalcheck.api.views import CheckStatisticsView


def register(router):
    """The check's answers are the bodies' own: the API serves the statistics only."""


urlpatterns = [
    path("stats/digital-check/", CheckStatisticsView.as_view(), name="stats-digital-check"),
]
