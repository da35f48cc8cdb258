"""Synthetic municipalities for benchmarks (``manage.py generate_scale_data``).

The real districts come from the shipped official register (``cities/importers.py``): on an
empty database its districts and its kreisfreie Städte and Stadtkreise; invented
municipalities fill the Landkreise until the register holds the scale's number, 11,000
nationally. Where the whole register is already loaded (``load_demo``), it stays as it is
and is topped up. Their
keys are valid and consistent (AGS = district key + number, ARS = district key +
Gemeindeverband + number), most of them are small, and they lie near their district.
Synthetic rows are marked by a website on the reserved domain ``.example``.

Digital profiles: every Großstadt gets one, and a share of the others that shrinks with their
size (most small municipalities have none), with strategy statuses and themes spread as in
the Smart-City-Atlas. Synthetic profiles are marked by a source line on ``.example``.
"""

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cities.choices import Challenge, DistrictKind, MunicipalityKind, StrategyStatus
from cities.importers import (
    COORDINATES_CSV,
    GV100AD_FILE,
    import_gemeindeverzeichnis,
    read_coordinates,
)
from cities.models import DigitalProfile, District, Municipality, RegisterEdition
from portal.choices import PublicationStatus
from portal.models import Theme
from tools.scale import (
    SCALES,
    SYNTHETIC_URL_SUFFIX,
    allocate,
    batches,
    bulk_create,
    paragraph,
    place_name,
    random_date,
    synthetic_url,
)

# Municipalities per state on 31 December 2018 (Destatis, rounded): used only as weights, so
# that Rhineland-Palatinate gets many small municipalities and North Rhine-Westphalia few
# large ones, as in reality.
STATE_MUNICIPALITY_COUNTS = {
    "01": 1106,
    "02": 1,
    "03": 944,
    "04": 2,
    "05": 396,
    "06": 422,
    "07": 2302,
    "08": 1101,
    "09": 2056,
    "10": 52,
    "11": 1,
    "12": 417,
    "13": 753,
    "14": 421,
    "15": 218,
    "16": 843,
}
# States whose municipalities mostly belong to a Gemeindeverband (Amt, Verbandsgemeinde,
# Samtgemeinde, Verwaltungsgemeinschaft): there the ARS digits 6–9 name the association.
STATES_WITH_ASSOCIATIONS = {"01", "03", "07", "08", "09", "12", "13", "14", "15", "16"}
# Latitude and longitude bounds of Germany.
GERMANY = (47.27, 55.06, 5.87, 15.04)
GERMANY_CENTRE = (51.16, 10.45)
KM_PER_DEGREE = 111.2
MAX_NUMBER = 999  # the municipality part of the AGS has three digits; 000 is the city itself


# Share of municipalities with a digital profile, by population (Großstädte: all).
PROFILE_SHARES = ((100_000, 1.0), (20_000, 0.35), (5_000, 0.08), (0, 0.015))
STRATEGY_WEIGHTS = {
    StrategyStatus.ADOPTED: 4,
    StrategyStatus.IN_DEVELOPMENT: 3,
    StrategyStatus.NONE: 2,
    StrategyStatus.UNKNOWN: 1,
}
PROFILE_STATUS_WEIGHTS = {
    PublicationStatus.PUBLISHED: 85,
    PublicationStatus.REVIEW: 5,
    PublicationStatus.DRAFT: 7,
    PublicationStatus.ARCHIVED: 3,
}
PROFILE_SOURCE = "Synthetische Testdaten"


def generated_count() -> int:
    """The synthetic municipalities (or, should there be none, the synthetic profiles)."""
    return synthetic_municipalities().count() or synthetic_profiles().count()


def flush(*, stdout) -> None:
    profiles, _ = synthetic_profiles().delete()
    deleted, _ = synthetic_municipalities().delete()
    stdout.write(f"Kommunen: {deleted} erzeugte gelöscht, Digitalprofile: {profiles}")


def synthetic_municipalities():
    return Municipality.objects.filter(website__endswith=SYNTHETIC_URL_SUFFIX)


def synthetic_profiles():
    return DigitalProfile.objects.filter(strategy_url__endswith=SYNTHETIC_URL_SUFFIX)


CITY_DISTRICT_KINDS = {DistrictKind.KREISFREIE_STADT, DistrictKind.STADTKREIS}
# Textkennzeichen of the kreisfreie Städte and Stadtkreise in the GV100AD file.
CITY_CODES = {"61", "62"}


def import_real_districts(stdout) -> None:
    """The districts and the cities that are districts, from the shipped edition of the
    register, unless an edition is loaded already (a part of the same edition would mark
    the rest of its districts' municipalities dissolved)."""
    if RegisterEdition.objects.exists():
        return
    lines = [
        line
        for line in GV100AD_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
        if line[:2] in {"10", "40"} or (line[:2] == "60" and line[122:124] in CITY_CODES)
    ]
    import_gemeindeverzeichnis("".join(lines).encode("utf-8"), stdout=stdout)


