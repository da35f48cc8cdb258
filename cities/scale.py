"""Synthetic municipalities for benchmarks (``manage.py generate_scale_data``).

The real districts come from the district import (``cities/importers.py``, which also
brings the kreisfreie Städte and Stadtkreise as municipalities); invented municipalities
fill the Landkreise until the register holds the scale's number, 11,000 nationally. Their
keys are valid and consistent (AGS = district key + number, ARS = district key +
Gemeindeverband + number), most of them are small, and they lie near their district.
Synthetic rows are marked by a website on the reserved domain ``.example``.
"""

import math
import re
from decimal import Decimal

from cities.choices import MunicipalityKind
from cities.importers import (
    CITY_DISTRICT_KINDS,
    DISTRICTS_CSV_DATE,
    CoordinateLookup,
    import_districts,
)
from cities.models import District, Municipality
from portal.scale import (
    SCALES,
    SYNTHETIC_URL_SUFFIX,
    allocate,
    bulk_create,
    place_name,
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


def generated_count() -> int:
    return synthetic_municipalities().count()


def flush(*, stdout) -> None:
    deleted, _ = synthetic_municipalities().delete()
    stdout.write(f"Kommunen: {deleted} erzeugte gelöscht")


def synthetic_municipalities():
    return Municipality.objects.filter(website__endswith=SYNTHETIC_URL_SUFFIX)


def generate(*, scale, rng, stdout) -> None:
    """Import the real districts, then add synthetic municipalities up to the scale's total."""
    import_districts(stdout=stdout)
    districts = list(District.objects.order_by("key"))
    existing = set(Municipality.objects.values_list("ags", flat=True))
    before = len(existing)
    needed = scale.municipalities - before
    if needed <= 0:
        stdout.write(f"Kommunen: schon {before} im Register, keine erzeugt")
        return
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
                population_date=DISTRICTS_CSV_DATE,
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
    """An approximate centre of every district: its city, or a place of its name (GeoNames),
    else the mean of the located districts of its NUTS-2 region or state."""
    lookup = CoordinateLookup()
    city_points = {
        ags[:5]: (latitude, longitude)
        for ags, latitude, longitude in Municipality.objects.filter(
            ags__endswith="000", latitude__isnull=False
        ).values_list("ags", "latitude", "longitude")
    }
    centres: dict[str, tuple[float, float]] = {}
    for district in districts:
        point = city_points.get(district.key)
        for candidate in name_candidates(district.name):
            if point:
                break
            point = lookup.find(candidate, district.state_id)
        if point:
            centres[district.key] = point
    for district in districts:
        if district.key in centres:
            continue
        region = [
            centres[d.key]
            for d in districts
            if d.key in centres and d.nuts3 and d.nuts3[:4] == district.nuts3[:4]
        ] or [
            centres[d.key] for d in districts if d.key in centres and d.key[:2] == district.key[:2]
        ]
        centres[district.key] = (
            (
                sum(point[0] for point in region) / len(region),
                sum(point[1] for point in region) / len(region),
            )
            if region
            else GERMANY_CENTRE
        )
    return centres


def name_candidates(name: str) -> list[str]:
    """Place names a district may be named after: "Landkreis Göttingen" → "Göttingen",
    "Rhein-Sieg-Kreis" → "Sieg"."""
    base = name.split(",")[0].strip()
    forms = [
        base,
        re.sub(r"^(Landkreis|Kreis|Stadtkreis|Regionalverband|Region|Städteregion)\s+", "", base),
        re.sub(r"-?[Kk]reis$", "", base),
    ]
    forms += [form.split(" ")[0] for form in forms]
    forms += [form.split("-")[-1] for form in forms] + [form.split("-")[0] for form in forms]
    return list(dict.fromkeys(form for form in forms if form))
