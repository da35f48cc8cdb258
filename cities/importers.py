"""The import of the official register: Destatis's Gemeindeverzeichnis (GV100AD).

The import reads and validates the whole file first and writes only when no line is bad,
in one transaction; errors name the line. A re-import finds bodies by their official key
and updates them, so it never duplicates anything; a key missing from a newer edition is
marked dissolved on that edition's Gebietsstand, never deleted.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.choices import AssociationKind, DistrictKind, MunicipalityKind
from cities.models import Association, District, Municipality, RegisterEdition
from portal.api.sync import record_register_tombstones
from portal.db import refresh_statistics
from portal.models import FederalState
from portal.progress import Progress

DATA_DIR = Path(__file__).resolve().parent / "data"
# The shipped edition of the register and a point for (nearly) every municipality in it; see
# data/README.md for sources, licences and credits.
GV100AD_FILE = DATA_DIR / "GV100AD_30112025.txt"
COORDINATES_CSV = DATA_DIR / "municipality_coordinates.csv"
SOURCE = "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys"
# The reference date of the population and area figures of the editions the portal knows:
# Destatis publishes them for an earlier day than the Gebietsstand (its notes on each
# edition say which). Another edition needs ``figures_date``.
FIGURES_DATES = {date(2025, 11, 30): date(2024, 12, 31)}
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


# --- GV100AD: the record layout -------------------------------------------------------------

# Textkennzeichen of the GV100AD record layout (Datensatzbeschreibung GV100AD, Destatis).
GV_DISTRICT_KINDS = {
    "41": DistrictKind.KREISFREIE_STADT,
    "42": DistrictKind.STADTKREIS,
    "43": DistrictKind.KREIS,
    "44": DistrictKind.LANDKREIS,
    "45": DistrictKind.REGIONALVERBAND,
}
GV_ASSOCIATION_KINDS = {
    "51": AssociationKind.AMT,
    "52": AssociationKind.SAMTGEMEINDE,
    "53": AssociationKind.VERBANDSGEMEINDE,
    "54": AssociationKind.VERWALTUNGSGEMEINSCHAFT,
    "55": AssociationKind.KIRCHSPIELSLANDGEMEINDE,
    "56": AssociationKind.VERWALTUNGSVERBAND,
    "57": AssociationKind.VG_TRAEGERMODELL,
    "58": AssociationKind.ERFUELLENDE_GEMEINDE,
}
# Satzart 50 with Textkennzeichen 50 stands for a municipality in no association.
GV_NO_ASSOCIATION = "50"
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
# The shortest line each record type needs (positions up to its last field that is read).
GV_MIN_LENGTH = {"10": 22, "40": 124, "50": 124, "60": 150}


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a GV100AD file and its encoding: UTF-8 (current editions, since Sorbian
    names are part of the official names) or ISO-8859-1 (older ones)."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("iso-8859-1"), "ISO-8859-1"


def _digits(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


def _parse_date(text: str) -> date:
    return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def municipality_name(official_name: str) -> str:
    """'Gelsenkirchen, Stadt' → 'Gelsenkirchen': the register's short name."""
    return official_name.split(",")[0].strip()


@dataclass
class Edition:
    """What a GV100AD file holds, read and validated, before anything is written."""

    territorial_status: date
    encoding: str
    states: set[str] = field(default_factory=set)
    districts: dict[str, dict] = field(default_factory=dict)
    associations: dict[str, dict] = field(default_factory=dict)
    municipalities: dict[str, dict] = field(default_factory=dict)
    unincorporated: int = 0
    # District key → [population, hectares] summed over its municipalities and gemeindefreie
    # Gebiete: the file gives no figures for districts.
    district_sums: dict[str, list[int]] = field(default_factory=dict)


