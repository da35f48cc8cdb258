"""Synthetic funding programmes and calls for benchmarks (``manage.py generate_scale_data``).

Fills the database up to the scale's numbers (5,000 programmes with 20,000 calls
nationally): EU, federal, state and other programmes with themes, eligible applicants,
sometimes population limits, and calls whose deadlines lie around today, so that every call
status occurs (announced, open, closing soon, rolling, closed). Synthetic programmes and
calls are marked by a link on the reserved domain ``.example``.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from funding.choices import FundingKind, FundingLevel
from funding.models import RESERVED_SLUGS, Applicant, FundingCall, FundingProgramme
from portal.choices import PublicationStatus
from portal.models import FederalState, Theme
from tools.scale import (
    ADJECTIVES,
    NOUNS,
    SYNTHETIC_URL_SUFFIX,
    TOPICS,
    batches,
    paragraph,
    synthetic_url,
    text,
)

LEVEL_WEIGHTS = {
    FundingLevel.EU: 10,
    FundingLevel.FEDERAL: 25,
    FundingLevel.STATE: 50,
    FundingLevel.OTHER: 15,
}
KIND_WEIGHTS = {
    FundingKind.GRANT: 70,
    FundingKind.LOAN: 10,
    FundingKind.GUARANTEE: 3,
    FundingKind.PRIZE: 7,
    FundingKind.ADVICE: 10,
}
STATUS_WEIGHTS = {
    PublicationStatus.PUBLISHED: 90,
    PublicationStatus.DRAFT: 4,
    PublicationStatus.REVIEW: 2,
    PublicationStatus.ARCHIVED: 4,
}
BODIES = {
    FundingLevel.EU: "Europäische Kommission",
    FundingLevel.FEDERAL: "Bundesministerium",
    FundingLevel.STATE: "Landesministerium",
    FundingLevel.OTHER: "Stiftung",
}
# Offsets of the first calls' dates from now (days): one call of each status, whatever the
# scale: announced, open, closing soon, closed; the fifth is rolling.
FIXED_CALLS = ((10, 60), (-30, 60), (-60, 5), (-200, -20))


def synthetic_programmes():
    return FundingProgramme.objects.filter(link__endswith=SYNTHETIC_URL_SUFFIX)


def generated_count() -> int:
    return synthetic_programmes().count()


def flush(*, stdout) -> None:
    deleted, _ = synthetic_programmes().delete()  # the calls go with their programme
    stdout.write(f"Förderprogramme: {deleted} Zeilen gelöscht")


def pick(weights: dict, rng):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate(*, scale, rng, stdout) -> None:
    needed = scale.programmes - FundingProgramme.objects.count()
    if needed <= 0:
        stdout.write(f"Förderprogramme: schon {scale.programmes} da, keine erzeugt")
        return
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    states = list(FederalState.objects.order_by("code").values_list("code", flat=True))
    applicants = list(Applicant.objects.order_by("pk").values_list("pk", flat=True))
    programmes = [programme(number, rng) for number in range(needed)]
    for batch in batches(programmes):
        FundingProgramme.objects.bulk_create(batch)
    by_slug = dict(
        FundingProgramme.objects.filter(slug__in=[p.slug for p in programmes]).values_list(
            "slug", "pk"
        )
    )
    pks = [by_slug[p.slug] for p in programmes]
    theme_rows, state_rows, applicant_rows = [], [], []
    through = FundingProgramme
    for item, pk in zip(programmes, pks, strict=True):
        for theme in rng.sample(themes, rng.randint(1, min(3, len(themes)))) if themes else []:
            theme_rows.append(through.themes.through(fundingprogramme_id=pk, theme_id=theme))
        if item.level == FundingLevel.STATE and states:
            state_rows.append(
                through.states.through(fundingprogramme_id=pk, federalstate_id=rng.choice(states))
            )
        for applicant in rng.sample(applicants, rng.randint(1, min(3, len(applicants)))):
            applicant_rows.append(
                through.eligible_applicants.through(fundingprogramme_id=pk, applicant_id=applicant)
            )
    for model, rows in (
        (through.themes.through, theme_rows),
        (through.states.through, state_rows),
        (through.eligible_applicants.through, applicant_rows),
    ):
        for batch in batches(rows):
            model.objects.bulk_create(batch)
    calls_needed = scale.calls - FundingCall.objects.count()
    now = timezone.now()
    calls = (call(number, rng.choice(pks), now, rng) for number in range(max(calls_needed, 0)))
    count = 0
    for batch in batches(calls):
        FundingCall.objects.bulk_create(batch)
        count += len(batch)
    stdout.write(f"Förderprogramme: {len(programmes)} erzeugt, Aufrufe: {count}")


def programme(number, rng) -> FundingProgramme:
    level = pick(LEVEL_WEIGHTS, rng)
    topic = rng.choice(TOPICS)
    name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} – Förderung {topic}"
    slug = f"{slugify(name)[:180]}-{number}"
    if slug in RESERVED_SLUGS:  # cannot happen with the number, kept for clarity
        slug = f"programm-{number}"
    kind = pick(KIND_WEIGHTS, rng)
    status = pick(STATUS_WEIGHTS, rng)
    rate_min = Decimal(rng.choice((30, 40, 50, 60))) if kind == FundingKind.GRANT else None
    population_max = rng.choice((5_000, 20_000, 50_000)) if rng.random() < 0.15 else None
    return FundingProgramme(
        title=name,
        slug=slug,
        short_name=f"{topic[:40]} {number}",
        funding_body=BODIES[level],
        level=level,
        kind=kind,
        funding_rate_min=rate_min,
        funding_rate_max=rate_min + Decimal(rng.choice((0, 20, 30))) if rate_min else None,
        max_amount=Decimal(rng.randrange(10, 5000) * 1000) if rng.random() < 0.7 else None,
        population_min=(
            rng.choice((2_000, 10_000)) if population_max is None and rng.random() < 0.05 else None
        ),
        population_max=population_max,
        summary=paragraph(rng, (1, 2)),
        funded_activities=text(rng, (1, 2)),
        requirements=paragraph(rng, (1, 3)),
        link=synthetic_url(f"programm-{slug}"),
        status=status,
        published_at=(
            timezone.now()
            if status in {PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED}
            else None
        ),
    )


def call(number, programme_pk, now, rng) -> FundingCall:
    if number < len(FIXED_CALLS):
        opens, closes = FIXED_CALLS[number]
        opens_at, deadline, rolling = (
            now + timedelta(days=opens),
            now + timedelta(days=closes),
            False,
        )
    elif number == len(FIXED_CALLS) or rng.random() < 0.1:
        opens_at, deadline, rolling = now - timedelta(days=rng.randint(0, 400)), None, True
    else:
        deadline = now + timedelta(days=rng.uniform(-365, 365))
        opens_at = deadline - timedelta(days=rng.randint(30, 180)) if rng.random() < 0.8 else None
        rolling = False
    return FundingCall(
        programme_id=programme_pk,
        title=f"Förderaufruf {number + 1}",
        opens_at=opens_at,
        deadline=deadline,
        rolling=rolling,
        budget=Decimal(rng.randrange(1, 500) * 10_000) if rng.random() < 0.5 else None,
        link=synthetic_url(f"aufruf-{number}"),
    )
