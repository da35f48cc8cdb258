from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.SubscriptionListView.as_view(), name="subscription_list"),
    path("suche-speichern/", views.SearchCreateView.as_view(), name="search_create"),
    path("folgen/", views.WatchCreateView.as_view(), name="watch_create"),
    path("<int:pk>/", views.SubscriptionUpdateView.as_view(), name="subscription_update"),
    path("<int:pk>/loeschen/", views.SubscriptionDeleteView.as_view(), name="subscription_delete"),
    path("<int:pk>/feed/", views.FeedTokenView.as_view(), name="feed_token"),
    # Reached from e-mails and feed readers, without signing in.
    path("abbestellen/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("feed/<str:token>/", views.SearchFeed(), name="feed"),
]
