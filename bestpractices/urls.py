from django.urls import path

from bestpractices import views

app_name = "bestpractices"
urlpatterns = [
    path("praxisbeispiele/", views.ProjectListView.as_view(), name="project_list"),
    path(
        "praxisbeispiele/vorschlagen/",
        views.ProjectProposalView.as_view(),
        name="project_proposal",
    ),
    path(
        "praxisbeispiele/vorschlagen/danke/",
        views.ProjectProposalThanksView.as_view(),
        name="project_proposal_thanks",
    ),
    path("praxisbeispiele/export.csv", views.project_export_csv, name="project_export_csv"),
    path("praxisbeispiele/export.json", views.project_export_json, name="project_export_json"),
    path(
        "praxisbeispiele/neu/<slug:kind>/<str:key>/",
        views.ProjectCreateView.as_view(),
        name="project_create",
    ),
    path("praxisbeispiele/<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path(
        "praxisbeispiele/<slug:slug>/bearbeiten/",
        views.ProjectChangeView.as_view(),
        name="project_change",
    ),
    path(
        "praxisbeispiele/<slug:slug>/kontakt/",
        views.ProjectContactView.as_view(),
        name="project_contact",
    ),
]
