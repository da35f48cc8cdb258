from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The areas of the portal, in the order of the main navigation. An area appears once
# its app provides the list view.
AREAS = [
    (
        "cities:municipality_list",
        _("Kommunen"),
        _(
            "Register aller Kommunen mit ihren digitalen Profilen: "
            "Strategie, Organisation, Partner."
        ),
    ),
    (
        "bestpractices:project_list",
        _("Praxisbeispiele"),
        _(
            "Projekte, die anderswo funktioniert haben – "
            "mit Kosten, Ergebnissen und Übertragbarkeit."
        ),
    ),
    (
        "events:event_list",
        _("Termine"),
        _("Veranstaltungen und Expertenkreise im ganzen Bundesgebiet, auch als Kalender-Abo."),
    ),
    (
        "funding:programme_list",
        _("Förderprogramme"),
        _(
            "Förderprogramme von EU, Bund und Ländern mit Fristen, "
            "Förderquoten und Antragsberechtigten."
        ),
    ),
    (
        "digitalcheck:start",
        _("Digital-Check"),
        _(
            "In 15 Minuten sehen, wo Ihre Verwaltung steht – mit ersten Schritten aus "
            "Praxisbeispielen, Förderprogrammen und Terminen."
        ),
    ),
]


def portal_areas():
    """The areas as dicts with title, description and url (None until the app serves
    its list view)."""
    areas = []
    for url_name, title, description in AREAS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        areas.append({"url": url, "title": title, "description": description})
    return areas


def portal(request):
    """Site name and main navigation for every template."""
    path = request.path
    navigation = [
        {**area, "current": path.startswith(area["url"])} for area in portal_areas() if area["url"]
    ]
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "main_navigation": navigation,
    }
