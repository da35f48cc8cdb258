"""What the portal asks of the database beyond the ORM."""

from django.db import connection


def refresh_statistics(*models) -> None:
    """After a bulk load: PostgreSQL plans queries from the statistics of each table, which
    only ANALYZE (or, later, autovacuum) brings up to date. A table that was analysed while
    empty stays "empty" to the planner until then, and a query over thousands of rows loaded
    since may take minutes instead of milliseconds. ANALYZE runs inside the load's
    transaction and sees its rows. Other databases: nothing to do."""
    if connection.vendor != "postgresql" or not models:
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
