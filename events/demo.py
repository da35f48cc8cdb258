"""Demo content: the events named in the source texts (facts, with their source) and, as
examples, expert circles of the competence centre on the Atlas' main themes with their
regular meetings, and a workshop of the centre that takes registrations.

The sources name no circle and no date after 2024, so the circles and their meetings are
made up to show the calendar at work; they carry ``is_example`` and every channel labels
them "Beispiel". The meetings are series dated relative to the day of the load: from the
first day of the month ``MONTHS_BEHIND`` months back, so the calendar always has meetings
ahead and a few behind. Loading again on a later day moves them on: occurrences the rule
no longer yields are deleted, past ones too (an example records nothing that took place),
so the number of rows stays the same. The workshop lies two to three weeks after the day
of the load, with its registration open until shortly before. Idempotent: entries are
matched by slug.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cities.models import Municipality
from events.choices import EventKind, Frequency, Weekday, WeekOfMonth
from events.models import Event, EventSeries, ExpertCircle, Registration
from events.services import event_series_dates, event_series_generate
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
    "Ein Beispiel für einen Expertenkreis des Kompetenzzentrums. Das Neun-Punkte-Papier zum "
    "Aufbau des Kompetenzzentrums (Vitako-Branchenticker Nr. 35, Berlin, 7. September 2018) "
    "sieht „regelmäßige Veranstaltungen und Expertenkreise im gesamten Bundesgebiet mit allen "
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


# The circles' regular meetings (examples). Each series begins on the first day of the
# month MONTHS_BEHIND months before the load; ``count`` reaches about eight months ahead.
MONTHS_BEHIND = 3
MEETING_NOTE = (
    "Beispieltermin: Die Quelltexte nennen keine Treffen der Expertenkreise. Datum, Uhrzeit "
    "und Ort sind erfunden; sie zeigen, wie die regelmäßigen Treffen eines Kreises als "
    "Terminserie im Kalender erscheinen."
)
SERIES = [
    {
        "slug": "beispiel-treffen-digitale-verwaltung",
        "circle": "expertenkreis-digitale-verwaltung",
        "title": "Treffen des Expertenkreises Digitalisierung der Verwaltung",
        "themes": ["verwaltung"],
        "frequency": Frequency.MONTHLY,
        "interval": 1,
        "weekday": Weekday.TUESDAY,
        "week_of_month": WeekOfMonth.FIRST,
        "start_time": time(14, 0),
        "end_time": time(16, 0),
        "count": 12,
        "venue_address": "",
        "venue_ags": "",
        "online_link": "https://konferenz.example.org/expertenkreis-verwaltung",
    },
    {
        "slug": "beispiel-treffen-mobilitaet",
        "circle": "expertenkreis-mobilitaet",
        "title": "Treffen des Expertenkreises Mobilität",
        "themes": ["mobilitaet"],
        "frequency": Frequency.MONTHLY,
        "interval": 1,
        "weekday": Weekday.WEDNESDAY,
        "week_of_month": WeekOfMonth.THIRD,
        "start_time": time(10, 0),
        "end_time": time(13, 0),
        "count": 12,
        "venue_address": "Gelsenkirchen",
        "venue_ags": "05513000",
        "online_link": "https://konferenz.example.org/expertenkreis-mobilitaet",
    },
    {
        "slug": "beispiel-treffen-energie-umwelt",
        "circle": "expertenkreis-energie-umwelt",
        "title": "Treffen des Expertenkreises Energie und Umwelt",
        "themes": ["energie-umwelt"],
        "frequency": Frequency.MONTHLY,
        "interval": 3,
        "weekday": Weekday.THURSDAY,
        "week_of_month": WeekOfMonth.SECOND,
        "start_time": time(10, 0),
        "end_time": time(12, 0),
        "count": 5,
        "venue_address": "",
        "venue_ags": "",
        "online_link": "https://konferenz.example.org/expertenkreis-energie-umwelt",
    },
]


# The example workshop of the centre with registration through the portal: online, on the
# first Thursday at least WORKSHOP_DAYS_AHEAD days after the load, so that its registration
# is open on the day of every load and closes REGISTRATION_CLOSES_DAYS_BEFORE days before.
WORKSHOP_DAYS_AHEAD = 14
REGISTRATION_CLOSES_DAYS_BEFORE = 2
WORKSHOP = {
    "slug": "beispiel-online-werkstatt-digitale-antraege",
    "title": "Online-Werkstatt: Digitale Anträge in der Kommune",
    "kind": EventKind.WORKSHOP,
    "description": (
        "Beispieltermin: Die Quelltexte nennen keine Werkstatt des Kompetenzzentrums. Datum, "
        "Uhrzeit und Online-Raum sind erfunden; der Termin zeigt, wie die Anmeldung über das "
        "Portal funktioniert: freie Plätze, Warteliste, Bestätigung per E-Mail und der "
        "Online-Link, den nur Angemeldete bekommen."
    ),
    "organiser": CENTRE,
    "online_link": "https://konferenz.example.org/werkstatt-digitale-antraege",
    "registration_enabled": True,
    "capacity": 25,
    "fee_note": "kostenlos",
}
WORKSHOP_TIMES = (time(10, 0), time(12, 0))


def workshop_day(today: date) -> date:
    """The first Thursday at least WORKSHOP_DAYS_AHEAD days after ``today``."""
    day = today + timedelta(days=WORKSHOP_DAYS_AHEAD)
    return day + timedelta(days=(Weekday.THURSDAY - day.weekday()) % 7)


def months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` months before the month of ``day``."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _municipality(ags: str, name: str):
    if ags:
        return Municipality.objects.filter(ags=ags).first()
    return Municipality.objects.filter(name__startswith=name).order_by("ags").first()


def _save_event(*, slug: str, themes: list[str], is_example: bool = False, **fields) -> Event:
    event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
    for name, value in fields.items():
        setattr(event, name, value)
    event.status = PublicationStatus.PUBLISHED
    event.is_example = is_example
    event.latitude = event.longitude = None
    event.full_clean()
    event.save()
    event.themes.set(Theme.objects.filter(slug__in=themes))
    return event


def _save_series(entry: dict, *, starts_on: date) -> list[Event]:
    """The series of a circle's example meetings from ``starts_on``, with its occurrences:
    those the rule no longer yields go, past ones too (examples are no record)."""
    fields = dict(entry)
    slug = fields.pop("slug")
    themes = fields.pop("themes")
    circle = ExpertCircle.objects.get(slug=fields.pop("circle"))
    ags = fields.pop("venue_ags")
    series = EventSeries.objects.filter(slug=slug).first() or EventSeries(slug=slug)
    for name, value in fields.items():
        setattr(series, name, value)
    series.kind = EventKind.CIRCLE_MEETING
    series.description = MEETING_NOTE
    series.organiser = CENTRE
    series.expert_circle = circle
    series.venue_municipality = _municipality(ags, "") if ags else None
    series.starts_on = starts_on
    series.until = None
    series.status = PublicationStatus.PUBLISHED
    series.is_example = True
    series.full_clean()
    series.save()
    series.themes.set(Theme.objects.filter(slug__in=themes))
    days = event_series_dates(series=series)
    series.occurrences.exclude(series_occurrence__in=days).delete()
    return event_series_generate(series=series)


def _save_workshop(*, today: date) -> Event:
    """The example workshop, moved to its day after ``today``. Registrations for an earlier
    day of it go: they were for a date that no longer exists (examples are no record)."""
    day = workshop_day(today)
    start, end = (timezone.make_aware(datetime.combine(day, moment)) for moment in WORKSHOP_TIMES)
    Registration.objects.filter(event__slug=WORKSHOP["slug"]).exclude(event__start=start).delete()
    return _save_event(
        themes=["verwaltung"],
        is_example=True,
        all_day=False,
        start=start,
        end=end,
        registration_deadline=day - timedelta(days=REGISTRATION_CLOSES_DAYS_BEFORE),
        **WORKSHOP,
    )


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
                "is_example": True,
            },
        )
        circle.full_clean()
        circle.themes.set(Theme.objects.filter(slug=theme_slug))
    starts_on = months_before(timezone.localdate(), MONTHS_BEHIND)
    meetings = sum(len(_save_series(entry, starts_on=starts_on)) for entry in SERIES)
    _save_workshop(today=timezone.localdate())
    stdout.write(
        f"Termine: {len(EVENTS) + 1} aus den Quellen, {meetings + 1} Beispieltermine (einer "
        f"mit Anmeldung); Expertenkreise (Beispiele): {len(CIRCLES)}"
    )
