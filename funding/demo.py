"""Demo programmes named in the seed texts, with the facts the seeds give and their source,
and example programmes with calls that are open or announced on the day of the load.

The real programmes hold only facts from the seeds or certain public facts; unknown fields
stay empty, and they get no calls: none of the seeds gives a date. So that the deadlines,
their calendar and "Was passt zu meiner Kommune?" have something to show, two made-up
programmes (``is_example``, labelled "Beispiel" everywhere) carry calls dated relative to
the day of the load; loading again on a later day moves the dates on.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from funding.choices import FundingKind, FundingLevel
from funding.models import Applicant, FundingCall, FundingProgramme
from portal.choices import PublicationStatus
from portal.models import FederalState, Theme

GELSENKIRCHEN_SOURCE = "https://www.gelsenkirchen.de/vernetztestadt"
GELSENKIRCHEN_AS_OF = "Stand: Meldung vom 19. Juni 2020 zur Digitalstrategie Gelsenkirchens."

PROGRAMMES = [
    {
        "slug": "modellprojekte-smart-cities",
        "title": "Modellprojekte Smart Cities",
        "short_name": "MPSC",
        "funding_body": "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen",
        "level": FundingLevel.FEDERAL,
        "kind": FundingKind.GRANT,
        "summary": (
            "Bundesprogramm, in dem Städte und Regionen als Modellprojekte zeigen, wie digitale "
            "Technologie für eine vernetzte Stadt genutzt werden kann – etwa die Stadt Cottbus "
            "mit vier Teilprojekten. Stand: Meldung vom 28. August 2024."
        ),
        "link": "https://www.smart-city-dialog.de/",
        "states": [],
        "applicants": ["kommune"],
        "themes": ["verwaltung", "datenplattform"],
    },
    {
        "slug": "digitale-modellregionen-nrw",
        "title": "Digitale Modellregionen NRW",
        "short_name": "",
        "funding_body": "Land Nordrhein-Westfalen",
        "level": FundingLevel.STATE,
        "kind": FundingKind.GRANT,
        "summary": (
            "Landesprogramm Nordrhein-Westfalens mit fünf digitalen Modellkommunen; Gelsenkirchen "
            f"ist eine von ihnen. {GELSENKIRCHEN_AS_OF}"
        ),
        "link": GELSENKIRCHEN_SOURCE,
        "states": ["05"],
        "applicants": ["kommune"],
        "themes": ["verwaltung"],
    },
    {
        "slug": "umbau-21-smart-region",
        "title": "Umbau 21 – Smart Region",
        "short_name": "Umbau 21",
        "funding_body": "",
        "level": FundingLevel.OTHER,
        "kind": FundingKind.GRANT,
        "summary": (
            "Förderprojekt, an dem die Stadt Gelsenkirchen nach eigenen Angaben erfolgreich "
            f"teilgenommen hat. {GELSENKIRCHEN_AS_OF}"
        ),
        "link": GELSENKIRCHEN_SOURCE,
        "states": [],
        "applicants": [],
        "themes": [],
    },
    {
        "slug": "digital-cities-challenge",
        "title": "Digital Cities Challenge",
        "short_name": "DCC",
        "funding_body": "Europäische Kommission",
        "level": FundingLevel.EU,
        "kind": FundingKind.ADVICE,
        "summary": (
            "Initiative der Europäischen Kommission; Gelsenkirchen wurde in ihrem Rahmen als "
            f"„Fellow City“ ausgewählt. {GELSENKIRCHEN_AS_OF}"
        ),
        "link": GELSENKIRCHEN_SOURCE,
        "states": [],
        "applicants": ["kommune"],
        "themes": [],
    },
]


EXAMPLE_BODY = "Fiktiver Fördergeber (Beispiel)"
EXAMPLE_NOTE = (
    "Beispielprogramm: erfunden, um zu zeigen, wie Förderprogramme mit ihren Aufrufen, Fristen "
    "und dem Abgleich „Was passt zu meiner Kommune?“ im Portal erscheinen. Es gibt weder das "
    "Programm noch seine Fristen."
)
# Example programmes; each call's dates are days relative to the day of the load (opening,
# deadline at 12:00 German time; None for a rolling call).
EXAMPLE_PROGRAMMES = [
    {
        "slug": "beispiel-digitale-daseinsvorsorge",
        "title": "Digitale Daseinsvorsorge in Städten und Gemeinden",
        "short_name": "",
        "funding_body": EXAMPLE_BODY,
        "level": FundingLevel.FEDERAL,
        "kind": FundingKind.GRANT,
        "funding_rate_min": Decimal("50"),
        "funding_rate_max": Decimal("80"),
        "max_amount": Decimal("500000"),
        "summary": (
            "Zuschüsse für digitale Verwaltungsleistungen, urbane Datenplattformen und vernetzte "
            "Mobilität. " + EXAMPLE_NOTE
        ),
        "funded_activities": (
            "- Konzepte und Pilotvorhaben für digitale Verwaltungsleistungen\n"
            "- Aufbau einer urbanen Datenplattform\n"
            "- Vernetzte Mobilitätsangebote"
        ),
        "states": [],
        "applicants": ["kommune", "landkreis"],
        "themes": ["verwaltung", "datenplattform", "mobilitaet"],
        "calls": [
            ("Aufruf mit offener Frist", -30, 45, Decimal("5000000")),
            ("Nächster Aufruf", 60, 150, Decimal("5000000")),
        ],
    },
    {
        "slug": "beispiel-smarte-quartiere-nrw",
        "title": "Smarte Quartiere Nordrhein-Westfalen",
        "short_name": "",
        "funding_body": EXAMPLE_BODY,
        "level": FundingLevel.STATE,
        "kind": FundingKind.GRANT,
        "funding_rate_min": None,
        "funding_rate_max": Decimal("90"),
        "max_amount": Decimal("250000"),
        "summary": (
            "Zuschüsse für Sensorik, Energie- und Mobilitätsdaten in Stadtquartieren. "
            + EXAMPLE_NOTE
        ),
        "funded_activities": "",
        "states": ["05"],
        "applicants": ["kommune"],
        "themes": ["mobilitaet", "energie-umwelt"],
        "calls": [
            ("Aufruf mit naher Frist", -60, 10, Decimal("2000000")),
            ("Laufende Antragstellung", -90, None, None),
        ],
    },
]


def _save_programme(entry: dict, *, is_example: bool) -> FundingProgramme:
    data = dict(entry)
    states = data.pop("states")
    applicants = data.pop("applicants")
    themes = data.pop("themes")
    slug = data.pop("slug")
    data.pop("calls", None)
    programme, _created = FundingProgramme.objects.update_or_create(
        slug=slug,
        defaults={**data, "status": PublicationStatus.PUBLISHED, "is_example": is_example},
    )
    programme.full_clean()
    programme.states.set(FederalState.objects.filter(code__in=states))
    programme.eligible_applicants.set(Applicant.objects.filter(slug__in=applicants))
    programme.themes.set(Theme.objects.filter(slug__in=themes))
    return programme


def _day(today: date, days: int, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))


def _save_example_calls(programme: FundingProgramme, calls, *, today: date) -> None:
    """The programme's example calls, dated from ``today``; no other call stays."""
    for title, opens_in, deadline_in, budget in calls:
        call = FundingCall.objects.filter(programme=programme, title=title).first()
        call = call or FundingCall(programme=programme, title=title)
        call.opens_at = _day(today, opens_in, 0)
        call.rolling = deadline_in is None
        call.deadline = None if call.rolling else _day(today, deadline_in, 12)
        call.budget = budget
        call.link = ""
        call.is_example = True
        call.full_clean()
        call.save()
    programme.calls.exclude(title__in=[title for title, *_dates in calls]).delete()


