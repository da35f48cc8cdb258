"""Every list page, feed and list endpoint runs a fixed number of queries, for 1 and 20 rows."""

import pytest
from django.core.cache import cache

from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 20], ids=["1 row", "20 rows"])
def rows(request):
    for _ in range(request.param):
        FundingCallFactory(programme__themes=[theme("mobilitaet")])
    return request.param


CASES = [
    # count, page (programmes with status and next deadline as correlated subqueries),
    # prefetch of states, the facet counts (level, kind, theme, status) in one statement,
    # and the filter form's three selects (states, applicants, themes).
    ("/foerderprogramme/", 7),
    # count, page (calls joined with their programme), and the form's three selects.
    ("/foerderprogramme/fristen/", 5),
    # one query: the calls joined with their programme.
    ("/foerderprogramme/fristen.ics", 1),
    ("/foerderprogramme/aenderungen.atom", 1),
    # count and page, status and next deadline from the annotation.
    ("/api/v1/funding-programmes/", 2),
    ("/api/v1/funding-calls/", 2),
]


@pytest.mark.parametrize(("url", "expected"), CASES, ids=[url for url, _n in CASES])
def test_query_count_is_constant(client, django_assert_num_queries, rows, url, expected):
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_matcher_query_count_is_constant(client, django_assert_num_queries, rows):
    municipality = MunicipalityFactory()
    url = f"/foerderprogramme/passt-zu-meiner-kommune/?municipality={municipality.ags}"
    # municipality, the themes and applicant chosen, the municipality's state, count, page,
    # prefetch of states and themes (for the reasons), the form's three selects.
    with django_assert_num_queries(11):
        response = client.get(f"{url}&themes=mobilitaet")
    assert len(response.context["results"]) == rows
