from django.urls import path

from cities import views

app_name = "cities"
urlpatterns = [
    path("kommunen/", views.MunicipalityListView.as_view(), name="municipality_list"),
    path(
        "kommunen/vergleich/", views.MunicipalityCompareView.as_view(), name="municipality_compare"
    ),
    path("kommunen/<str:ags>/", views.MunicipalityDetailView.as_view(), name="municipality_detail"),
    path("kreise/<str:key>/", views.DistrictDetailView.as_view(), name="district_detail"),
    path(
        "gemeindeverbaende/<str:key>/",
        views.AssociationDetailView.as_view(),
        name="association_detail",
    ),
    path("atlas/", views.AtlasView.as_view(), name="atlas"),
    path("datenquellen/", views.DataSourcesView.as_view(), name="data_sources"),
]
