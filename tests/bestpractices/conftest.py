import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
