"""Root URL configuration: German public URLs, the admin and the API under /api/v1/."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from portal import views
from portal.sitemaps import sitemaps

portal_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("suche/", views.SearchView.as_view(), name="search"),
        path("sprache/<str:language>/", views.switch_language, name="switch_language"),
        path(
            "impressum/",
            TemplateView.as_view(template_name="portal/imprint.html"),
            name="imprint",
        ),
        path(
            "datenschutz/",
            views.PrivacyView.as_view(),
            name="privacy",
        ),
        path(
            "api-fuer-partner/",
            TemplateView.as_view(template_name="portal/api_partners.html"),
            name="api_partners",
        ),
        path(
            "barrierefreiheit/",
            TemplateView.as_view(template_name="portal/accessibility.html"),
            name="accessibility",
        ),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("", include("cities.urls")),
    path("", include("bestpractices.urls")),
    path("", include("events.urls")),
    path("", include("funding.urls")),
    path("digital-check/", include("digitalcheck.urls")),
    path("netzwerk/", include("members.network_urls")),
    path("konto/", include("members.urls")),
    path("konto/", include("members.account_urls")),
    path("benachrichtigungen/", include("notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