def read_edition(raw: bytes) -> Edition:
    """Parse and check every line (positions follow Destatis's record description, 1-based:
    Satzart 1–2, Gebietsstand 3–10, regional key 11–18 with the Gemeindeverband 19–22,
    name 23–72, seat 73–122, Textkennzeichen 123–124, and for municipalities area in
    hectares 129–139, population 140–150, postal code 166–170). Raises
    ``RegisterImportError`` naming every bad line."""
    text, encoding = decode(raw)
    errors: list[LineError] = []
    edition: Edition | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record = line[0:2]
        if record in {"20", "30"}:
            continue  # Regierungsbezirke and Regionen: no bodies of the portal
        if record not in GV_MIN_LENGTH:
            errors.append(LineError(number, _("Unbekannte Satzart „%s“.") % record))
            continue
        if len(line) < GV_MIN_LENGTH[record]:
            errors.append(LineError(number, _("Die Zeile ist zu kurz für Satzart %s.") % record))
            continue
        try:
            stand = _parse_date(line[2:10])
        except ValueError:
            errors.append(LineError(number, _("Ungültiger Gebietsstand „%s“.") % line[2:10]))
            continue
        if edition is None:
            edition = Edition(territorial_status=stand, encoding=encoding)
        elif stand != edition.territorial_status:
            errors.append(
                LineError(
                    number,
                    _("Gebietsstand %(line)s weicht vom Gebietsstand der Datei (%(file)s) ab.")
                    % {"line": stand.isoformat(), "file": edition.territorial_status.isoformat()},
                )
            )
            continue
        name, seat, code = line[22:72].strip(), line[72:122].strip(), line[122:124]
        if record == "10":
            edition.states.add(line[10:12])
        elif record == "40":
            key = line[10:15]
            if code not in GV_DISTRICT_KINDS:
                message = _("Unbekanntes Textkennzeichen %s für einen Kreis.") % code
                errors.append(LineError(number, message))
                continue
            entry = {"key": key, "name": name, "seat": seat, "kind": GV_DISTRICT_KINDS[code]}
            _add(edition.districts, key, entry, number, errors)
        elif record == "50":
            if code == GV_NO_ASSOCIATION:
                continue
            if code not in GV_ASSOCIATION_KINDS:
                message = _("Unbekanntes Textkennzeichen %s für einen Gemeindeverband.") % code
                errors.append(LineError(number, message))
                continue
            key = line[10:15] + line[18:22]
            entry = {"key": key, "name": name, "seat": seat, "kind": GV_ASSOCIATION_KINDS[code]}
            _add(edition.associations, key, entry, number, errors)
        else:
            if code not in GV_MUNICIPALITY_KINDS and code not in GV_UNINCORPORATED:
                message = _("Unbekanntes Textkennzeichen %s für eine Gemeinde.") % code
                errors.append(LineError(number, message))
                continue
            try:
                hectares = _digits(line[128:139])
                population = _digits(line[139:150])
            except ValueError:
                errors.append(LineError(number, _("Fläche oder Einwohnerzahl ist keine Zahl.")))
                continue
            ags = line[10:18]
            sums = edition.district_sums.setdefault(ags[:5], [0, 0])
            sums[0] += population or 0
            sums[1] += hectares or 0
            if code in GV_UNINCORPORATED:
                edition.unincorporated += 1
                continue
            postal_code = line[165:170].strip()
            entry = {
                "ags": ags,
                "ars": ags[0:5] + line[18:22] + ags[5:8],
                "name": municipality_name(name),
                "kind": GV_MUNICIPALITY_KINDS[code],
                "postal_code": postal_code if postal_code.isdigit() else "",
                "population": population,
                "area_km2": Decimal(hectares) / 100 if hectares is not None else None,
                "line": number,
            }
            _add(edition.municipalities, ags, entry, number, errors)
    if edition is None and not errors:
        errors.append(LineError(1, _("Die Datei enthält keine Sätze des Gemeindeverzeichnisses.")))
    if errors:
        raise RegisterImportError(errors)
    return edition


def _add(found: dict, key: str, entry: dict, number: int, errors: list[LineError]) -> None:
    if key in found:
        errors.append(
            LineError(
                number,
                _("Der Schlüssel %(key)s steht schon in Zeile %(line)d.")
                % {"key": key, "line": found[key]["line"]},
            )
        )
        return
    entry.setdefault("line", number)
    found[key] = entry


def read_coordinates(path: Path | str = COORDINATES_CSV) -> dict[str, tuple[float, float]]:
    """AGS → (latitude, longitude) from a CSV file with the columns ``ags,lat,lon``."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["ags"]: (round(float(row["lat"]), 5), round(float(row["lon"]), 5))
            for row in csv.DictReader(handle)
        }


def read_successors(path: Path | str) -> list[tuple[int, str, str]]:
    """(line, old key, new key) from a CSV file of ``old;new`` keys (no header)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            (number, row[0].strip(), row[1].strip())
            for number, row in enumerate(csv.reader(handle, delimiter=";"), start=1)
            if row and any(cell.strip() for cell in row)
        ]


