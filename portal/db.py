"""What the portal asks of the database beyond the ORM."""

from functools import reduce
from operator import or_

from django.db import connection, models


def exactly_one(fields) -> models.Q:
    """The check-constraint condition that exactly one of the nullable foreign keys
    ``fields`` is set (a project's lead)."""
    return reduce(
        or_,
        (models.Q(**{f"{name}__isnull": name != chosen for name in fields}) for chosen in fields),
    )


def at_most_one(fields) -> models.Q:
    """The same for at most one (an event's host)."""
    return models.Q(**{f"{name}__isnull": True for name in fields}) | exactly_one(fields)


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
