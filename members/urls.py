"""The member's own pages under /konto/ (the sign-in pages are in account_urls)."""

from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.AccountView.as_view(), name="account"),
    path("zugehoerigkeit/neu/", views.MembershipRequestView.as_view(), name="membership_request"),
    path(
        "zugehoerigkeit/<int:pk>/bestaetigen/",
        views.membership_confirm_view,
        name="membership_confirm",
    ),
    path(
        "zugehoerigkeit/<int:pk>/ablehnen/", views.membership_reject_view, name="membership_reject"
    ),
    path("wer-macht-was/", views.DirectoryView.as_view(), name="directory"),
    path("wer-macht-was/mein-eintrag/", views.DirectoryEntryView.as_view(), name="directory_entry"),
    path("netzwerk/neu/", views.RelationProposeView.as_view(), name="relation_propose"),
    path("netzwerk/<int:pk>/<slug:action>/", views.relation_action_view, name="relation_action"),
    path("meine-daten/", views.my_data_view, name="my_data"),
    path("loeschen/", views.AccountDeleteView.as_view(), name="delete"),
    path("kontakt/mitglied/<int:pk>/", views.MemberContactView.as_view(), name="contact_member"),
    path("kontakt/melden/<str:token>/", views.contact_report_view, name="contact_report"),
    path(
        "stellen/<slug:kind>/<str:key>/profil/",
        views.ProfileChangeView.as_view(),
        name="profile_change",
    ),
    path("aenderungen/<int:pk>/", views.change_detail_view, name="change_detail"),
    path("kontakt/<slug:kind>/<str:key>/", views.BodyContactView.as_view(), name="contact_body"),
]
