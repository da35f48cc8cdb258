"""Demo content of the shared kernel: descriptions of the Handlungsfelder with the figures of
the Bitkom Smart-City-Atlas 2019 (50 cities; interviews December 2018 to March 2019)."""

from portal.models import Theme

THEME_DESCRIPTIONS = {
    "verwaltung": (
        "Digitalisierung der Verwaltung: 98 % der 50 Städte im Smart-City-Atlas 2019 nennen sie "
        "als Schwerpunkt, 74 % setzen hier Leuchtturmprojekte um."
    ),
    "mobilitaet": (
        "Vernetzte und nachhaltige Mobilität: Schwerpunkt von 92 % der Atlas-Städte, "
        "Leuchtturmprojekte in 60 %."
    ),
    "energie-umwelt": "Energie und Umwelt: Schwerpunkt von 86 % der Atlas-Städte.",
    "gesundheit": "Digitale Angebote für Gesundheit und Pflege.",
    "bildung": "Digitale Bildung in Schulen, Volkshochschulen und Bibliotheken.",
    "handel": "Digitaler Handel und lebendige Innenstädte.",
    "gesellschaft": "Digitale Teilhabe, Beteiligung und Lebensqualität.",
    "sicherheit": "Öffentliche Sicherheit, Datenschutz und IT-Sicherheit.",
    "it-infrastruktur": "Glasfaser, WLAN und Rechenzentren als Grundlage der vernetzten Stadt.",
    "datenplattform": (
        "Urbane Datenplattformen und Open Data: Leuchtturmprojekte in 36 % der Atlas-Städte."
    ),
}


def load(*, stdout) -> None:
    for slug, description in THEME_DESCRIPTIONS.items():
        Theme.objects.filter(slug=slug).update(description=description)
    stdout.write(f"Handlungsfelder: {len(THEME_DESCRIPTIONS)} Beschreibungen")
