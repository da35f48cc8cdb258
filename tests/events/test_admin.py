from datetime import UTC, date, datetime

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


def timed_event_data(day, start, end):
    """The add form of a timed event, with the date and time inputs as typed."""
    return {
        "title": "Nachtschicht",
        "slug": "nachtschicht",
        "kind": "workshop",
        "start_0": day,
        "start_1": start,
        "end_0": day,
        "end_1": end,
        "venue_address": "Berlin",
        "language": "de",
        "status": "draft",
    }


def test_admin_form_says_once_that_a_local_time_does_not_exist(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"), timed_event_data("28.03.2027", "02:30", "04:00")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "start": [
            "Am 28. März 2027 gibt es 02:30 Uhr nicht: Die Uhr wird um 02:00 Uhr auf 03:00 Uhr "
            "vorgestellt. Bitte eine Uhrzeit vor 02:00 Uhr oder ab 03:00 Uhr eingeben."
        ]
    }
    assert not Event.objects.exists()


def test_admin_form_says_once_that_a_time_cannot_be_read(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"), timed_event_data("12.05.2027", "25:00", "26:00")
    )
    assert response.context["adminform"].form.errors == {
        "start": ["Bitte eine gültige Uhrzeit eingeben."],
        "end": ["Bitte eine gültige Uhrzeit eingeben."],
    }


def test_admin_form_asks_which_of_two_equal_local_times_is_meant(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"), timed_event_data("31.10.2027", "02:30", "04:00")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "start": [
            "Am 31. Oktober 2027 gibt es 02:30 Uhr zweimal: Die Uhr wird um 03:00 Uhr auf "
            "02:00 Uhr zurückgestellt. Bitte die Abweichung von UTC dazuschreiben: "
            "„02:30 +02:00“ für das erste Mal, „02:30 +01:00“ für das zweite Mal."
        ]
    }
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "instants"),
    [
        ("02:30 +02:00", "02:50 +02:00", ((0, 30), (0, 50))),
        ("02:30:00 +01:00", "02:50 +0100", ((1, 30), (1, 50))),
        ("02:30 +02:00", "02:10 +01:00", ((0, 30), (1, 10))),
    ],
)
def test_admin_form_takes_a_repeated_local_time_with_its_utc_offset(
    editor_client, start, end, instants
):
    response = editor_client.post(
        reverse("admin:events_event_add"), timed_event_data("31.10.2027", start, end)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="nachtschicht")
    (start_hour, start_minute), (end_hour, end_minute) = instants
    assert event.start == datetime(2027, 10, 31, start_hour, start_minute, tzinfo=UTC)
    assert event.end == datetime(2027, 10, 31, end_hour, end_minute, tzinfo=UTC)


def test_admin_form_refuses_a_utc_offset_that_does_not_hold_then(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"),
        timed_event_data("15.01.2027", "10:00 +02:00", "12:00"),
    )
    assert response.context["adminform"].form.errors == {
        "start": [
            "Am 15. Januar 2027 um 10:00 Uhr gilt die Abweichung +01:00 von UTC, nicht +02:00. "
            "Bitte die Uhrzeit ohne Abweichung eingeben."
        ]
    }


def test_admin_shows_the_second_of_two_equal_local_times_so_that_saving_keeps_it(editor_client):
    event = EventFactory(
        title="Nachtschicht",
        slug="nachtschicht",
        start=datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        end=datetime(2027, 10, 31, 3, 0, tzinfo=UTC),
        venue_address="Berlin",
        status="draft",
    )
    url = reverse("admin:events_event_change", args=[event.pk])
    page = editor_client.get(url).text
    assert 'name="start_1" value="02:30 +01:00"' in page
    assert 'name="end_1" value="04:00:00"' in page
    data = timed_event_data("31.10.2027", "02:30 +01:00", "04:00:00")
    data["title"] = "Nachtschicht (verlegt)"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.title == "Nachtschicht (verlegt)"
    assert event.start == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


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


def test_editor_marks_an_event_as_an_example_in_the_admin(editor_client):
    data = {**timed_event_data("12.05.2027", "10:00", "12:00"), "is_example": "on"}
    response = editor_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get(slug="nachtschicht").is_example


@pytest.mark.parametrize("model", ["expertcircle", "eventseries"])
def test_circle_and_series_forms_offer_the_example_flag(editor_client, model):
    response = editor_client.get(reverse(f"admin:events_{model}_add"))
    assert "is_example" in response.context["adminform"].form.fields


def test_occurrences_of_an_example_series_are_examples():
    from events.services import event_series_generate

    series = EventSeriesFactory(is_example=True, count=2)
    assert [event.is_example for event in event_series_generate(series=series)] == [True, True]
