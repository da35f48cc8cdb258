from datetime import date

import pytest
from django.urls import reverse

from events.models import Event
from tests.events.factories import EventFactory, EventSeriesFactory, ExpertCircleFactory

pytestmark = pytest.mark.django_db


def test_editor_sees_the_event_list_with_filters_and_search(editor_client):
    EventFactory(title="Workshop Datenplattform")
    response = editor_client.get(reverse("admin:events_event_changelist"), {"q": "Datenplattform"})
    assert response.status_code == 200
    assert "Workshop Datenplattform" in response.content.decode()


def test_editor_adds_an_all_day_event_in_the_admin(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Kongress",
            "slug": "kongress",
            "kind": "conference",
            "all_day": "on",
            "start_date": "2026-10-15",
            "end_date": "2026-10-17",
            "venue_address": "Berlin",
            "language": "de",
            "status": "draft",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="kongress")
    assert event.last_day == date(2026, 10, 17)


def test_admin_form_shows_german_validation_errors(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Ohne Ort",
            "slug": "ohne-ort",
            "kind": "workshop",
            "start_0": "01.04.2026",
            "start_1": "10:00",
            "end_0": "01.04.2026",
            "end_1": "09:00",
            "language": "de",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Das Ende muss nach dem Beginn liegen." in content
    assert "Bitte einen Veranstaltungsort oder einen Online-Link angeben." in content


def test_circle_admin_lists_its_meetings_inline(editor_client):
    circle = ExpertCircleFactory()
    EventFactory(title="Erstes Treffen", expert_circle=circle)
    response = editor_client.get(reverse("admin:events_expertcircle_change", args=[circle.pk]))
    assert "Erstes Treffen" in response.content.decode()


def test_series_admin_action_generates_the_occurrences(editor_client):
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=3)
    for _run in range(2):
        response = editor_client.post(
            reverse("admin:events_eventseries_changelist"),
            {"action": "generate_occurrences", "_selected_action": [series.pk]},
        )
        assert response.status_code == 302
    assert Event.objects.filter(series=series).count() == 3


def test_event_autocomplete_sources_answer(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "event", "field_name": "expert_circle", "term": ""},
    )
    assert response.status_code == 200


def test_non_staff_user_cannot_reach_the_events_admin(user_client):
    response = user_client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302