# --- What an edition changes ----------------------------------------------------------------


@dataclass
class Changes:
    """What importing an edition changes for one kind of body."""

    label: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    dissolved: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self):
        return _(
            "%(label)s: %(new)d neu, %(changed)d geändert (davon %(renamed)d umbenannt), "
            "%(dissolved)d aufgelöst, %(unchanged)d unverändert"
        ) % {
            "label": self.label,
            "new": len(self.new),
            "changed": len(self.changed),
            "renamed": len(self.renamed),
            "dissolved": len(self.dissolved),
            "unchanged": self.unchanged,
        }

    def details(self, limit: int = 20) -> list[str]:
        """Lines naming what changes (for --dry-run)."""
        lines = []
        for heading, keys in (
            (_("neu"), self.new),
            (_("aufgelöst"), self.dissolved),
            (_("wieder im Verzeichnis"), self.restored),
        ):
            if keys:
                shown = ", ".join(keys[:limit]) + (" …" if len(keys) > limit else "")
                lines.append(f"  {heading}: {shown}")
        for key, old, new in self.renamed[:limit]:
            lines.append(f"  {_('umbenannt')}: {key} {old} → {new}")
        return lines


@dataclass
class ImportReport:
    """What an import changed (or, with ``dry_run``, would change)."""

    territorial_status: date
    figures_date: date
    encoding: str
    districts: Changes
    associations: Changes
    municipalities: Changes
    unincorporated: int = 0
    dry_run: bool = False

    def parts(self) -> list[Changes]:
        return [self.districts, self.associations, self.municipalities]

    def __str__(self):
        lines = [
            _(
                "Gemeindeverzeichnis, Gebietsstand %(stand)s (%(encoding)s), Einwohnerzahlen und "
                "Flächen zum %(figures)s"
            )
            % {
                "stand": self.territorial_status.strftime("%d.%m.%Y"),
                "encoding": self.encoding,
                "figures": self.figures_date.strftime("%d.%m.%Y"),
            }
        ]
        for part in self.parts():
            lines.append(str(part))
            if self.dry_run:
                lines.extend(part.details())
        if self.unincorporated:
            lines.append(
                _("%(count)d gemeindefreie Gebiete übersprungen") % {"count": self.unincorporated}
            )
        if self.dry_run:
            lines.append(_("Probelauf: nichts geschrieben."))
        return "\n".join(lines)


# --- The import -------------------------------------------------------------------------------

DISTRICT_FIELDS = [
    "name",
    "kind",
    "seat",
    "state",
    "population",
    "population_date",
    "area_km2",
    "dissolved_on",
]
ASSOCIATION_FIELDS = ["name", "kind", "seat", "state", "district", "dissolved_on"]
MUNICIPALITY_FIELDS = [
    "ars",
    "name",
    "kind",
    "state",
    "district",
    "association",
    "postal_code",
    "population",
    "population_date",
    "area_km2",
    "latitude",
    "longitude",
    "dissolved_on",
]


