"""A project's lead is one body of the register: a municipality, a Gemeindeverband or a
district. ``lead_state`` keeps the lead's state on the project, filled here from the lead
municipality of every existing project; the covering index of the facet counts (0008,
0010) holds it, so that the state facet is still counted from the index alone
(PostgreSQL; SQLite: no index change)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

INDEX = "bp_project_facet_idx"
TABLE = "bestpractices_project"
KEY = '("status", "lead_municipality_id")'
INCLUDED = '"id", "phase", "licence", "is_lighthouse", "published_at"'


def fill_lead_state(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        # Checked now, not at the commit: the table is altered below, which PostgreSQL
        # refuses while checks of changed rows are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Municipality = apps.get_model("cities", "Municipality")
    for name in ("Project", "HistoricalProject"):
        model = apps.get_model("bestpractices", name)
        model.objects.filter(lead_municipality_id__isnull=False).update(
            lead_state_id=Subquery(
                Municipality.objects.filter(pk=OuterRef("lead_municipality_id")).values("state_id")
            )
        )


def create_index(schema_editor, included: str):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')
        schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "{TABLE}" {KEY} INCLUDE ({included})')


def index_with_lead_state(apps, schema_editor):
    create_index(schema_editor, f'{INCLUDED}, "lead_state_id"')


def index_without_lead_state(apps, schema_editor):
    create_index(schema_editor, INCLUDED)


class Migration(migrations.Migration):
    dependencies = [
        ("bestpractices", "0011_theme_project_index"),
        ("cities", "0007_profiles_of_regions"),
        ("funding", "0007_is_example"),
        ("portal", "0006_tombstone_dissolved"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproject",
            name="lead_association",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cities.association",
                verbose_name="federführender Gemeindeverband",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="lead_district",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cities.district",
                verbose_name="federführender Kreis",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="lead_state",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="portal.federalstate",
                verbose_name="Land der federführenden Stelle",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="lead_association",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="projects",
                to="cities.association",
                verbose_name="federführender Gemeindeverband",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="lead_district",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="projects",
                to="cities.district",
                verbose_name="federführender Kreis",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="lead_state",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="portal.federalstate",
                verbose_name="Land der federführenden Stelle",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="lead_municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="projects",
                to="cities.municipality",
                verbose_name="federführende Kommune",
            ),
        ),
        migrations.RunPython(fill_lead_state, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="project",
            name="lead_state",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="portal.federalstate",
                verbose_name="Land der federführenden Stelle",
            ),
        ),
        migrations.RunPython(index_with_lead_state, index_without_lead_state),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("lead_association__isnull", True),
                        ("lead_district__isnull", True),
                        ("lead_municipality__isnull", False),
                    ),
                    models.Q(
                        ("lead_association__isnull", False),
                        ("lead_district__isnull", True),
                        ("lead_municipality__isnull", True),
                    ),
                    models.Q(
                        ("lead_association__isnull", True),
                        ("lead_district__isnull", False),
                        ("lead_municipality__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="bp_project_one_lead",
                violation_error_message="Ein Praxisbeispiel hat genau eine federführende Stelle: bitte genau eines der Felder „federführende Kommune“, „federführender Gemeindeverband“ oder „federführender Kreis“ ausfüllen.",
            ),
        ),
    ]
