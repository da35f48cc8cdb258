from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("termine/", views.EventListView.as_view(), name="event_list"),
    path("termine/archiv/", views.EventArchiveView.as_view(), name="event_archive"),
    path("termine/kalender/", views.EventMonthView.as_view(), name="event_month_current"),
    path(
        "termine/kalender/<int:year>/<int:month>/",
        views.EventMonthView.as_view(),
        name="event_month",
    ),
    path("termine/kalender.ics", views.EventFeedView.as_view(), name="event_feed"),
    path(
        "termine/anmeldung/<slug:token>/bestaetigen/",
        views.RegistrationConfirmView.as_view(),
        name="registration_confirm",
    ),
    path(
        "termine/anmeldung/<slug:token>/abmelden/",
        views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path("termine/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("termine/<slug:slug>/anmelden/", views.EventRegisterView.as_view(), name="event_register"),
    path("termine/<slug:slug>/termin.ics", views.EventICalView.as_view(), name="event_ical"),
    path("expertenkreise/", views.ExpertCircleListView.as_view(), name="circle_list"),
    path(
        "expertenkreise/<slug:slug>/", views.ExpertCircleDetailView.as_view(), name="circle_detail"
    ),
    path(
        "expertenkreise/<slug:slug>/beitreten/",
        views.CircleJoinView.as_view(),
        name="circle_join",
    ),
    path(
        "expertenkreise/<slug:slug>/mitglieder/",
        views.CircleMembersView.as_view(),
        name="circle_members",
    ),
    path(
        "expertenkreise/<slug:slug>/kalender.ics",
        views.ExpertCircleFeedView.as_view(),
        name="circle_feed",
    ),
]
