"""The import of the official register (GV100AD): real excerpts of the shipped edition in
both encodings, bad lines, a newer edition with a merger and a rename, an older one."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cities.importers import (
    GV100AD_FILE,
    RegisterImportError,
    import_gemeindeverzeichnis,
)
from cities.models import Association, District, Municipality, RegisterEdition
from portal.models import Tombstone
from tests.cities.factories import DigitalProfileFactory

pytestmark = pytest.mark.django_db

SHIPPED = GV100AD_FILE.read_text(encoding="utf-8").splitlines()
DITHMARSCHEN = "01051"


def excerpt(district: str = DITHMARSCHEN, stand: str | None = None) -> list[str]:
    """The lines of one district of the shipped edition (with its state's line), optionally
    with another Gebietsstand."""
    lines = [
        line
        for line in SHIPPED
        if line[10:15] == district or (line[:2] == "10" and line[10:12] == district[:2])
    ]
    if stand:
        lines = [line[:2] + stand + line[10:] for line in lines]
    return lines


def data(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def replace_line(lines, key, **changes) -> list[str]:
    """The lines with the municipality ``key`` changed: ``name`` or ``population``."""
    result = []
    for line in lines:
        if line[:2] == "60" and line[10:18] == key:
            if "name" in changes:
                line = line[:22] + changes["name"].ljust(50) + line[72:]
            if "population" in changes:
                line = line[:139] + str(changes["population"]).rjust(11, "0") + line[150:]
        result.append(line)
    return result


def test_an_excerpt_loads_the_district_its_associations_and_municipalities():
    report = import_gemeindeverzeichnis(data(excerpt()))
    assert report.encoding == "UTF-8"
    assert len(report.districts.new) == 1
    assert len(report.associations.new) == Association.objects.count() == 6
    albersdorf = Municipality.objects.get(ags="01051001")
    assert albersdorf.name == "Albersdorf"
    assert albersdorf.ars == "010515175001"
    assert albersdorf.association.name == "Mitteldithmarschen"
    assert albersdorf.association.get_kind_display() == "Amt"
    assert albersdorf.district.name == "Dithmarschen"
    assert albersdorf.postal_code == "25767"
    # The figures of this edition are of 31 December 2024, not of its Gebietsstand.
    assert albersdorf.population_date == date(2024, 12, 31)
    assert albersdorf.latitude is not None  # from the shipped coordinates
    heide = Municipality.objects.get(ags="01051044")
    assert heide.association is None  # a municipality in no association
    edition = RegisterEdition.objects.get()
    assert edition.territorial_status == date(2025, 11, 30)
    assert edition.figures_date == date(2024, 12, 31)

    again = import_gemeindeverzeichnis(data(excerpt()))
    assert again.municipalities.unchanged == Municipality.objects.count()
    assert not again.municipalities.new and not again.municipalities.changed


@pytest.mark.postgres
def test_the_import_brings_the_planners_statistics_up_to_date():
    """Inside its transaction, so that what follows the import in it (the demo's profiles,
    the dependents' change times) is planned for the rows now there, not for an empty
    table."""
    from django.db import connection

    import_gemeindeverzeichnis(data(excerpt()))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s",
            [Municipality._meta.db_table],
        )
        (estimate,) = cursor.fetchone()
    assert estimate == Municipality.objects.count() > 100


def test_an_iso_8859_1_file_reads_like_the_utf_8_one():
    lines = excerpt()
    import_gemeindeverzeichnis(data(lines, "iso-8859-1"))
    names_latin = dict(Municipality.objects.values_list("ags", "name"))
    assert names_latin["01051011"] == "Brunsbüttel"
    Municipality.objects.all().delete()
    Association.objects.all().delete()
    report = import_gemeindeverzeichnis(data(lines))
    assert report.encoding == "UTF-8"
    assert dict(Municipality.objects.values_list("ags", "name")) == names_latin


def test_sorbian_names_of_the_utf_8_edition_stay_whole():
    import_gemeindeverzeichnis(data(excerpt("14625")))
    assert Municipality.objects.get(ags="14625020").name == "Bautzen / Budyšin"


def test_a_bad_line_is_named_and_nothing_is_written():
    lines = excerpt()
    bad = len(lines) - 2
    lines[bad] = lines[bad][:10] + "0105X" + lines[bad][15:]
    with pytest.raises(RegisterImportError) as raised:
        import_gemeindeverzeichnis(data(lines))
    assert [error.line for error in raised.value.errors] == [bad + 1]
    assert "nur Ziffern" in str(raised.value)
    assert not District.objects.exists()
    assert not Association.objects.exists()
    assert not Municipality.objects.exists()
    assert not RegisterEdition.objects.exists()


def test_a_newer_edition_marks_the_missing_keys_dissolved_and_keeps_them(tmp_path):
    import_gemeindeverzeichnis(data(excerpt()))
    arkebek = Municipality.objects.get(ags="01051002")
    profile = DigitalProfileFactory(municipality=arkebek)
    # Arkebek merges into Albersdorf, which takes a new name and its inhabitants.
    newer = [line for line in excerpt(stand="20261231") if line[10:18] != "01051002"]
    newer = replace_line(newer, "01051001", name="Albersdorf-Arkebek", population=3999)
    successors = tmp_path / "nachfolger.csv"
    successors.write_text("01051002;01051001\n")

    report = import_gemeindeverzeichnis(
        data(newer), figures_date=date(2025, 12, 31), successors=successors
    )

    assert report.municipalities.dissolved == ["01051002"]
    assert report.municipalities.renamed == [("01051001", "Albersdorf", "Albersdorf-Arkebek")]
    arkebek.refresh_from_db()
    assert arkebek.dissolved_on == date(2026, 12, 31)
    assert arkebek.successor.ags == "01051001"
    profile.refresh_from_db()
    assert profile.municipality == arkebek  # never deleted: its profile stays linked
    merged = Municipality.objects.get(ags="01051001")
    assert (merged.name, merged.population) == ("Albersdorf-Arkebek", 3999)
    assert merged.population_date == date(2025, 12, 31)
    # The rename is a version in the history.
    assert [v.name for v in merged.history.order_by("history_date")][-1] == "Albersdorf-Arkebek"
    # Other districts are not in the file: nothing of theirs is dissolved.
    assert Municipality.objects.filter(dissolved_on__isnull=False).count() == 1
    tombstone = Tombstone.objects.get(resource="municipalities", key="01051002")
    assert tombstone.reason == "dissolved"


def test_an_excerpt_leaves_the_other_districts_alone():
    import_gemeindeverzeichnis(data(excerpt()))
    import_gemeindeverzeichnis(
        data(excerpt("01053", stand="20261231")), force=False, figures_date=date(2025, 12, 31)
    )
    assert not Municipality.objects.filter(dissolved_on__isnull=False).exists()
    assert Municipality.objects.filter(ags__startswith=DITHMARSCHEN).exists()


def test_an_older_edition_is_refused_unless_forced():
    import_gemeindeverzeichnis(data(excerpt()))
    older = data(replace_line(excerpt(stand="20241231"), "01051001", name="Altersdorf"))
    with pytest.raises(RegisterImportError, match=r"neueren 30\.11\.2025"):
        import_gemeindeverzeichnis(older, figures_date=date(2023, 12, 31))
    assert Municipality.objects.get(ags="01051001").name == "Albersdorf"
    import_gemeindeverzeichnis(older, figures_date=date(2023, 12, 31), force=True)
    assert Municipality.objects.get(ags="01051001").name == "Altersdorf"


def test_an_edition_of_unknown_figures_date_asks_for_it():
    with pytest.raises(RegisterImportError, match="--figures-date"):
        import_gemeindeverzeichnis(data(excerpt(stand="20261231")))
    assert not Municipality.objects.exists()


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path):
    import_gemeindeverzeichnis(data(excerpt()))
    newer = [line for line in excerpt(stand="20261231") if line[10:18] != "01051002"]
    newer = replace_line(newer, "01051001", name="Albersdorf-Arkebek")
    path = tmp_path / "GV100AD_31122026.txt"
    path.write_bytes(data(newer))
    out = StringIO()
    call_command(
        "import_gemeindeverzeichnis",
        str(path),
        "--figures-date",
        "2025-12-31",
        "--dry-run",
        stdout=out,
    )
    printed = out.getvalue()
    assert "1 aufgelöst" in printed and "aufgelöst: 01051002" in printed
    assert "umbenannt: 01051001 Albersdorf → Albersdorf-Arkebek" in printed
    assert "Probelauf: nichts geschrieben." in printed
    assert Municipality.objects.get(ags="01051001").name == "Albersdorf"
    assert Municipality.objects.get(ags="01051002").dissolved_on is None
    assert RegisterEdition.objects.count() == 1


def test_the_command_reports_progress_one_line_per_phase_outside_a_terminal(tmp_path):
    path = tmp_path / "auszug.txt"
    path.write_bytes(data(excerpt()))
    out = StringIO()
    call_command("import_gemeindeverzeichnis", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        "Datei lesen",
        "Kreise",
        "Gemeindeverbände",
        "Gemeinden",
    ]
    assert "\r" not in out.getvalue()


def test_the_command_names_a_missing_file():
    with pytest.raises(CommandError, match="Datei nicht gefunden"):
        call_command("import_gemeindeverzeichnis", "/gibt/es/nicht.txt", stdout=StringIO())


def test_the_shipped_edition_is_the_whole_register():
    report = import_gemeindeverzeichnis()
    assert District.objects.count() == 400
    assert Association.objects.count() == 1203
    assert Municipality.objects.count() == 10751
    assert report.unincorporated == 202
    # The coordinates file has 10,749 points; two of them are gemeindefreie Gebiete, so
    # 10,747 of the 10,751 municipalities have one.
    assert Municipality.objects.filter(latitude__isnull=False).count() == 10747
    gelsenkirchen = Municipality.objects.get(ags="05513000")
    assert gelsenkirchen.population == 267930
    assert gelsenkirchen.area_km2 == Decimal("104.94")
    assert gelsenkirchen.postal_code == "45879"
    assert gelsenkirchen.kind == "kreisfreie_stadt"
