"""Full-text search, typo fallback and facet counts (PostgreSQL behaviour is marked)."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from bestpractices.filters import ProjectFilterSet
from bestpractices.models import Project
from bestpractices.querysets import project_search_vector
from portal.choices import PublicationStatus
from portal.fulltext import clean_snippet, simple_terms
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(project.title for project in queryset)


@pytest.mark.postgres
def test_german_stemming_digitalisierung_finds_digitalisierte():
    ProjectFactory(title="Akten", summary="Wir haben digitalisierte Akten.")
    ProjectFactory(title="Ämter", summary="Die Digitalisierungen der Ämter.")
    ProjectFactory(title="Radwege", summary="Neue Radwege.")
    found = Project.objects.search("Digitalisierung")
    assert titles(found) == ["Akten", "Ämter"]
    # Found by the full-text search itself (the stored document), not by the typo fallback.
    assert "search_document" in found.query.annotations
    assert "ts_rank" in str(found.query)


@pytest.mark.postgres
def test_typo_falls_back_to_trigram_similarity():
    ProjectFactory(title="Digitalisierung der Verwaltung")
    ProjectFactory(title="Radwege")
    assert titles(Project.objects.search("Digitalisirung")) == ["Digitalisierung der Verwaltung"]


@pytest.mark.postgres
def test_phrase_and_exclusion_queries():
    ProjectFactory(title="Offene Daten", summary="Ein offenes Datenportal der Stadt.")
    ProjectFactory(title="Stadtdaten frei", summary="Daten der Stadt, offen für alle, mit App.")
    assert titles(Project.objects.search('"offene Daten"')) == ["Offene Daten"]
    assert titles(Project.objects.search("Daten -App")) == ["Offene Daten"]
    assert titles(Project.objects.search("Datenportal OR App")) == [
        "Offene Daten",
        "Stadtdaten frei",
    ]


@pytest.mark.postgres
def test_title_ranks_above_summary_above_description():
    ProjectFactory(title="Allgemeines", summary="Allgemein", description="Ein Chatbot hilft.")
    ProjectFactory(title="Bürgerservice", summary="Ein Chatbot beantwortet Fragen.")
    ProjectFactory(title="Chatbot Ulmer Spatz", summary="Für Bürgerinnen und Bürger.")
    found = Project.objects.search("Chatbot").order_by("-search_rank")
    assert [project.title for project in found] == [
        "Chatbot Ulmer Spatz",
        "Bürgerservice",
        "Allgemeines",
    ]


@pytest.mark.postgres
def test_snippets_mark_hits_and_escape_everything_else():
    ProjectFactory(title="X", summary="<script>alert(1)</script> Ein Chatbot für alle <b>fett</b>")
    project = Project.objects.search("Chatbot").with_snippet("Chatbot").get()
    html = clean_snippet(project.search_snippet)
    assert "<mark>Chatbot</mark>" in html
    assert "<script>" not in html and "<b>" not in html


@pytest.mark.postgres
def test_stored_search_document_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'bp_project_document_gin'"
        )
        [definition] = cursor.fetchone()
    assert "using gin (search_document)" in definition.lower()


@pytest.mark.postgres
def test_stored_search_document_equals_the_computed_one():
    project = ProjectFactory(
        title="Chatbot", summary="Ein Bot.", description="Digitale Akten.", results="Weniger Wege."
    )
    computed = Project.objects.annotate(document=project_search_vector()).get().document
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM bestpractices_project WHERE id = %s", [project.pk]
        )
        [stored] = cursor.fetchone()
    assert stored == computed
    # Edits recompute it: the ranking never reads a stale document.
    Project.objects.filter(pk=project.pk).update(title="Radweg")
    assert Project.objects.search("Radweg").get().search_rank > 0


@pytest.mark.postgres
def test_full_text_match_can_use_the_gin_index(query_plan):
    ProjectFactory(title="Chatbot")
    matches = Project.objects.search("Chatbot")
    plan = query_plan(*matches.query.sql_with_params(), "seqscan")
    assert "bp_project_document_gin" in plan
    # The match reads the stored column; the document is never recomputed per row.
    assert "to_tsvector" not in plan


def test_simple_search_terms_understand_web_syntax():
    assert simple_terms('"offene daten" -app OR chatbot') == (["offene daten", "chatbot"], ["app"])


def test_simple_search_excludes_words():
    ProjectFactory(title="Daten-App", summary="x")
    ProjectFactory(title="Daten-Portal", summary="x")
    assert titles(Project.objects.search("daten -app")) == ["Daten-Portal"]


def test_snippet_cleaning_keeps_only_mark():
    dirty = '<mark onclick="x()">Treffer</mark> <img src=x onerror=alert(1)> a < b'
    assert clean_snippet(dirty) == "<mark>Treffer</mark>  a &lt; b"


@pytest.fixture
def known_set():
    """Five projects in two states and two size classes, one hidden."""
    nrw = DistrictFactory(key="05111")
    bavaria = DistrictFactory(key="09162")
    big_nrw = MunicipalityFactory(district=nrw, population=600_000)
    small_bavaria = MunicipalityFactory(district=bavaria, population=4_000)
    ProjectFactory(
        title="Chatbot A",
        summary="Ein Chatbot.",
        lead_municipality=big_nrw,
        themes=[theme("verwaltung")],
        is_lighthouse=True,
        licence="MIT",
    )
    ProjectFactory(
        title="Chatbot B",
        summary="Noch ein Chatbot.",
        lead_municipality=small_bavaria,
        themes=[theme("verwaltung"), theme("bildung")],
        phase="completed",
        licence="proprietary",
    )
    ProjectFactory(
        title="Radwege",
        summary="Radverkehr.",
        lead_municipality=big_nrw,
        themes=[theme("mobilitaet")],
    )
    ProjectFactory(
        title="Chatbot Entwurf",
        summary="Chatbot.",
        lead_municipality=big_nrw,
        themes=[theme("verwaltung")],
        status=PublicationStatus.DRAFT,
    )


def facet_counts(params):
    data = QueryDict(urlencode(params, doseq=True)) if params else None
    filterset = ProjectFilterSet(data, queryset=Project.objects.visible_to(None))
    filterset.qs  # noqa: B018 - validates the form and runs the search once
    for facet in filterset.facets:  # the options (themes, states) are read beforehand
        filterset.facet_options(facet)
    with CaptureQueriesContext(connection) as queries:
        counts = filterset.facet_counts()
    assert len(queries) == 1, [query["sql"] for query in queries]
    return counts, filterset


def test_facet_counts_for_a_known_set_come_from_one_query(known_set):
    counts, _filterset = facet_counts({})
    assert counts["theme"]["verwaltung"] == 2
    assert counts["theme"]["bildung"] == 1
    assert counts["theme"]["mobilitaet"] == 1
    assert counts["state"]["05"] == 2 and counts["state"]["09"] == 1
    assert counts["size_class"]["grossstadt"] == 2 and counts["size_class"]["landgemeinde"] == 1
    assert counts["phase"]["running"] == 2 and counts["phase"]["completed"] == 1
    assert counts["lighthouse"][True] == 1
    assert counts["open_source"][True] == 1
    assert counts["licence"]["MIT"] == 1 and counts["licence"]["proprietary"] == 1


def test_facet_counts_follow_the_query_and_the_other_filters(known_set):
    counts, filterset = facet_counts({"q": "Chatbot", "state": "05"})
    assert titles(filterset.qs) == ["Chatbot A"]
    # The state facet ignores its own filter but follows the query ...
    assert counts["state"] == {**counts["state"], "05": 1, "09": 1}
    # ... and every other facet follows the query and the state.
    assert counts["theme"]["verwaltung"] == 1
    assert counts["theme"]["bildung"] == 0
    assert counts["theme"]["mobilitaet"] == 0
    assert counts["size_class"]["landgemeinde"] == 0


@pytest.mark.postgres
def test_facet_counts_come_from_one_query_with_full_text_search(known_set):
    counts, filterset = facet_counts({"q": "Chatbot", "theme": "verwaltung"})
    assert titles(filterset.qs) == ["Chatbot A", "Chatbot B"]
    assert counts["theme"]["verwaltung"] == 2
    assert counts["theme"]["mobilitaet"] == 0
    assert counts["phase"]["completed"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Chatbot"},
        {"q": "Chatbot", "theme": "verwaltung"},
        {"q": "Chatbot", "state": "05", "lighthouse": "true"},
        {"q": "Chatbot", "size_class": "landgemeinde", "open_source": "false"},
        {"q": "Chatbot", "licence": "MIT", "phase": ["running", "completed"]},
        {"q": "Chatbot", "state": ["05", "09"], "size_class": ["grossstadt", "landgemeinde"]},
        {"q": "Chatbot", "theme": "verwaltung", "state": "09", "size_class": "landgemeinde"},
    ],
)
def test_facet_counts_over_the_matches_equal_the_counts_per_facet(known_set, params):
    """With a text query the counts come from the shared matches; they must be the counts
    that each facet's own query over the table gives."""
    data = QueryDict(urlencode(params, doseq=True))
    filterset = ProjectFilterSet(data, queryset=Project.objects.visible_to(None))
    assert filterset.is_valid(), filterset.errors
    over_matches = sorted(row for row in filterset.facet_rows_over_matches() if row[2])
    per_facet = sorted(row for row in filterset.facet_rows() if row[2])
    # The statement over the matches also counts the list itself and names its projects.
    assert ("total", "", filterset.qs.count()) in over_matches
    keys = sorted(int(key) for name, key, _count in over_matches if name == "key")
    assert keys == sorted(filterset.qs.values_list("pk", flat=True))
    assert [row for row in over_matches if row[0] not in ("total", "key")] == per_facet
    assert over_matches  # the known set has matches for every query


