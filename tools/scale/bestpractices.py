"""Synthetic best-practice projects for benchmarks (``manage.py generate_scale_data``).

Fills the collection up to the scale's number of projects (100,000 nationally) with German
text from the shared vocabulary, each project's text about one story (so the full-text
search has realistic material: specific words are rare, common ones frequent), one to
three themes, a lead municipality from the register (larger places lead more projects),
sometimes participating municipalities, phases, costs, licences and publication dates over
the last six years; most are published, a few drafts, proposals in review and archived.

The search needs nothing filled in: PostgreSQL computes the stored search document (a
generated column, migration 0006) and its GIN index on insert. Synthetic projects are
marked by a link on the reserved domain ``.example``.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from django.utils import timezone
from django.utils.text import slugify

from bestpractices.choices import Licence, ProjectPhase, TransferEffort
from bestpractices.models import Project
from cities.models import Municipality
from portal.choices import PublicationStatus
from portal.models import Theme
from tools.scale import (
    GOALS,
    PARTNERS,
    SYNTHETIC_URL_SUFFIX,
    batches,
    paragraph,
    random_date,
    sentence,
    story,
    synthetic_url,
    text,
    title,
)

STATUS_WEIGHTS = {
    PublicationStatus.PUBLISHED: 92,
    PublicationStatus.DRAFT: 3,
    PublicationStatus.REVIEW: 3,
    PublicationStatus.ARCHIVED: 2,
}
PHASE_WEIGHTS = {
    ProjectPhase.IDEA: 5,
    ProjectPhase.PLANNED: 10,
    ProjectPhase.RUNNING: 45,
    ProjectPhase.COMPLETED: 35,
    ProjectPhase.DISCONTINUED: 5,
}
YEARS_BACK = 6


def synthetic_projects():
    return Project.objects.filter(links__endswith=SYNTHETIC_URL_SUFFIX)


def generated_count() -> int:
    return synthetic_projects().count()


def flush(*, stdout) -> None:
    deleted, _ = synthetic_projects().delete()
    stdout.write(f"Praxisbeispiele: {deleted} Zeilen gelöscht")


def pick(weights: dict, rng):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate(*, scale, rng, stdout) -> None:
    needed = scale.projects - Project.objects.count()
    if needed <= 0:
        stdout.write(f"Praxisbeispiele: schon {scale.projects} da, keine erzeugt")
        return
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    places = list(Municipality.objects.order_by("pk").values_list("pk", "population", "state_id"))
    cumulative = list(accumulate(max(p or 100, 100) ** 0.6 for _, p, _state in places))
    today = timezone.localdate()
    now = timezone.now()
    theme_through = Project.themes.through
    participant_through = Project.participating_municipalities.through
    count = 0
    for batch in batches(
        project(number, places, cumulative, today, now, rng) for number in range(needed)
    ):
        Project.objects.bulk_create(batch)
        pks = dict(
            Project.objects.filter(slug__in=[p.slug for p in batch]).values_list("slug", "pk")
        )
        theme_rows, participant_rows = [], []
        for item in batch:
            pk = pks[item.slug]
            for theme in rng.sample(themes, rng.randint(1, min(3, len(themes)))) if themes else []:
                theme_rows.append(theme_through(project_id=pk, theme_id=theme))
            if rng.random() < 0.2:
                others = {rng.choices(places, cum_weights=cumulative)[0][0] for _ in range(3)}
                others.discard(item.lead_municipality_id)
                participant_rows += [
                    participant_through(project_id=pk, municipality_id=other) for other in others
                ]
        theme_through.objects.bulk_create(theme_rows)
        participant_through.objects.bulk_create(participant_rows)
        count += len(batch)
    stdout.write(f"Praxisbeispiele: {count} erzeugt")


def project(number, places, cumulative, today, now, rng) -> Project:
    about = story(rng)
    name = title(rng, about)
    status = pick(STATUS_WEIGHTS, rng)
    phase = pick(PHASE_WEIGHTS, rng)
    start = random_date(rng, today - timedelta(days=365 * YEARS_BACK), today)
    end = None
    if phase in {ProjectPhase.COMPLETED, ProjectPhase.DISCONTINUED}:
        end = min(today, start + timedelta(days=rng.randint(90, 1500)))
    published = timezone.make_aware(datetime.combine(start, time(9))) + timedelta(
        days=rng.randint(0, 120)
    )
    licence = rng.choice(Licence.values) if rng.random() < 0.6 else ""
    slug = f"{slugify(name)[:180]}-{number}"
    summary = " ".join(sentence(rng, about) for _ in range(2))[:600]
    description = text(rng, (2, 4), about)
    lead = rng.choices(places, cum_weights=cumulative)[0]
    return Project(
        title=name[:200],
        slug=slug,
        summary=summary,
        description=description,
        lead_municipality_id=lead[0],
        # What Project.clean() derives: the lead municipality's state.
        lead_state_id=lead[2],
        phase=phase,
        start_date=start if phase not in {ProjectPhase.IDEA, ProjectPhase.PLANNED} else None,
        end_date=end if phase not in {ProjectPhase.IDEA, ProjectPhase.PLANNED} else None,
        is_lighthouse=rng.random() < 0.03,
        investment_costs=Decimal(rng.randrange(5, 2000) * 1000) if rng.random() < 0.5 else None,
        running_costs_per_year=(
            Decimal(rng.randrange(1, 300) * 1000) if rng.random() < 0.4 else None
        ),
        funding_note=f"Ziel ist {rng.choice(GOALS)}." if rng.random() < 0.3 else "",
        partners="\n".join(rng.sample(PARTNERS, 2)) if rng.random() < 0.5 else "",
        results=paragraph(rng, (1, 3), about) if rng.random() < 0.6 else "",
        lessons_learned=paragraph(rng, (1, 2), about) if rng.random() < 0.4 else "",
        effort=rng.choice(TransferEffort.values) if rng.random() < 0.7 else "",
        licence=licence,
        contact_office="Stabsstelle Digitalisierung" if rng.random() < 0.5 else "",
        links=synthetic_url(f"projekt-{slug}"),
        status=status,
        published_at=(
            min(published, now)
            if status in {PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED}
            else None
        ),
    )
