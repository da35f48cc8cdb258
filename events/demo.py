"""Demo content: the events named in the source texts (with only the facts given there) and
expert circles of the competence centre on the Atlas' main themes, as its nine-point
proposal describes them. Idempotent: entries are matched by slug."""

from datetime import date

from cities.models import Municipality
from events.choices import EventKind
from events.models import Event, ExpertCircle
from portal.choices import PublicationStatus
from portal.models import Theme

CALENDAR_2019 = (
    "Termin aus dem Veranstaltungskalender „Termine / Veranstaltungen“ des Magazins für "
    "Kommunalwirtschaft (2019)."
)

# (slug, title, kind, first day, last day, place, venue, AGS of the place, theme slugs)
EVENTS = [
    (
        "internet-of-energy-2019",
        "internet of energy",
        EventKind.CONFERENCE,
        date(2019, 9, 3),
        date(2019, 9, 4),
        "Berlin",
        "",
        "11000000",
        ["energie-umwelt"],
    ),
    (
        "staedte-als-orte-der-verkehrswende-2019",
        "3. Konferenz „Städte als Orte der Verkehrswende“: Ausgeliefert?! Die Zukunft des "
        "städtischen Güterverkehrs",
        EventKind.CONFERENCE,
        date(2019, 9, 4),
        None,
        "Berlin",
        "",
        "11000000",
        ["mobilitaet"],
    ),
    (
        "duisburger-kwk-symposium-2019",
        "17. Duisburger KWK-Symposium",
        EventKind.CONFERENCE,
        date(2019, 9, 5),
        None,
        "Duisburg",
        "",
        "05112000",
        ["energie-umwelt"],
    ),
    (
        "mygovernment-2019",
        "myGovernment 2019: Start-ups mit Lösungen für den Smarten Staat",
        EventKind.CONFERENCE,
        date(2019, 9, 12),
        None,
        "Berlin",
        "",
        "11000000",
        ["verwaltung"],
    ),
    (
        "personalforum-energie-2019",
        "Personalforum Energie 2019: New Work. Better Work",
        EventKind.CONFERENCE,
        date(2019, 9, 12),
        date(2019, 9, 13),
        "Darmstadt",
        "",
        "06411000",
        [],
    ),
    (
        "k3-kongress-2019",
        "K3 Kongress zu Klimawandel, Kommunikation und Gesellschaft",
        EventKind.CONFERENCE,
        date(2019, 9, 24),
        date(2019, 9, 25),
        "Karlsruhe",
        "",
        "08212000",
        ["energie-umwelt"],
    ),
    (
        "smart-country-convention-2019",
        "Smart Country Convention 2019",
        EventKind.TRADE_FAIR,
        date(2019, 10, 22),
        date(2019, 10, 24),
        "Berlin",
        "",
        "11000000",
        ["verwaltung"],
    ),
    (
        "inside-kongress-rku-it-2019",
        "INSIDE – der Kongress der rku.it",
        EventKind.CONFERENCE,
        date(2019, 11, 7),
        None,
        "Hattingen",
        "LWL-Industriemuseum",
        "",
        [],
    ),
    (
        "vku-personalforum-2019",
        "VKU-Personalforum 2019",
        EventKind.CONFERENCE,
        date(2019, 11, 21),
        date(2019, 11, 22),
        "München",
        "",
        "09162000",
        [],
    ),
    (
        "smart-cities-durch-digitale-beteiligung-2019",
        "Smart Cities durch digitale Beteiligung",
        EventKind.CONFERENCE,
        date(2019, 11, 25),
        None,
        "Frankfurt am Main",
        "",
        "06412000",
        ["gesellschaft"],
    ),
]

DESCRIPTIONS = {
    "smart-country-convention-2019": (
        "Die Digitalisierung von Kommunen ist zentrales Thema der Kongressmesse „Smart "
        "Country Convention“ in Berlin.\n\n" + CALENDAR_2019
    ),
}

