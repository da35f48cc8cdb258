"""Shared helpers for the kernel: the ten Themes are seeded by a migration, not made here."""

from portal.models import Theme

THEME_SLUGS = (
    "verwaltung",
    "mobilitaet",
    "energie-umwelt",
    "gesundheit",
    "bildung",
    "handel",
    "gesellschaft",
    "sicherheit",
    "it-infrastruktur",
    "datenplattform",
)


def theme(slug: str) -> Theme:
    """One of the seeded Handlungsfelder by its slug."""
    return Theme.objects.get(slug=slug)
