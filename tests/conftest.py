"""Shared fixtures: users and clients for each side of a permission rule."""

import itertools
import os
from contextlib import contextmanager
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from portal.roles import EDITOR_GROUP
from portal.tokens import partner_create, token_create

REQUIRE_ALL = os.environ.get("REQUIRE_ALL", "") in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` run only on PostgreSQL; elsewhere they are skipped (or, with
    REQUIRE_ALL=1, the run fails because the PostgreSQL pass was expected).

    Tests that read a query plan (the ``query_plan`` fixture) run first, on the test
    database as migrations left it. PostgreSQL chooses a plan from the tables' sizes, and
    the rows earlier tests rolled back still fill the tables' files (no VACUUM runs in
    between): after them the same plan test could see another plan, depending on which
    tests the run happened to include before it. The sort is stable and comes after
    pytest-django's own order, whose first group these tests belong to.

    Transactional tests without serialized rollback go last (``_serialized_rollback_first``)."""
    from django.db import connection

    items.sort(key=_serialized_rollback_first)
    if connection.vendor == "postgresql":
        items.sort(key=lambda item: "query_plan" not in getattr(item, "fixturenames", ()))
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def _serialized_rollback_first(item) -> bool:
    """Within pytest-django's group of transactional tests, those that restore the database
    by serialized rollback go first.

    Such a test inserts the rows its run began with (content types, permissions, the states)
    under their original keys, and its flush at the end leaves the tables empty. A transactional
    test without it flushes and lets ``post_migrate`` create content types and permissions
    again under new keys: a serialized test after it fails on their unique constraints."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in fixtures for name in ("transactional_db", "live_server")
    )
    serialized = bool(marker and marker.kwargs.get("serialized_rollback")) or (
        "django_db_serialized_rollback" in fixtures
    )
    return transactional and not serialized


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page cached by an earlier test is served."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@contextmanager
def demo_for_module(django_db_blocker, now=None):
    """The demo content, loaded once for the tests of a module instead of once per test.

    The load runs in a transaction that is rolled back after the module; each test runs in a
    savepoint inside it (pytest-django's ``django_db``), so a test's changes stay its own.
    ``now`` fixes the clock for the load and the tests, as the examples are dated from it.
    Not for ``transaction=True`` tests, which would flush the shared content.
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as mp:
        if now is not None:
            mp.setattr(timezone, "now", lambda: now)
        call_command("load_demo", stdout=StringIO())
        cache.clear()
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def user(django_user_model):
    """A logged-in user without any permission (e.g. a municipal employee)."""
    return django_user_model.objects.create_user(
        username="kommune", email="kommune@example.org", password="ein-langes-passwort-123"
    )


@pytest.fixture
def editor(django_user_model):
    """A member of the editors' group "Redaktion" with access to the admin."""
    account = django_user_model.objects.create_user(
        username="redaktion",
        email="redaktion@example.org",
        password="ein-langes-passwort-123",
        is_staff=True,
    )
    account.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return account


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def user_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


_partner_numbers = itertools.count(1)


def token_key(scopes=()) -> str:
    """The key of a new partner's API token with ``scopes`` (none: reads published content)."""
    partner = partner_create(name=f"Partner {next(_partner_numbers)}")
    _token, key = token_create(partner=partner, label="Test", scopes=list(scopes))
    return key


def token_headers(*scopes: str) -> dict:
    """Request headers (test-client keyword arguments) for a new token with ``scopes``."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token_key(scopes)}"}


def token_client(scopes=()) -> Client:
    """A test client that sends a new token with ``scopes`` on every request."""
    return Client(**token_headers(*scopes))


@pytest.fixture
def query_plan():
    """PostgreSQL's plan of a statement: ``query_plan(sql, params, *disabled, options="")``
    with the plan types in ``disabled`` (``seqscan``, ``bitmapscan`` …) switched off until
    the end of the test's transaction. ``options`` go into ``EXPLAIN (…)``; with ``FORMAT
    JSON`` the plan comes back parsed. Tests using it run first (see
    ``pytest_collection_modifyitems``)."""
    from django.db import connection

    def explain(sql: str, params=(), *disabled: str, options: str = ""):
        with connection.cursor() as cursor:
            for setting in disabled:
                cursor.execute(f"SET LOCAL enable_{setting} = off")
            cursor.execute(f"EXPLAIN ({options}) {sql}" if options else f"EXPLAIN {sql}", params)
            rows = cursor.fetchall()
        if "JSON" in options.upper():
            return rows[0][0]
        return "\n".join(row[0] for row in rows)

    return explain
