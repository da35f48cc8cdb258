"""Searching events and expert circles: full-text search on the stored document on
PostgreSQL (marked), the plain substring search elsewhere, visibility and query counts."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, ExpertCircle
from events.querysets import (
    CIRCLE_SEARCH_FIELDS,
    EVENT_SEARCH_FIELDS,
    circle_search_vector,
    event_search_vector,
)
from events.search import search_circles, search_events
from portal.choices import PublicationStatus
from portal.fulltext import every_word_in
from tests.events.factories import EventFactory, ExpertCircleFactory

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(event.title for event in queryset)


def names(queryset):
    return sorted(circle.name for circle in queryset)


@pytest.mark.postgres
def test_event_search_finds_inflected_forms_and_prefixes():
    EventFactory(title="Workshops zur Verwaltung")
    EventFactory(title="Akten", description="Wir zeigen digitalisierte Akten.")
    EventFactory(title="Radwege", description="Neue Radwege.")
    assert titles(Event.objects.search("Workshop")) == ["Workshops zur Verwaltung"]
    assert titles(Event.objects.search("Digitalisierung")) == ["Akten"]
    # Found through the stored document, which is aliased and never selected.
    found = Event.objects.search("Workshop")
    assert "search_document" in found.query.annotations
    assert "search_document" not in found.query.annotation_select


@pytest.mark.postgres
def test_event_search_understands_phrases_exclusion_and_or():
    EventFactory(title="Offene Daten", description="Ein offenes Datenportal der Stadt.")
    EventFactory(title="Stadtdaten frei", description="Daten der Stadt, offen für alle, mit App.")
    assert titles(Event.objects.search('"offene Daten"')) == ["Offene Daten"]
    assert titles(Event.objects.search("Daten -App")) == ["Offene Daten"]
    assert titles(Event.objects.search("Datenportal OR App")) == ["Offene Daten", "Stadtdaten frei"]


@pytest.mark.postgres
def test_event_search_covers_venue_and_organiser():
    EventFactory(title="A", venue_name="Zeche Zollverein", venue_address="Gelsenkirchener Str.")
    EventFactory(title="B", organiser="Kompetenzzentrum Digitale Städte")
    EventFactory(title="C")
    assert titles(Event.objects.search("Zollverein")) == ["A"]
    assert titles(Event.objects.search("Gelsenkirchener")) == ["A"]
    assert titles(Event.objects.search("Kompetenzzentrum")) == ["B"]


@pytest.mark.postgres
def test_a_word_inside_a_compound_is_no_longer_found_on_postgresql():
    # The accepted change from the substring search: words match from their start.
    EventFactory(title="Stadtdaten")
    assert titles(Event.objects.search("daten")) == []
    assert titles(Event.objects.search("Stadt")) == ["Stadtdaten"]


@pytest.mark.postgres
def test_circle_search_finds_inflected_forms_and_organisations():
    ExpertCircleFactory(name="Kreis Datenplattformen", description="Über offene Schnittstellen.")
    ExpertCircleFactory(
        name="Kreis Mobilität",
        moderation_organisation="Stadtwerke Ulm",
        member_organisations="Landkreis Tübingen\nVerkehrsverbund",
    )
    assert names(ExpertCircle.objects.search("Datenplattform")) == ["Kreis Datenplattformen"]
    assert names(ExpertCircle.objects.search("Schnittstelle")) == ["Kreis Datenplattformen"]
    assert names(ExpertCircle.objects.search("Verkehrsverbund")) == ["Kreis Mobilität"]
    assert names(ExpertCircle.objects.search("Stadtwerke -Tübingen")) == []
    assert names(ExpertCircle.objects.search("Schnittstellen OR Ulm")) == [
        "Kreis Datenplattformen",
        "Kreis Mobilität",
    ]


def stored_document(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT search_document::text FROM "{table}" WHERE id = %s', [pk])
        [stored] = cursor.fetchone()
    return stored


@pytest.mark.postgres
def test_stored_event_document_equals_the_computed_one_and_follows_edits():
    event = EventFactory(
        title="Chatbot Werkstatt",
        description="Wie ein Chatbot Fragen beantwortet.",
        venue_name="Stadtbibliothek",
        venue_address="Hauptstraße 5",
        organiser="Digitalagentur",
    )
    computed = Event.objects.annotate(document=event_search_vector()).get().document
    assert stored_document("events_event", event.pk) == computed
    assert set(re.findall(r"\d([ABC])\b", computed)) == {"A", "B", "C"}
    Event.objects.filter(pk=event.pk).update(title="Radweg", organiser="")
    assert titles(Event.objects.search("Radweg")) == ["Radweg"]
    assert titles(Event.objects.search("Digitalagentur")) == []
    edited = Event.objects.annotate(document=event_search_vector()).get().document
    assert stored_document("events_event", event.pk) == edited


@pytest.mark.postgres
def test_stored_circle_document_equals_the_computed_one_and_follows_edits():
    circle = ExpertCircleFactory(
        name="Kreis Geodaten",
        description="Karten und Geodaten.",
        moderation_organisation="Landesamt",
        member_organisations="Stadt Ulm\nStadt Jena",
    )
    computed = ExpertCircle.objects.annotate(document=circle_search_vector()).get().document
    assert stored_document("events_expertcircle", circle.pk) == computed
    ExpertCircle.objects.filter(pk=circle.pk).update(member_organisations="Stadt Gera")
    assert names(ExpertCircle.objects.search("Gera")) == ["Kreis Geodaten"]
    assert names(ExpertCircle.objects.search("Jena")) == []


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Event.objects.search("Chatbot"), "events_event_document_gin"),
        (lambda: ExpertCircle.objects.search("Chatbot"), "events_circle_document_gin"),
    ],
    ids=["events", "circles"],
)
def test_search_can_use_the_gin_index_of_the_stored_document(queryset, index, query_plan):
    EventFactory(title="Chatbot")
    ExpertCircleFactory(name="Chatbot")
    plan = query_plan(*queryset().query.sql_with_params(), "seqscan")
    assert index in plan
    # The match reads the stored column; the document is never recomputed per row.
    assert "to_tsvector" not in plan


def test_plain_search_matches_substrings_of_every_word():
    """The search of databases without full-text search (SQLite's), checked on every
    database through the condition it filters with."""
    EventFactory(title="Stadtdaten-Workshop", description="Mit offenen Schnittstellen.")
    EventFactory(title="Radwege", organiser="Stadtwerke")
    EventFactory(title="Anderes")
    ExpertCircleFactory(name="Kreis Geodaten", member_organisations="Stadt Ulm")

    def plain_events(query):
        return Event.objects.filter(every_word_in(query, EVENT_SEARCH_FIELDS))

    assert titles(plain_events("daten schnitt")) == ["Stadtdaten-Workshop"]
    assert titles(plain_events("STADT")) == ["Radwege", "Stadtdaten-Workshop"]
    assert titles(plain_events("Stadt Rathaus")) == ["Radwege", "Stadtdaten-Workshop"]
    circles = ExpertCircle.objects.filter(every_word_in("geo ulm", CIRCLE_SEARCH_FIELDS))
    assert names(circles) == ["Kreis Geodaten"]
    if connection.vendor != "postgresql":
        # Without full-text search, search() is exactly that condition.
        assert titles(Event.objects.search("daten schnitt")) == ["Stadtdaten-Workshop"]
        assert names(ExpertCircle.objects.search("geo ulm")) == ["Kreis Geodaten"]


def test_empty_query_finds_everything():
    EventFactory(title="A")
    ExpertCircleFactory(name="B")
    assert Event.objects.search("  ").count() == 1
    assert ExpertCircle.objects.search("").count() == 1


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED]
)
def test_hidden_events_and_circles_never_come_back_from_search(client, status):
    EventFactory(title="Offener Glasfasertag")
    EventFactory(title="Geheimer Glasfasertag", status=status)
    ExpertCircleFactory(name="Offener Glasfaserkreis")
    ExpertCircleFactory(name="Geheimer Glasfaserkreis", status=status)
    anonymous = AnonymousUser()
    events = search_events("Glasfasertag", user=anonymous, limit=10)
    assert [hit.title for hit in events.hits] == ["Offener Glasfasertag"]
    assert events.total == 1
    circles = search_circles("Glasfaserkreis", user=anonymous, limit=10)
    assert [hit.title for hit in circles.hits] == ["Offener Glasfaserkreis"]
    assert circles.total == 1
    site = client.get("/suche/", {"q": "Glasfasertag"}).content.decode()
    assert "Offener Glasfasertag" in site and "Geheimer" not in site
    site = client.get("/suche/", {"q": "Glasfaserkreis"}).content.decode()
    assert "Offener Glasfaserkreis" in site and "Geheimer" not in site
    page = client.get("/termine/", {"q": "Glasfasertag"}).content.decode()
    assert "Offener Glasfasertag" in page and "Geheimer" not in page
    page = client.get("/expertenkreise/", {"q": "Glasfaserkreis"}).content.decode()
    assert "Offener Glasfaserkreis" in page and "Geheimer" not in page
    api = client.get("/api/v1/events/", {"q": "Glasfasertag"}).json()
    assert [row["title"] for row in api["results"]] == ["Offener Glasfasertag"]


def test_search_keeps_the_lists_order(client):
    EventFactory(title="Glasfaser später", days_ahead=9)
    EventFactory(title="Glasfaser bald", days_ahead=2)
    EventFactory(title="Glasfaser vorbei", days_ahead=-3)
    response = client.get("/termine/", {"q": "Glasfaser"})
    assert [event.title for event in response.context["object_list"]] == [
        "Glasfaser bald",
        "Glasfaser später",
    ]
    ExpertCircleFactory(name="Zukunft Glasfaser")
    ExpertCircleFactory(name="Arbeitskreis Glasfaser")
    response = client.get("/expertenkreise/", {"q": "Glasfaser"})
    assert [circle.name for circle in response.context["object_list"]] == [
        "Arbeitskreis Glasfaser",
        "Zukunft Glasfaser",
    ]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count; the facet counts; the facets' themes and states; the filter form's circles;
        # the page of events; their themes — the same as without a query.
        ("/termine/?q=Glasfaser", 7),
        # count; the filter form's themes; the page of circles; their themes.
        ("/expertenkreise/?q=Glasfaser", 4),
        # count; the page of events; their themes.
        ("/api/v1/events/?q=Glasfaser", 3),
    ],
)
def test_searched_lists_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries, rows
):
    for number in range(rows):
        EventFactory(title=f"Glasfaser {number}")
        ExpertCircleFactory(name=f"Glasfaserkreis {number}")
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_site_search_sections_run_a_fixed_number_of_queries(django_assert_num_queries, rows):
    for number in range(rows):
        EventFactory(title=f"Glasfaser {number}")
        ExpertCircleFactory(name=f"Glasfaserkreis {number}")
    anonymous = AnonymousUser()
    # count; the upcoming hits; the past ones only while the upcoming do not fill the hits.
    with django_assert_num_queries(3 if rows < 10 else 2):
        search_events("Glasfaser", user=anonymous, limit=10)
    # the hits with the number of all.
    with django_assert_num_queries(1):
        result = search_circles("Glasfaserkreis", user=anonymous, limit=10)
    assert (len(result.hits), result.total) == (min(rows, 10), rows)


@pytest.mark.postgres
def test_site_search_sorts_event_hits_on_an_expression_no_index_provides(query_plan):
    # Sorted by the bare start, PostgreSQL walks the (status, start) index through every
    # past event at national scale (it expects the hits spread evenly); sorted by an
    # expression, it collects the hits through the GIN index and sorts only those.
    EventFactory(title="Chatbot-Sprechstunde")
    EventFactory(title="Chatbot-Rückblick", days_ahead=-5)
    with CaptureQueriesContext(connection) as queries:
        result = search_events("Chatbot", user=AnonymousUser(), limit=10)
    assert [hit.title for hit in result.hits] == ["Chatbot-Sprechstunde", "Chatbot-Rückblick"]
    for sql in [q["sql"] for q in queries if "ORDER BY" in q["sql"]]:
        plan = query_plan(sql)
        assert "Sort Key: ((start + " in plan
        assert "events_event_status_start_idx" not in plan