def generate(*, scale, rng, stdout) -> None:
    """Import the real districts, then add synthetic municipalities up to the scale's total."""
    import_real_districts(stdout)
    districts = list(District.objects.order_by("key"))
    existing = set(Municipality.objects.values_list("ags", flat=True))
    before = len(existing)
    needed = scale.municipalities - before
    if needed <= 0:
        stdout.write(f"Kommunen: schon {before} im Register, keine erzeugt")
    else:
        generate_municipalities(districts, existing, needed, before=before, rng=rng, stdout=stdout)
    generate_profiles(rng=rng, stdout=stdout)


def generate_municipalities(districts, existing, needed, *, before, rng, stdout) -> None:
    rural = [district for district in districts if district.kind not in CITY_DISTRICT_KINDS]
    cities = len(districts) - len(rural)
    shares = district_shares(rural, needed)
    # The national shares set the average size, so that every scale has realistic sizes.
    national = district_shares(rural, SCALES["national"].municipalities - cities)
    centres = district_centres(districts)
    count = bulk_create(
        Municipality,
        (
            municipality
            for district in rural
            for municipality in municipalities_of(
                district,
                shares[district.key],
                national_share=national[district.key],
                centre=centres[district.key],
                existing=existing,
                rng=rng,
            )
        ),
    )
    stdout.write(f"Kommunen: {count} erzeugt, {before + count} im Register")


def generate_profiles(*, rng, stdout) -> None:
    """Digital profiles for all Großstädte and a size-dependent share of the others (those
    without a profile yet), with their focus and lighthouse themes."""
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    candidates = (
        Municipality.objects.filter(profile__isnull=True)
        .order_by("ags")
        .values_list("pk", "name", "population")
    )
    today = timezone.localdate()
    chosen = [
        (pk, name)
        for pk, name, population in candidates
        if rng.random() < profile_share(population or 0)
    ]
    count = 0
    focus = DigitalProfile.focus_themes.through
    lighthouse = DigitalProfile.lighthouse_themes.through
    for batch in batches(chosen):
        profiles = [profile_for(pk, name, today=today, rng=rng) for pk, name in batch]
        DigitalProfile.objects.bulk_create(profiles)
        made = DigitalProfile.objects.filter(
            municipality_id__in=[pk for pk, _ in batch]
        ).values_list("pk", flat=True)
        focus_rows, lighthouse_rows = [], []
        for profile_pk in sorted(made):
            picked = rng.sample(themes, rng.randint(1, min(4, len(themes)))) if themes else []
            focus_rows += [focus(digitalprofile_id=profile_pk, theme_id=t) for t in picked]
            lighthouse_rows += [
                lighthouse(digitalprofile_id=profile_pk, theme_id=t)
                for t in picked[: rng.randint(0, len(picked))]
            ]
        focus.objects.bulk_create(focus_rows)
        lighthouse.objects.bulk_create(lighthouse_rows)
        count += len(profiles)
    stdout.write(f"Digitalprofile: {count} erzeugt")


def profile_share(population: int) -> float:
    return next(share for lower, share in PROFILE_SHARES if population >= lower)


def profile_for(municipality_pk: int, name: str, *, today: date, rng) -> DigitalProfile:
    strategy = rng.choices(list(STRATEGY_WEIGHTS), weights=list(STRATEGY_WEIGHTS.values()))[0]
    status = rng.choices(
        list(PROFILE_STATUS_WEIGHTS), weights=list(PROFILE_STATUS_WEIGHTS.values())
    )[0]
    has_unit = rng.random() < 0.5
    has_network = rng.random() < 0.4
    as_of = random_date(rng, today - timedelta(days=3 * 365), today)
    adopted = strategy == StrategyStatus.ADOPTED
    return DigitalProfile(
        municipality_id=municipality_pk,
        status=status,
        published_at=(
            timezone.make_aware(datetime.combine(as_of, time(9)))
            if status in {PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED}
            else None
        ),
        as_of=as_of,
        summary=paragraph(rng, (2, 4)),
        strategy_status=strategy,
        strategy_title=f"Digitalstrategie {name}" if adopted else "",
        strategy_adopted_on=(
            random_date(rng, as_of - timedelta(days=4 * 365), as_of) if adopted else None
        ),
        strategy_url=synthetic_url(f"strategie-{name}-{municipality_pk}"),
        has_organisational_unit=has_unit,
        organisational_unit_name="Stabsstelle Digitalisierung" if has_unit else "",
        organisational_unit_lead="Chief Digital Officer (CDO)" if has_unit else "",
        has_partner_network=has_network,
        partners="Hochschule der Region\nKommunaler IT-Dienstleister" if has_network else "",
        challenges=sorted(rng.sample(Challenge.values, rng.randint(0, 3))),
        sources=f"{PROFILE_SOURCE} ({synthetic_url(name)})",
    )


