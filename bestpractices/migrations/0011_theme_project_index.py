"""An index on the projects' theme links by theme, then project.

The theme facet, the theme filter and the facet counts ask "which projects have this
theme": with the link table's own index on the theme alone, PostgreSQL read each of the
theme's links from the table (about 20,000 at national scale, 8 ms for one theme); with the
project in the index it is an index-only scan (under 2 ms). Django creates no such index for
an automatic many-to-many table, and its model options cannot declare one."""

from django.db import migrations

INDEX = "bp_project_themes_theme_project"
TABLE = "bestpractices_project_themes"


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0010_facet_index_published_at")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX "{INDEX}" ON "{TABLE}" ("theme_id", "project_id")',
            f'DROP INDEX "{INDEX}"',
        )
    ]
