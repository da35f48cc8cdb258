"""The name search of municipalities on PostgreSQL: served by a trigram index."""

import pytest

from cities.models import Municipality
from tests.cities.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
@pytest.mark.parametrize("word", ["gelsen", "ELSENKIRCH"])
def test_name_search_can_use_the_trigram_index(word, query_plan):
    MunicipalityFactory(name="Gelsenkirchen")
    MunicipalityFactory(name="Ulm")
    # The lookup of the site search and of the register's filter (cities/filters.py).
    matches = Municipality.objects.filter(name__icontains=word)
    assert [municipality.name for municipality in matches] == ["Gelsenkirchen"]
    plan = query_plan(*matches.query.sql_with_params(), "seqscan")
    assert "cities_muni_name_trgm" in plan