def import_gemeindeverzeichnis(
    source: Path | str | bytes = GV100AD_FILE,
    *,
    figures_date: date | None = None,
    coordinates: Path | str | None = COORDINATES_CSV,
    successors: Path | str | None = None,
    force: bool = False,
    dry_run: bool = False,
    stdout=None,
) -> ImportReport:
    """Load an edition of the register (districts, Gemeindeverbände, municipalities).

    ``figures_date``: the reference date of its population and area figures (known for the
    editions in ``FIGURES_DATES``). A key of the register that the file lacks, while the
    file covers its district (municipalities, associations) or state (districts), is marked
    dissolved on the file's Gebietsstand. ``successors``: a CSV file of ``old;new`` keys.
    An edition older than the register's is refused unless ``force``. ``dry_run``: report
    what would change and write nothing. All or nothing: bad lines raise
    ``RegisterImportError`` and nothing is written."""
    progress = Progress(stdout)
    with progress.phase(_("Datei lesen")):
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        edition = read_edition(raw)
    stand = edition.territorial_status
    figures_date = figures_date or FIGURES_DATES.get(stand)
    if figures_date is None:
        raise RegisterImportError(
            [
                LineError(
                    1,
                    _(
                        "Für den Gebietsstand %(stand)s ist der Stichtag der Einwohnerzahlen "
                        "nicht bekannt: bitte angeben (--figures-date JJJJ-MM-TT, steht in den "
                        "Erläuterungen von Destatis zur Ausgabe)."
                    )
                    % {"stand": stand.strftime("%d.%m.%Y")},
                )
            ]
        )
    latest = RegisterEdition.objects.order_by("-territorial_status").first()
    if latest is not None and stand < latest.territorial_status and not force:
        raise RegisterImportError(
            [
                LineError(
                    1,
                    _(
                        "Die Datei hat den Gebietsstand %(file)s, das Register schon den "
                        "neueren %(register)s. Eine ältere Ausgabe nur mit --force einlesen."
                    )
                    % {
                        "file": stand.strftime("%d.%m.%Y"),
                        "register": latest.territorial_status.strftime("%d.%m.%Y"),
                    },
                )
            ]
        )
    points = read_coordinates(coordinates) if coordinates else {}
    pairs = read_successors(successors) if successors else []
    report = ImportReport(
        territorial_status=stand,
        figures_date=figures_date,
        encoding=edition.encoding,
        districts=Changes(_("Kreise")),
        associations=Changes(_("Gemeindeverbände")),
        municipalities=Changes(_("Gemeinden")),
        unincorporated=edition.unincorporated,
        dry_run=dry_run,
    )
    with transaction.atomic():
        _import(edition, figures_date, points, pairs, report, progress)
        if dry_run:
            transaction.set_rollback(True)
    if stdout is not None:
        stdout.write(str(report))
    return report


def _import(edition, figures_date, points, pairs, report, progress) -> None:
    stand = edition.territorial_status
    states = FederalState.objects.in_bulk()
    errors: list[LineError] = []

    with progress.phase(_("Kreise"), len(edition.districts)) as step:
        districts = []
        for entry in edition.districts.values():
            state = states.get(entry["key"][:2])
            population, hectares = edition.district_sums.get(entry["key"], (None, None))
            district = District(
                **_fields(entry),
                state=state,
                population=population,
                population_date=figures_date if population is not None else None,
                area_km2=Decimal(hectares) / 100 if hectares is not None else None,
                dissolved_on=None,
            )
            _validate(district, ["state"], entry, errors, state is None)
            districts.append(district)
            step()
        covered_states = edition.states or {key[:2] for key in edition.districts}
        _raise(errors)
        by_district = _write(
            District,
            "key",
            districts,
            DISTRICT_FIELDS,
            report.districts,
            stand,
            covered=lambda row: row.key[:2] in covered_states,
        )

    with progress.phase(_("Gemeindeverbände"), len(edition.associations)) as step:
        associations = []
        for entry in edition.associations.values():
            district = by_district.get(entry["key"][:5])
            association = Association(
                **_fields(entry), state=states.get(entry["key"][:2]), district=district
            )
            _validate(association, ["state", "district"], entry, errors, district is None)
            associations.append(association)
            step()
        _raise(errors)
        covered_districts = set(edition.districts)
        by_association = _write(
            Association,
            "key",
            associations,
            ASSOCIATION_FIELDS,
            report.associations,
            stand,
            covered=lambda row: row.key[:5] in covered_districts,
        )

    with progress.phase(_("Gemeinden"), len(edition.municipalities)) as step:
        municipalities = []
        for entry in edition.municipalities.values():
            ags = entry["ags"]
            district = by_district.get(ags[:5])
            association = by_association.get(entry["ars"][:9])
            point = points.get(ags)
            municipality = Municipality(
                **_fields(entry),
                state=states.get(ags[:2]),
                district=district,
                association=association,
                population_date=figures_date if entry["population"] is not None else None,
                latitude=point[0] if point else None,
                longitude=point[1] if point else None,
            )
            _validate(
                municipality, ["state", "district", "association"], entry, errors, district is None
            )
            municipalities.append(municipality)
            step()
        _raise(errors)
        by_municipality = _write(
            Municipality,
            "ags",
            municipalities,
            MUNICIPALITY_FIELDS,
            report.municipalities,
            stand,
            covered=lambda row: row.ags[:5] in covered_districts,
        )

    _link_successors(pairs, by_district, by_association, by_municipality)
    RegisterEdition.objects.update_or_create(
        territorial_status=stand,
        defaults={
            "figures_date": figures_date,
            "source": SOURCE,
            "districts": len(edition.districts),
            "associations": len(edition.associations),
            "municipalities": len(edition.municipalities),
        },
    )


