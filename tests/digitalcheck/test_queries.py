"""The result page runs the same number of queries whatever the number of gaps, peers,
suggestions and earlier checks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.digitalcheck.factories import all_at, published_questionnaire, submitted_check
from tests.members.factories import verified_member
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def count_result_page(client, town, check) -> int:
    client.force_login(verified_member({"municipality": town}))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(check.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_result_page_queries_do_not_grow_with_gaps_peers_and_suggestions(client):
    published_questionnaire()
    district = DistrictFactory()
    ProjectFactory(themes=[theme("datenplattform")])
    # One gap (Datenplattform), one suggestion, no peers.
    lonely = MunicipalityFactory(district=district, population=9_000)
    submitted_check({"municipality": lonely}, all_at(4), year=2025)
    one_gap = all_at(4) | {"datenplattform-plattform": 0}
    few = count_result_page(
        client, lonely, submitted_check({"municipality": lonely}, one_gap, year=2026)
    )

    for slug in ("datenplattform", "mobilitaet"):
        for n in range(4):
            ProjectFactory(themes=[theme(slug)], prerequisites="x" if n % 2 else "")
    for level in range(6):
        town = MunicipalityFactory(district=district, population=9_000 + level)
        submitted_check({"municipality": town}, all_at(4), open_to_contact=True)
    # Every dimension a gap, six peers, many suggestions.
    busy = MunicipalityFactory(district=district, population=9_100)
    submitted_check({"municipality": busy}, all_at(1), year=2025)
    many = count_result_page(
        client, busy, submitted_check({"municipality": busy}, all_at(0), year=2026)
    )
    # 24 queries either way: session, user, the user's and the groups' permissions (2), the
    # check with its body and state, the structure (questionnaire, dimensions, questions,
    # levels: 4), the answers, the previous check and its scores (2), the two peer groups
    # (2), the projects' ranking and the projects (2), the matching programmes with their
    # states and themes (3), expert circles, events, the bodies strong in the gaps, the
    # viewer's membership (who may publish), and the session's update. None per gap, peer
    # or suggestion.
    assert many == few == 24
