"""Demo programmes named in the seed texts, with the facts the seeds give and their source.

Only facts from the seeds or certain public facts; unknown fields stay empty, and no calls
are invented (none of the seeds gives a date).
"""

from django.db import transaction

from funding.choices import FundingKind, FundingLevel
from funding.models import Applicant, FundingProgramme
from portal.choices import PublicationStatus
from portal.models import FederalState, Theme

GELSENKIRCHEN_SOURCE = "https://www.gelsenkirchen.de/vernetztestadt"

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
            "mit vier Teilprojekten."
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
            "ist eine von ihnen."
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
            "teilgenommen hat."
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
            "„Fellow City“ ausgewählt."
        ),
        "link": GELSENKIRCHEN_SOURCE,
        "states": [],
        "applicants": ["kommune"],
        "themes": [],
    },
]


@transaction.atomic
def load(*, stdout) -> None:
    for entry in PROGRAMMES:
        data = dict(entry)
        states = data.pop("states")
        applicants = data.pop("applicants")
        themes = data.pop("themes")
        slug = data.pop("slug")
        programme, _created = FundingProgramme.objects.update_or_create(
            slug=slug, defaults={**data, "status": PublicationStatus.PUBLISHED}
        )
        programme.full_clean()
        programme.states.set(FederalState.objects.filter(code__in=states))
        programme.eligible_applicants.set(Applicant.objects.filter(slug__in=applicants))
        programme.themes.set(Theme.objects.filter(slug__in=themes))
    link_funded_projects()
    stdout.write(f"Förderprogramme: {len(PROGRAMMES)}")


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
