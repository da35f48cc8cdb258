from django.urls import path

from funding import feeds, views

app_name = "funding"
urlpatterns = [
    path("foerderprogramme/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("foerderprogramme/fristen/", views.DeadlineListView.as_view(), name="deadline_list"),
    path("foerderprogramme/fristen.ics", feeds.deadline_calendar, name="deadline_calendar"),
    path("foerderprogramme/aenderungen.atom", feeds.CallChangesFeed(), name="call_feed"),
    path(
        "foerderprogramme/passt-zu-meiner-kommune/",
        views.MatcherView.as_view(),
        name="matcher",
    ),
    path(
        "foerderprogramme/passt-zu-meiner-kommune/kommunen.json",
        views.municipality_suggestions,
        name="municipality_suggestions",
    ),
    path(
        "foerderprogramme/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="programme_detail",
    ),
]
