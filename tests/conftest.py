"""Shared fixtures: users and clients for each side of a permission rule."""

import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from portal.roles import EDITOR_GROUP

REQUIRE_ALL = os.environ.get("REQUIRE_ALL", "") in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` run only on PostgreSQL; elsewhere they are skipped (or, with
    REQUIRE_ALL=1, the run fails because the PostgreSQL pass was expected)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page cached by an earlier test is served."""
    from django.core.cache import cache

    cache.clear()
    yield
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