SCCON_2024 = {
    "slug": "smart-country-convention-2024",
    "title": "Smart Country Convention 2024",
    "description": (
        "Drei Tage Fokus auf die Digitalisierung des öffentlichen Sektors: Die Smart Country "
        "Convention (SCCON) vernetzt Politik, Verwaltung und Digitalwirtschaft. Themen sind "
        "zum Beispiel Leitlinien für den Einsatz von KI in der Verwaltung, der digitale "
        "Zwilling in der Smart City und die personalisierte Verwaltung auf dem Smartphone.\n\n"
        "Quelle: Meldung vom 1. September 2024."
    ),
}

CENTRE = "Kompetenzzentrum „Digitale Städte und Regionen“"
PROPOSAL = (
    "Ein Expertenkreis des Kompetenzzentrums. Das Neun-Punkte-Papier zum Aufbau des "
    "Kompetenzzentrums (Vitako-Branchenticker Nr. 35, Berlin, 7. September 2018) sieht "
    "„regelmäßige Veranstaltungen und Expertenkreise im gesamten Bundesgebiet mit allen "
    "relevanten Akteursgruppen“ vor."
)
# The three most important themes of the Smart-City-Atlas 2019 (share of the 50 cities).
CIRCLES = [
    (
        "expertenkreis-digitale-verwaltung",
        "Expertenkreis Digitalisierung der Verwaltung (Kompetenzzentrum)",
        "verwaltung",
        "Die Digitalisierung der Verwaltung nennen 98 % der 50 Städte im Smart-City-Atlas "
        "2019 als Themenfeld; 74 % setzen hier Leuchtturmprojekte um.",
    ),
    (
        "expertenkreis-mobilitaet",
        "Expertenkreis Mobilität (Kompetenzzentrum)",
        "mobilitaet",
        "Mobilität nennen 92 % der 50 Städte im Smart-City-Atlas 2019 als Themenfeld; 60 % "
        "setzen hier Leuchtturmprojekte um.",
    ),
    (
        "expertenkreis-energie-umwelt",
        "Expertenkreis Energie und Umwelt (Kompetenzzentrum)",
        "energie-umwelt",
        "Energie und Umwelt nennen 86 % der 50 Städte im Smart-City-Atlas 2019 als Themenfeld.",
    ),
]


def _municipality(ags: str, name: str):
    if ags:
        return Municipality.objects.filter(ags=ags).first()
    return Municipality.objects.filter(name__startswith=name).order_by("ags").first()


def _save_event(*, slug: str, themes: list[str], **fields) -> Event:
    event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
    for name, value in fields.items():
        setattr(event, name, value)
    event.status = PublicationStatus.PUBLISHED
    event.latitude = event.longitude = None
    event.full_clean()
    event.save()
    event.themes.set(Theme.objects.filter(slug__in=themes))
    return event


def load(*, stdout) -> None:
    for slug, title, kind, first, last, place, venue, ags, themes in EVENTS:
        _save_event(
            slug=slug,
            themes=themes,
            title=title,
            kind=kind,
            all_day=True,
            start_date=first,
            end_date=last,
            venue_name=venue,
            venue_address=place,
            venue_municipality=_municipality(ags, place),
            description=DESCRIPTIONS.get(slug, CALENDAR_2019),
        )
    _save_event(
        themes=["verwaltung"],
        kind=EventKind.TRADE_FAIR,
        all_day=True,
        start_date=date(2024, 10, 15),
        end_date=date(2024, 10, 17),
        venue_address="Berlin",
        venue_municipality=_municipality("11000000", "Berlin"),
        **SCCON_2024,
    )
    for slug, name, theme_slug, figures in CIRCLES:
        circle, _created = ExpertCircle.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": f"{PROPOSAL}\n\n{figures}",
                "moderation_organisation": CENTRE,
                "status": PublicationStatus.PUBLISHED,
            },
        )
        circle.full_clean()
        circle.themes.set(Theme.objects.filter(slug=theme_slug))
    stdout.write(f"Termine: {len(EVENTS) + 1}, Expertenkreise: {len(CIRCLES)}")
