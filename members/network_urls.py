"""The public page of the network of municipalities, under /netzwerk/."""

from django.urls import path

from members import views

app_name = "network"

urlpatterns = [
    path("", views.NetworkView.as_view(), name="relation_list"),
]
