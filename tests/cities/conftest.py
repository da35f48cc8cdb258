import pytest
from django.core.cache import cache
from django.test import Client

from portal.tokens import partner_create, token_create


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


def _token_client(scopes):
    partner = partner_create(name=f"Partner {' '.join(scopes) or 'lesend'}")
    _token, key = token_create(partner=partner, label="Test", scopes=scopes)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def read_token_client(db):
    """A partner token without scopes: reads published content only."""
    return _token_client([])


@pytest.fixture
def write_token_client(db):
    """A partner token that may write municipalities (and so read their hidden profiles)."""
    return _token_client(["write:cities.municipality", "read:drafts"])
