from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cities.importers import (
    RegisterImportError,
    import_districts,
    import_gemeindeverzeichnis,
)
from cities.models import District, Municipality

pytestmark = pytest.mark.django_db

HEADER = (
    "AGS;type;name;NUTS3;area_km2;population;population_male;population_female;population_per_km2\n"
)
GOOD_ROWS = (
    "05513;Kreisfreie Stadt;Gelsenkirchen, Stadt;DEA32;104.94;260654;;;\n"
    "05562;Kreis;Recklinghausen;DEA36;761.31;615261;;;\n"
)


def write(tmp_path, text, name="districts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_of_the_shipped_file_gives_401_districts_and_is_idempotent():
    first = import_districts()
    assert District.objects.count() == 401
    assert first.created == {"Kreise": 401, "Kommunen": 107}
    # Kreisfreie Städte and Stadtkreise are municipalities as well, with AGS = key + 000.
    gelsenkirchen = Municipality.objects.get(ags="05513000")
    assert gelsenkirchen.name == "Gelsenkirchen"
    assert gelsenkirchen.ars == "055130000000"
    assert gelsenkirchen.kind == "kreisfreie_stadt"
    assert gelsenkirchen.state_id == "05"
    assert gelsenkirchen.district.key == "05513"
    assert gelsenkirchen.population == 260654
    assert gelsenkirchen.population_date == date(2018, 12, 31)
    assert 51.4 < gelsenkirchen.latitude < 51.6 and 7.0 < gelsenkirchen.longitude < 7.2
    assert Municipality.objects.filter(latitude__isnull=True).count() == 0

    second = import_districts()
    assert District.objects.count() == 401
    assert Municipality.objects.count() == 107
    assert second.created == {"Kreise": 0, "Kommunen": 0}
    assert second.updated == {"Kreise": 0, "Kommunen": 0}


def test_reimport_updates_changed_rows_instead_of_duplicating(tmp_path):
    import_districts(write(tmp_path, HEADER + GOOD_ROWS))
    changed = GOOD_ROWS.replace("Recklinghausen;DEA36", "Kreis Recklinghausen;DEA36")
    report = import_districts(write(tmp_path, HEADER + changed))
    assert report.updated["Kreise"] == 1
    assert District.objects.get(key="05562").name == "Kreis Recklinghausen"
    assert District.objects.count() == 2


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("05A13;Kreis;Kaputt;;1;1;;;\n", "nur Ziffern"),
        ("0551;Kreis;Kurz;;1;1;;;\n", "genau 5 Ziffern"),
        ("17001;Kreis;Kein Land;;1;1;;;\n", "01 bis 16"),
        ("05999;Bezirk;Falsche Art;;1;1;;;\n", "Unbekannte Kreisart"),
        ("05999;Kreis;Keine Zahl;;viel;1;;;\n", "keine Zahl"),
        ("05513;Kreis;Doppelt;;1;1;;;\n", "schon in Zeile 2"),
    ],
)
def test_one_bad_line_leaves_the_register_unchanged_and_is_named(tmp_path, bad_row, message):
    import_districts(write(tmp_path, HEADER + GOOD_ROWS, "before.csv"))
    before = list(District.objects.order_by("key").values_list("key", "name", "population"))
    changed = GOOD_ROWS.replace("615261", "1")  # a good change that must not be written
    with pytest.raises(RegisterImportError) as raised:
        import_districts(write(tmp_path, HEADER + changed + bad_row))
    assert [error.line for error in raised.value.errors] == [4]
    assert message in str(raised.value)
    assert "Zeile 4" in str(raised.value)
    assert list(District.objects.order_by("key").values_list("key", "name", "population")) == before


def test_command_reports_the_bad_line_and_imports_nothing(tmp_path):
    path = write(tmp_path, HEADER + GOOD_ROWS + "05A13;Kreis;Kaputt;;1;1;;;\n")
    with pytest.raises(CommandError, match="Zeile 4"):
        call_command("import_districts", str(path))
    assert District.objects.count() == 0