def _fields(entry: dict) -> dict:
    return {name: value for name, value in entry.items() if name != "line"}


def _validate(instance, exclude, entry, errors, missing_parent: bool) -> None:
    try:
        _check(instance, exclude=exclude)
    except ValidationError as error:
        errors.append(LineError(entry["line"], _validation_message(error)))
        return
    if missing_parent:
        errors.append(
            LineError(
                entry["line"],
                _("Kreis oder Land des Schlüssels %s fehlt in der Datei.")
                % (getattr(instance, "key", None) or instance.ags),
            )
        )


def _raise(errors: list[LineError]) -> None:
    if errors:
        raise RegisterImportError(errors)


def _write(model, key, instances, fields, changes: Changes, stand, *, covered) -> dict:
    """Create the new bodies, update the changed ones (recording a version in their
    history), mark the missing ones of the covered area dissolved; returns key → body of
    every body in the file."""
    existing = {getattr(row, key): row for row in model.objects.all()}
    attnames = [model._meta.get_field(name).attname for name in fields]
    new, changed, seen = [], [], set()
    for instance in instances:
        value = getattr(instance, key)
        seen.add(value)
        current = existing.get(value)
        if current is None:
            new.append(instance)
            changes.new.append(value)
            continue
        _keep_editorial_values(current, instance)
        differs = [a for a in attnames if getattr(current, a) != getattr(instance, a)]
        if not differs:
            changes.unchanged += 1
            continue
        if current.name != instance.name:
            changes.renamed.append((value, current.name, instance.name))
        if current.dissolved_on is not None:
            changes.restored.append(value)
        for attname in differs:
            setattr(current, attname, getattr(instance, attname))
        changed.append(current)
        changes.changed.append(value)
    for value, current in existing.items():
        if value not in seen and current.dissolved_on is None and covered(current):
            current.dissolved_on = stand
            changed.append(current)
            changes.dissolved.append(value)
    model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    now = timezone.now()
    for instance in changed:
        # bulk_update() bypasses auto_now, so the change time is set here.
        instance.updated_at = now
    model.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=BATCH_SIZE)
    if changed:
        model.history.bulk_history_create(
            changed,
            update=True,
            default_change_reason=_("Gemeindeverzeichnis, Gebietsstand %(stand)s")
            % {"stand": stand.strftime("%d.%m.%Y")},
        )
    if changes.dissolved:
        record_register_tombstones(model, changes.dissolved)
    if new or changed:
        refresh_statistics(model)
    return {getattr(row, key): row for row in model.objects.filter(**{f"{key}__in": seen})}


def _keep_editorial_values(current, instance) -> None:
    """What editors set stays: coordinates where the file has none, the successor (which the
    file does not know), and a dissolution the file does not undo."""
    if isinstance(current, Municipality) and instance.latitude is None:
        instance.latitude, instance.longitude = current.latitude, current.longitude


def _link_successors(pairs, by_district, by_association, by_municipality) -> None:
    """Set the successors named in the ``--successors`` file (keys of any kind of body)."""
    if not pairs:
        return
    kinds = {5: (District, "key"), 9: (Association, "key"), 8: (Municipality, "ags")}
    errors = []
    for line, old, new in pairs:
        kind = kinds.get(len(old))
        if kind is None or len(new) != len(old):
            errors.append(
                LineError(
                    line,
                    _("„%(old)s;%(new)s“ sind keine zwei Schlüssel derselben Art.")
                    % {"old": old, "new": new},
                )
            )
            continue
        model, key = kind
        rows = model.objects.in_bulk([old, new], field_name=key)
        if old not in rows or new not in rows:
            missing = old if old not in rows else new
            errors.append(LineError(line, _("Schlüssel %s steht nicht im Register.") % missing))
            continue
        rows[old].successor = rows[new]
        rows[old].save(update_fields=["successor", "updated_at"])
    _raise(errors)