def district_shares(districts: list[District], total: int) -> dict[str, int]:
    """How many municipalities each Landkreis gets: by state as in reality, within a state
    by area."""
    by_state: dict[str, list[District]] = {}
    for district in districts:
        by_state.setdefault(district.state_id, []).append(district)
    states = sorted(by_state)
    state_shares = allocate(total, [STATE_MUNICIPALITY_COUNTS.get(code, 1) for code in states])
    shares = {}
    for code, state_total in zip(states, state_shares, strict=True):
        members = by_state[code]
        for district, share in zip(
            members,
            allocate(state_total, [float(d.area_km2 or 1) for d in members]),
            strict=True,
        ):
            shares[district.key] = share
    return shares


def municipalities_of(
    district: District, count: int, *, national_share: int, centre, existing: set[str], rng
) -> list[Municipality]:
    """``count`` synthetic municipalities of a Landkreis with free, valid keys."""
    free = [
        number
        for number in range(1, MAX_NUMBER + 1)
        if f"{district.key}{number:03d}" not in existing
    ]
    count = min(count, len(free))
    if count == 0:
        return []
    # Numbers are dense with a few gaps, as in the official register.
    numbers = sorted(rng.sample(free[: min(len(free), round(count * 1.3) + 2)], count))
    associations = association_codes(numbers, district.state_id, rng)
    average = (district.population or 20_000 * national_share) / max(national_share, 1)
    weights = [rng.lognormvariate(0, 1.1) for _ in numbers]
    mean_weight = sum(weights) / len(weights)
    area_each = float(district.area_km2 or 0) / max(national_share, 1)
    radius_km = math.sqrt(float(district.area_km2 or 700) / math.pi)
    names: set[str] = set()
    result = []
    for number, association, weight in zip(numbers, associations, weights, strict=True):
        ags = f"{district.key}{number:03d}"
        existing.add(ags)
        name = unique_name(names, rng)
        population = max(30, min(500_000, round(average * weight / mean_weight)))
        latitude, longitude = point_near(centre, radius_km, rng)
        result.append(
            Municipality(
                ags=ags,
                ars=f"{district.key}{association}{number:03d}",
                name=name,
                kind=municipality_kind(population, district.state_id, rng),
                state_id=district.state_id,
                district=district,
                population=population,
                population_date=district.population_date,
                area_km2=(
                    Decimal(f"{area_each * rng.uniform(0.4, 1.6):.2f}") if area_each else None
                ),
                latitude=latitude,
                longitude=longitude,
                website=synthetic_url(f"{name}-{ags}"),
            )
        )
    return result


def association_codes(numbers: list[int], state: str, rng) -> list[str]:
    """ARS digits 6–9 for each municipality: a Gemeindeverband (5001, 5002, …) shared by a
    few neighbours, or ``0`` + the municipality number for one that belongs to none."""
    if state not in STATES_WITH_ASSOCIATIONS:
        return [f"0{number:03d}" for number in numbers]
    codes, association, room = [], 5000, 0
    for number in numbers:
        if rng.random() < 0.25:
            codes.append(f"0{number:03d}")
            continue
        if room == 0:
            association, room = association + 1, rng.randint(3, 12)
        codes.append(f"{association:04d}")
        room -= 1
    return codes


def municipality_kind(population: int, state: str, rng) -> str:
    if population >= 10_000 or (population >= 3_000 and rng.random() < 0.25):
        return MunicipalityKind.STADT
    if state == "09" and rng.random() < 0.12:  # Bavaria's Märkte
        return MunicipalityKind.MARKT
    return MunicipalityKind.GEMEINDE


def unique_name(taken: set[str], rng) -> str:
    name = place_name(rng)
    for _ in range(20):
        if name not in taken:
            break
        name = place_name(rng)
    else:
        name = f"{name} {len(taken)}"
    taken.add(name)
    return name


def point_near(centre: tuple[float, float], radius_km: float, rng) -> tuple[float, float]:
    """A point uniformly distributed in a disc around ``centre``, kept inside Germany."""
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    latitude = centre[0] + distance * math.sin(angle) / KM_PER_DEGREE
    longitude = centre[1] + distance * math.cos(angle) / (
        KM_PER_DEGREE * math.cos(math.radians(centre[0]))
    )
    south, north, west, east = GERMANY
    return (
        round(min(max(latitude, south), north), 5),
        round(min(max(longitude, west), east), 5),
    )


def district_centres(districts: list[District]) -> dict[str, tuple[float, float]]:
    """An approximate centre of every district: the mean of its real municipalities' points
    (the shipped coordinates file has one for nearly every municipality)."""
    sums: dict[str, list[float]] = {}
    for ags, (latitude, longitude) in read_coordinates(COORDINATES_CSV).items():
        total = sums.setdefault(ags[:5], [0.0, 0.0, 0])
        total[0] += latitude
        total[1] += longitude
        total[2] += 1
    centres = {}
    for district in districts:
        total = sums.get(district.key)
        centres[district.key] = (
            (round(total[0] / total[2], 5), round(total[1] / total[2], 5))
            if total
            else GERMANY_CENTRE
        )
    return centres
