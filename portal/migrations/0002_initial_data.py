"""The ten Handlungsfelder of the Smart-City-Atlas, the 16 federal states and the editors'
group. Permissions are given to the group after each migrate (portal.roles)."""

from django.db import migrations

THEMES = [
    ("verwaltung", "Verwaltung", "Administration"),
    ("mobilitaet", "Mobilität", "Mobility"),
    ("energie-umwelt", "Energie & Umwelt", "Energy & Environment"),
    ("gesundheit", "Gesundheit", "Health"),
    ("bildung", "Bildung", "Education"),
    ("handel", "Handel", "Retail"),
    ("gesellschaft", "Gesellschaft", "Society"),
    ("sicherheit", "Sicherheit", "Security"),
    ("it-infrastruktur", "IT-Infrastruktur", "IT infrastructure"),
    ("datenplattform", "Datenplattform", "Data platform"),
]

# Official two-digit state codes (Amtlicher Gemeindeschlüssel, first two digits).
STATES = [
    ("01", "Schleswig-Holstein", "Schleswig-Holstein", "SH"),
    ("02", "Hamburg", "Hamburg", "HH"),
    ("03", "Niedersachsen", "Lower Saxony", "NI"),
    ("04", "Bremen", "Bremen", "HB"),
    ("05", "Nordrhein-Westfalen", "North Rhine-Westphalia", "NW"),
    ("06", "Hessen", "Hesse", "HE"),
    ("07", "Rheinland-Pfalz", "Rhineland-Palatinate", "RP"),
    ("08", "Baden-Württemberg", "Baden-Württemberg", "BW"),
    ("09", "Bayern", "Bavaria", "BY"),
    ("10", "Saarland", "Saarland", "SL"),
    ("11", "Berlin", "Berlin", "BE"),
    ("12", "Brandenburg", "Brandenburg", "BB"),
    ("13", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "MV"),
    ("14", "Sachsen", "Saxony", "SN"),
    ("15", "Sachsen-Anhalt", "Saxony-Anhalt", "ST"),
    ("16", "Thüringen", "Thuringia", "TH"),
]


def create_initial_data(apps, schema_editor):
    Theme = apps.get_model("portal", "Theme")
    FederalState = apps.get_model("portal", "FederalState")
    Group = apps.get_model("auth", "Group")
    for position, (slug, name, name_en) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position * 10}
        )
    for code, name, name_en, abbreviation in STATES:
        FederalState.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "abbreviation": abbreviation}
        )
    Group.objects.get_or_create(name="Redaktion")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_initial_data, migrations.RunPython.noop)]
