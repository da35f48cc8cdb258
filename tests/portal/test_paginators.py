"""The list paginators: a total given by the view, and pages read keys first; the first
rows of a list with their total in one statement."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from bestpractices.models import Project
from bestpractices.search import search_projects
from portal.querysets import first_with_total
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


def test_first_with_total_reads_the_first_rows_and_counts_all_in_one_statement():
    ProjectFactory.create_batch(7)
    with CaptureQueriesContext(connection) as queries:
        rows, total = first_with_total(ordered(), 3)
    assert [row.pk for row in rows] == [project.pk for project in ordered()[:3]]
    assert total == 7
    [statement] = [query["sql"] for query in queries]
    assert " OVER ()" in statement and " LIMIT 3" in statement
    assert first_with_total(ordered(), 10)[1] == 7
    assert first_with_total(ordered().filter(pk=0), 10) == ([], 0)


def test_the_site_search_reads_the_best_projects_keys_and_their_total_first():
    ProjectFactory(title="Parkplatz", summary="Ein Chatbot für Parkplätze")
    ProjectFactory(title="Chatbot Chatbot", summary="Chatbot im Bürgerbüro")
    ProjectFactory.create_batch(3, title="Chatbot", summary="Auskunft")
    ProjectFactory(title="Radweg", summary="Ohne das Wort")
    expected = list(Project.objects.search("Chatbot").order_by("-search_rank", "title", "pk")[:3])
    with CaptureQueriesContext(connection) as queries:
        result = search_projects("Chatbot", user=None, limit=3)
    assert [hit.title for hit in result.hits] == [project.title for project in expected]
    assert result.total == 5
    statements = [query["sql"] for query in queries]
    # The best three and the number of all in one statement, without the wide columns or
    # the municipality; no COUNT of its own, which would find every match again.
    [ranking] = [sql for sql in statements if " OVER ()" in sql]
    columns = ranking.split(" FROM ")[0]
    assert " LIMIT 3" in ranking and '"summary"' not in columns
    assert "cities_municipality" not in ranking
    assert not [sql for sql in statements if sql.startswith("SELECT COUNT(")]
    # Then the rows of those three with their municipality.
    [rows] = [sql for sql in statements if '"cities_municipality"."name"' in sql]
    assert " IN (" in rows and " LIMIT " not in rows
