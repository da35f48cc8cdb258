import os

from django.db import connection


def test_database_vendor_follows_database_url():
    # make test runs the suite twice: on SQLite, then with DATABASE_URL pointing at a
    # throwaway PostgreSQL. This shows which database a pass really used.
    url = os.environ.get("DATABASE_URL", "sqlite://")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")
