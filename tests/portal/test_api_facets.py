"""``<list>/facets/``: every facet value with the number of objects the list would have
with it chosen — the same number the list then gives, under the same other filters."""

import pytest
from django.core.cache import cache

from tests.bestpractices.factories import ProjectFactory
from tests.events.factories import EventFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def make_content(rows: int) -> None:
    for number in range(rows):
        ProjectFactory(
            title=f"Chatbot {number}",
            themes=[theme("verwaltung" if number % 2 else "mobilitaet")],
            is_lighthouse=number % 3 == 0,
        )
        event = EventFactory(kind="workshop" if number % 2 else "conference")
        event.themes.add(theme("verwaltung"))
        programme = FundingProgrammeFactory(level="state" if number % 2 else "federal")
        programme.themes.add(theme("mobilitaet"))
        FundingCallFactory(programme=programme)


def count(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("projects", {}),
        ("projects", {"q": "Chatbot", "lighthouse": "true"}),
        ("events", {}),
        ("events", {"kind": "workshop"}),
        ("funding-programmes", {}),
        ("funding-programmes", {"theme": "mobilitaet"}),
    ],
)
def test_each_facet_count_is_the_count_of_the_list_with_that_value(client, resource, params):
    make_content(6)
    body = client.get(f"/api/v1/{resource}/facets/", params).json()
    assert body["facets"], body
    checked = 0
    for facet in body["facets"]:
        for option in facet["options"]:
            chosen = {**params, facet["name"]: option["value"]}
            if not facet["multiple"] and facet["name"] in params:
                # A single-choice facet counts each value instead of the chosen one.
                chosen[facet["name"]] = option["value"]
            listed = count(client, f"/api/v1/{resource}/", chosen)
            assert listed == option["count"], (facet["name"], option)
            checked += option["count"] > 0
    assert checked >= 3


def test_facet_counts_name_every_option_with_its_label(client):
    make_content(2)
    body = client.get("/api/v1/projects/facets/").json()
    themes = next(facet for facet in body["facets"] if facet["name"] == "theme")
    assert themes["label"] == "Handlungsfeld" and themes["multiple"] is True
    assert {"value": "verwaltung", "label": "Verwaltung", "count": 1} in themes["options"]
    lighthouse = next(facet for facet in body["facets"] if facet["name"] == "lighthouse")
    assert lighthouse["options"] == [
        {"value": "true", "label": "nur Leuchtturmprojekte", "count": 1}
    ]


def test_invalid_filters_of_the_facet_counts_are_a_400_naming_them(client):
    response = client.get("/api/v1/events/facets/", {"kind": "gibt-es-nicht"})
    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/projects/", {"theme": "gibt-es-nicht"}),
        ("/api/v1/events/", {"state": "XX", "circle": "0"}),
        ("/api/v1/funding-programmes/", {"applicant": "0"}),
    ],
)
def test_facet_counts_answer_unknown_keys_like_their_list(client, path, query):
    """A filter by a key that names nothing is a 404 naming the parameter, on the list as on
    its facet counts (the schema of both states the same parameters)."""
    answers = [client.get(url, query) for url in (path, f"{path}facets/")]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert [sorted(answer.json()) for answer in answers] == [sorted(query)] * 2


# (URL, queries, what they are)
QUERY_CASES = [
    # the facet options: themes and states; the counts in one statement.
    ("/api/v1/projects/facets/", 3),
    # the same: themes, states; the counts.
    ("/api/v1/events/facets/", 3),
    # themes; the counts.
    ("/api/v1/funding-programmes/facets/", 2),
]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(("url", "queries"), QUERY_CASES)
def test_facet_counts_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries, rows
):
    make_content(rows)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