@pytest.mark.postgres
def test_facet_counts_run_the_full_text_match_once(known_set):
    data = QueryDict(urlencode({"q": "Chatbot", "theme": "verwaltung", "state": "05"}))
    filterset = ProjectFilterSet(data, queryset=Project.objects.visible_to(None))
    filterset.qs  # noqa: B018 - validates the form and runs the search once
    for facet in filterset.facets:  # the options (themes, states) are read beforehand
        filterset.facet_options(facet)
    with CaptureQueriesContext(connection) as queries:
        filterset.facet_counts()
    [statement] = [query["sql"] for query in queries]
    assert statement.count("@@") == 1


@pytest.mark.postgres
def test_facet_counts_without_a_query_read_the_narrow_index(known_set, query_plan):
    """Without a text query every count reads all visible projects: from the covering index,
    never from the wide table rows (a column the counts need but the index lacks fails this)."""
    filterset = ProjectFilterSet(None, queryset=Project.objects.visible_to(None))
    filterset.qs  # noqa: B018 - validates the form
    for facet in filterset.facets:  # the options (themes, states) are read beforehand
        filterset.facet_options(facet)
    with CaptureQueriesContext(connection) as queries:
        filterset.facet_counts()
    [statement] = [query["sql"] for query in queries]
    plan = query_plan(statement, (), "seqscan", "bitmapscan")
    assert "Index Only Scan using bp_project_facet_idx" in plan, plan
    assert not re.search(r"(?<!Only )Scan( using \w+)? on bestpractices_project\b(?!_)", plan), plan


