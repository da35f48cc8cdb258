"""The list paginators: a total given by the view, and pages read keys first."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from bestpractices.models import Project
from bestpractices.search import search_projects
from portal.views import KeysFirstPaginator, KnownCountPaginator
from tests.bestpractices.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def ordered():
    return (
        Project.objects.select_related("lead_municipality")
        .annotate(weight=F("pk") % 7)
        .order_by("weight", "-pk")
    )


def test_known_count_is_not_counted_again():
    ProjectFactory.create_batch(3)
    paginator = KnownCountPaginator(ordered(), 2, count=3)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3 and paginator.num_pages == 2
    assert len(queries) == 0
    assert KnownCountPaginator(ordered(), 2).count == 3


def test_keys_first_pages_hold_the_same_rows_in_the_same_order():
    ProjectFactory.create_batch(23)
    plain = KnownCountPaginator(ordered(), 5)
    keys_first = KeysFirstPaginator(ordered(), 5)
    assert keys_first.count == 23
    for number in plain.page_range:
        expected = [project.pk for project in plain.page(number)]
        with CaptureQueriesContext(connection) as queries:
            page = keys_first.page(number)
            found = [(project.pk, project.lead_municipality.name) for project in page]
        assert [pk for pk, _name in found] == expected
        # One statement: the page's keys in a subquery, the rows with their joins around it.
        [statement] = [query["sql"] for query in queries]
        assert statement.count("SELECT") == 2 and " LIMIT " in statement
    assert keys_first.page(5).has_next() is False


def test_the_site_search_reads_the_best_projects_keys_first():
    ProjectFactory(title="Parkplatz", summary="Ein Chatbot für Parkplätze")
    ProjectFactory(title="Chatbot Chatbot", summary="Chatbot im Bürgerbüro")
    ProjectFactory.create_batch(3, title="Chatbot", summary="Auskunft")
    ProjectFactory(title="Radweg", summary="Ohne das Wort")
    expected = list(Project.objects.search("Chatbot").order_by("-search_rank", "title", "pk")[:3])
    with CaptureQueriesContext(connection) as queries:
        result = search_projects("Chatbot", user=None, limit=3)
    assert [hit.title for hit in result.hits] == [project.title for project in expected]
    assert result.total == 5
    # The hits: one statement, the keys of the best three in a subquery.
    [statement] = [q["sql"] for q in queries if '"cities_municipality"."name"' in q["sql"]]
    assert statement.count("SELECT") == 2 and " LIMIT 3" in statement
