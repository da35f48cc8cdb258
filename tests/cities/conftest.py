import pytest
from django.core.cache import cache

from tests.conftest import token_client


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def read_token_client(db):
    """A partner token without scopes: reads published content only."""
    return token_client([])


@pytest.fixture
def write_token_client(db):
    """A partner token that may write municipalities (and so read their hidden profiles)."""
    return token_client(["write:cities.municipality", "read:drafts"])
