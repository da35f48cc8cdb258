from django.db import migrations

APPLICANTS = [
    ("kommune", "Kommunen", "Municipalities"),
    ("landkreis", "Landkreise", "Districts"),
    ("kommunales-unternehmen", "Kommunale Unternehmen", "Municipal companies"),
    ("kommunaler-zusammenschluss", "Kommunale Zusammenschlüsse", "Associations of municipalities"),
    ("gemeinnuetzig", "Gemeinnützige Organisationen", "Non-profit organisations"),
    ("unternehmen", "Unternehmen", "Businesses"),
    ("forschung", "Hochschulen und Forschungseinrichtungen", "Universities and research"),
    ("privatpersonen", "Privatpersonen", "Private persons"),
]


def seed(apps, schema_editor):
    Applicant = apps.get_model("funding", "Applicant")
    for position, (slug, name, name_en) in enumerate(APPLICANTS, start=1):
        Applicant.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position * 10}
        )


def unseed(apps, schema_editor):
    apps.get_model("funding", "Applicant").objects.filter(
        slug__in=[slug for slug, _name, _en in APPLICANTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