def test_reimport_keeps_newer_population_and_editor_coordinates(tmp_path):
    import_districts(write(tmp_path, HEADER + GOOD_ROWS))
    Municipality.objects.filter(ags="05513000").update(
        population=258000, population_date=date(2023, 12, 31), latitude=51.5, longitude=7.1
    )
    import_districts(write(tmp_path, HEADER + GOOD_ROWS))
    city = Municipality.objects.get(ags="05513000")
    assert (city.population, city.population_date) == (258000, date(2023, 12, 31))
    assert (city.latitude, city.longitude) == (51.5, 7.1)


# --- GV100AD ---------------------------------------------------------------------------


def gv_line(record, key, name, code, *, association="0000", hectares=None, population=None):
    """One record in the fixed-width GV100AD layout (positions in the importer's docstring)."""
    line = (
        record
        + "20241231"
        + key.ljust(8)
        + association.ljust(4)
        + name.ljust(50)
        + " " * 50
        + code
        + " " * 4
        + (str(hectares).rjust(11) if hectares is not None else " " * 11)
        + (str(population).rjust(11) if population is not None else " " * 11)
    )
    return line.ljust(220) + "\n"


GV_FILE = (
    "10"
    + "20241231"
    + "05".ljust(12)
    + "Nordrhein-Westfalen".ljust(50)
    + "\n"
    + gv_line("40", "05562", "Recklinghausen, Kreis", "43")
    + gv_line("50", "05562", "Verbandsfreie Gemeinden", "50", association="0000")
    + gv_line("60", "05562004", "Dorsten, Stadt", "63", hectares=17108, population=74736)
    + gv_line("60", "05562032", "Marl, Stadt", "67", hectares=8741, population=84067)
    + gv_line("60", "05562999", "Forst", "66")
)


def test_gemeindeverzeichnis_import_loads_districts_and_municipalities():
    report = import_gemeindeverzeichnis(GV_FILE.encode("utf-8"))
    assert report.created == {"Kreise": 1, "Kommunen": 2}
    assert report.skipped == 1  # the gemeindefreie Gebiet
    dorsten = Municipality.objects.get(ags="05562004")
    assert dorsten.name == "Dorsten"
    assert dorsten.ars == "055620000004"
    assert dorsten.kind == "stadt"
    assert dorsten.district.name == "Recklinghausen, Kreis"
    assert dorsten.population == 74736
    assert dorsten.population_date == date(2024, 12, 31)
    assert dorsten.area_km2 == Decimal("171.08")
    assert dorsten.latitude is not None  # found by name in GeoNames

    again = import_gemeindeverzeichnis(GV_FILE.encode("utf-8"))
    assert again.created == {"Kreise": 0, "Kommunen": 0}
    assert Municipality.objects.count() == 2


def test_gemeindeverzeichnis_accepts_windows_1252_files():
    text = GV_FILE + gv_line("60", "05562016", "Gütersloh-Test", "64", population=1)
    import_gemeindeverzeichnis(text.encode("cp1252"))
    assert Municipality.objects.get(ags="05562016").name == "Gütersloh-Test"


def test_gemeindeverzeichnis_with_one_bad_line_changes_nothing():
    bad = GV_FILE + gv_line("60", "05562X01", "Kaputt", "64", population=1)
    with pytest.raises(RegisterImportError) as raised:
        import_gemeindeverzeichnis(bad.encode("utf-8"))
    assert [error.line for error in raised.value.errors] == [7]
    assert "nur Ziffern" in str(raised.value)
    assert District.objects.count() == 0
    assert Municipality.objects.count() == 0


def test_gemeindeverzeichnis_names_a_municipality_without_district():
    orphan = gv_line("60", "05970004", "Irgendwo", "64", population=10)
    with pytest.raises(RegisterImportError, match="Zeile 1: Der Kreis 05970"):
        import_gemeindeverzeichnis(orphan.encode("utf-8"))


def test_gemeindeverzeichnis_command(tmp_path):
    path = tmp_path / "GV100AD_31122024.txt"
    path.write_bytes(GV_FILE.encode("utf-8"))
    call_command("import_gemeindeverzeichnis", str(path), "--population-date", "2023-12-31")
    assert Municipality.objects.get(ags="05562032").population_date == date(2023, 12, 31)
