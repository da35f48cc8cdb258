from django.urls import path

from digitalcheck import views

app_name = "digitalcheck"

BODY = "<str:kind>/<str:key>/"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("fragen/<int:step>/", views.AnonymousStepView.as_view(), name="step"),
    path("ergebnis/", views.AnonymousResultView.as_view(), name="anonymous_result"),
    path("ergebnisse/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path(
        "ergebnisse/<int:pk>/export.<str:format>",
        views.assessment_export,
        name="assessment_export",
    ),
    path(
        "ergebnisse/<int:pk>/digitalprofil/",
        views.ProfileProposalView.as_view(),
        name="profile_proposal",
    ),
    path(f"{BODY}beginnen/", views.BodyStartView.as_view(), name="body_start"),
    path(f"{BODY}fragen/<int:step>/", views.BodyStepView.as_view(), name="body_step"),
    path(f"{BODY}entwurf/", views.DraftResultView.as_view(), name="draft_result"),
]