@pytest.mark.postgres
def test_similar_projects_are_ranked_from_the_covering_index(known_set, query_plan):
    """The ranking of similar projects reads the covering index, never the wide rows (the
    newest-first order needs ``published_at`` in it: migration 0010)."""
    project = Project.objects.get(title="Chatbot B")
    theme_ids = [theme.pk for theme in project.themes.all()]
    ranked = Project.objects.visible_to(None).similar_to(project, theme_ids).values("pk")[:4]
    plan = query_plan(*ranked.query.sql_with_params(), "seqscan", "bitmapscan")
    assert "Index Only Scan using bp_project_facet_idx" in plan, plan
    assert not re.search(r"(?<!Only )Scan( using \w+)? on bestpractices_project\b(?!_)", plan), plan


@pytest.mark.postgres
def test_facet_counts_over_the_matches_look_up_only_the_municipalities_with_a_count(query_plan):
    """A broad query finds thousands of projects: their state and size class are counted per
    lead municipality, so each municipality is looked up once, and only if it has a count,
    rather than once per project found (a ``meets`` condition on the municipality is a
    hashed ``IN``, not a join)."""
    nrw, bavaria = DistrictFactory(key="05111"), DistrictFactory(key="09162")
    counted = [MunicipalityFactory(district=nrw, population=30_000) for _ in range(2)]
    elsewhere = [MunicipalityFactory(district=bavaria, population=3_000) for _ in range(3)]
    for municipality in counted + elsewhere:
        ProjectFactory.create_batch(
            4,
            title="Zisternenwächter",
            lead_municipality=municipality,
            themes=[theme("energie-umwelt")],
        )
    for municipality in elsewhere:
        ProjectFactory(title="Zisternenwächter", lead_municipality=municipality)
    data = QueryDict(urlencode({"q": "Zisternenwächter", "theme": "energie-umwelt", "state": "05"}))
    filterset = ProjectFilterSet(data, queryset=Project.objects.visible_to(None))
    filterset.qs  # noqa: B018 - validates the form and runs the search once
    for facet in filterset.facets:  # the options (themes, states) are read beforehand
        filterset.facet_options(facet)
    with CaptureQueriesContext(connection) as queries:
        counts = filterset.facet_counts()
    assert counts["state"]["05"] == 8 and counts["state"]["09"] == 12
    assert counts["size_class"] == {**counts["size_class"], "mittelstadt": 8, "landgemeinde": 0}
    assert counts["theme"]["energie-umwelt"] == 8 and filterset.total == 8
    [statement] = [query["sql"] for query in queries]
    plan = query_plan(statement, options="ANALYZE, FORMAT JSON")

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    lookups = [
        node["Actual Loops"]
        for node in nodes(plan[0]["Plan"])
        if node.get("Relation Name") == "cities_municipality"
    ]
    assert lookups, plan
    # The state facet counts the 5 municipalities with projects of the theme; one lookup
    # for each of the 20 projects found would fail this.
    assert max(lookups) <= 5, lookups


@pytest.mark.postgres
def test_the_projects_of_a_theme_are_read_from_the_index_by_theme_and_project(
    known_set, query_plan
):
    """The theme facet's condition reads the theme's links from the index on (theme,
    project) without their rows (migration 0011): the link table's own index on the theme
    alone made PostgreSQL read each of the theme's links from the table."""
    condition = Project.themes.through.objects.filter(theme__slug="verwaltung")
    sql, params = condition.values("project_id").query.sql_with_params()
    plan = query_plan(sql, params, "seqscan", "bitmapscan")
    assert "Index Only Scan using bp_project_themes_theme_project" in plan, plan


@pytest.mark.postgres
def test_a_search_counts_and_filters_a_region_led_project_by_the_region_state(known_set):
    district = DistrictFactory(key="01051")
    ProjectFactory(
        title="Chatbot Kreis",
        summary="Ein Chatbot.",
        lead_municipality=None,
        lead_district=district,
    )
    counts, filterset = facet_counts({"q": "Chatbot", "state": "01"})
    assert titles(filterset.qs) == ["Chatbot Kreis"]
    assert counts["state"]["01"] == 1 and counts["state"]["05"] == 1
    # A district has no size class: the project is not counted under any.
    assert sum(counts["size_class"].values()) == 0