@transaction.atomic
def load(*, stdout) -> None:
    for entry in PROGRAMMES:
        _save_programme(entry, is_example=False)
    today = timezone.localdate()
    for entry in EXAMPLE_PROGRAMMES:
        programme = _save_programme(entry, is_example=True)
        _save_example_calls(programme, entry["calls"], today=today)
    link_funded_projects()
    stdout.write(
        f"Förderprogramme: {len(PROGRAMMES)} aus den Quellen, "
        f"{len(EXAMPLE_PROGRAMMES)} Beispiele mit Aufrufen"
    )


# Projects of the demo content that a source text names as funded by a programme
# (programme slug → project slugs): Cottbus's Datendrehscheibe is part of the Modellprojekte
# Smart Cities (seed "Cottbus: Datendrehscheibe der Stadt").
FUNDED_PROJECTS = {"modellprojekte-smart-cities": ["cottbus-datendrehscheibe"]}


def link_funded_projects() -> None:
    """Link the demo projects to their programmes, where the projects app has them (it loads
    its demo content before this app; the relation is reached without importing it)."""
    for slug, project_slugs in FUNDED_PROJECTS.items():
        programme = FundingProgramme.objects.get(slug=slug)
        projects = programme.funded_projects.model.objects.filter(slug__in=project_slugs)
        programme.funded_projects.add(*projects)
