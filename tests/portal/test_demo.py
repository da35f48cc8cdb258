from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def table_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=StringIO())
    first = table_counts()
    call_command("load_demo", stdout=StringIO())
    assert table_counts() == first


def test_load_demo_describes_the_themes_with_atlas_figures():
    from portal.models import Theme

    call_command("load_demo", stdout=StringIO())
    assert "98 %" in Theme.objects.get(slug="verwaltung").description
