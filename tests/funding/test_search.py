"""Searching funding programmes: full-text search on the stored document on PostgreSQL
(marked), the plain substring search elsewhere, visibility and query counts."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from funding.models import FundingProgramme
from funding.querysets import PROGRAMME_SEARCH_FIELDS, programme_search_vector
from funding.search import search_programmes
from portal.choices import PublicationStatus
from portal.fulltext import every_word_in
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(programme.title for programme in queryset)


@pytest.mark.postgres
def test_search_finds_inflected_forms_and_prefixes():
    FundingProgrammeFactory(title="Digitale Modellregionen", summary="Für digitalisierte Ämter.")
    FundingProgrammeFactory(title="Mobilitätsförderung", summary="Busse und Bahnen.")
    FundingProgrammeFactory(title="Radwege", summary="Neue Radwege.")
    assert titles(FundingProgramme.objects.search("Modellregion")) == ["Digitale Modellregionen"]
    assert titles(FundingProgramme.objects.search("Digitalisierung")) == ["Digitale Modellregionen"]
    assert titles(FundingProgramme.objects.search("Mobilität")) == ["Mobilitätsförderung"]
    found = FundingProgramme.objects.search("Radweg")
    assert "search_document" in found.query.annotations
    assert "search_document" not in found.query.annotation_select


@pytest.mark.postgres
def test_search_understands_phrases_exclusion_and_or():
    FundingProgrammeFactory(title="Offene Daten", summary="Ein offenes Datenportal.")
    FundingProgrammeFactory(title="Stadtdaten frei", summary="Daten, offen für alle, mit App.")
    assert titles(FundingProgramme.objects.search('"offene Daten"')) == ["Offene Daten"]
    assert titles(FundingProgramme.objects.search("Daten -App")) == ["Offene Daten"]
    assert titles(FundingProgramme.objects.search("Datenportal OR App")) == [
        "Offene Daten",
        "Stadtdaten frei",
    ]


@pytest.mark.postgres
def test_search_covers_short_name_funding_body_and_funded_activities():
    FundingProgrammeFactory(title="A", short_name="KoMoDi")
    FundingProgrammeFactory(title="B", funding_body="Landesministerium für Verkehr")
    FundingProgrammeFactory(title="C", funded_activities="Gefördert werden Ladesäulen.")
    FundingProgrammeFactory(title="D", requirements="Ladesäulen nur mit Ökostrom.")
    assert titles(FundingProgramme.objects.search("komodi")) == ["A"]
    assert titles(FundingProgramme.objects.search("Landesministerium")) == ["B"]
    # Requirements, legal basis and contact are not part of the document.
    assert titles(FundingProgramme.objects.search("Ladesäule")) == ["C"]


@pytest.mark.postgres
def test_a_word_inside_a_compound_is_no_longer_found_on_postgresql():
    FundingProgrammeFactory(title="Breitbandförderung")
    assert titles(FundingProgramme.objects.search("förderung")) == []
    assert titles(FundingProgramme.objects.search("Breitband")) == ["Breitbandförderung"]


@pytest.mark.postgres
def test_stored_document_equals_the_computed_one_and_follows_edits():
    programme = FundingProgrammeFactory(
        title="Smarte Region",
        short_name="SmaRe",
        summary="Digitale Dörfer.",
        funding_body="Landesamt",
        funded_activities="Gefördert werden Plattformen.",
    )
    computed = FundingProgramme.objects.annotate(document=programme_search_vector()).get().document
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM funding_fundingprogramme WHERE id = %s",
            [programme.pk],
        )
        [stored] = cursor.fetchone()
    assert stored == computed
    assert set(re.findall(r"\d([ABC])\b", computed)) == {"A", "B", "C"}
    FundingProgramme.objects.filter(pk=programme.pk).update(summary="Glasfaser für Schulen.")
    assert titles(FundingProgramme.objects.search("Glasfaser")) == ["Smarte Region"]
    assert titles(FundingProgramme.objects.search("Dörfer")) == []


@pytest.mark.postgres
def test_search_can_use_the_gin_index_of_the_stored_document(query_plan):
    FundingProgrammeFactory(title="Chatbot")
    matches = FundingProgramme.objects.search("Chatbot")
    plan = query_plan(*matches.query.sql_with_params(), "seqscan")
    assert "funding_prog_document_gin" in plan
    assert "to_tsvector" not in plan


def test_plain_search_matches_substrings_of_every_word():
    """The search of databases without full-text search (SQLite's), checked on every
    database through the condition it filters with."""
    FundingProgrammeFactory(title="Breitbandförderung", summary="Für Schulen.")
    FundingProgrammeFactory(title="Radwege", short_name="RAD", funding_body="Landesamt")
    FundingProgrammeFactory(title="Ladesäulen", funded_activities="Schulen")

    def plain(query):
        return FundingProgramme.objects.filter(every_word_in(query, PROGRAMME_SEARCH_FIELDS))

    assert titles(plain("förderung schul")) == ["Breitbandförderung"]
    assert titles(plain("rad landes")) == ["Radwege"]
    # The plain search keeps the fields it always had: what is funded is not among them.
    assert titles(plain("Schulen")) == ["Breitbandförderung"]
    if connection.vendor != "postgresql":
        # Without full-text search, search() is exactly that condition.
        assert titles(FundingProgramme.objects.search("rad landes")) == ["Radwege"]


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED])
def test_hidden_programmes_never_come_back_from_search(client, status):
    FundingProgrammeFactory(title="Offenes Glasfaserprogramm")
    FundingProgrammeFactory(title="Geheimes Glasfaserprogramm", status=status)
    result = search_programmes("Glasfaserprogramm", user=AnonymousUser(), limit=10)
    assert [hit.title for hit in result.hits] == ["Offenes Glasfaserprogramm"]
    assert result.total == 1
    for url in (reverse("portal:search"), reverse("funding:programme_list")):
        page = client.get(url, {"q": "Glasfaserprogramm"}).content.decode()
        assert "Offenes Glasfaserprogramm" in page and "Geheimes" not in page
    api = client.get("/api/v1/funding-programmes/", {"q": "Glasfaserprogramm"}).json()
    assert [row["title"] for row in api["results"]] == ["Offenes Glasfaserprogramm"]


def test_search_keeps_the_lists_order(client):
    later = FundingCallFactory(programme__title="Glasfaser A")
    later.deadline = later.deadline.replace(year=later.deadline.year + 1)
    later.save()
    FundingCallFactory(programme__title="Glasfaser B")
    response = client.get(reverse("funding:programme_list"), {"q": "Glasfaser"})
    # Soonest next deadline first, as without a query.
    assert [p.title for p in response.context["object_list"]] == ["Glasfaser B", "Glasfaser A"]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count; page; prefetch of states; the facet counts; the filter form's three
        # selects.
        ("/foerderprogramme/?q=Glasfaser", 7),
        # count and page.
        ("/api/v1/funding-programmes/?q=Glasfaser", 2),
    ],
)
def test_searched_lists_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries, rows
):
    for number in range(rows):
        FundingCallFactory(programme__title=f"Glasfaser {number}")
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_site_search_section_runs_one_query(django_assert_num_queries, rows):
    for number in range(rows):
        FundingProgrammeFactory(title=f"Glasfaser {number}")
    # The hits with the number of all.
    with django_assert_num_queries(1):
        result = search_programmes("Glasfaser", user=AnonymousUser(), limit=10)
    assert (len(result.hits), result.total) == (min(rows, 10), rows)
