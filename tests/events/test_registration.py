"""Registration for events run by the centre: seats, waiting list, double opt-in, closing,
the attendee's e-mails, the online link that stays off every public channel, the clean-up
after the retention period, reminders, the admin export and the queries of the page."""

import html
import json
import re
import threading
from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from events.choices import RegistrationStatus
from events.models import Event, Registration
from events.services import (
    registration_cancel,
    registration_confirm_email,
    registration_create,
)
from events.tasks import purge_attendee_data, send_registration_reminders
from portal.roles import EDITOR_GROUP
from tests.events.factories import (
    CircleMembershipFactory,
    EventFactory,
    RegistrationEventFactory,
    RegistrationFactory,
    berlin,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://konferenz.example.org/geheimer-raum"


def register_member(event, number: int, **kwargs) -> Registration:
    member = MemberFactory(email=f"mitglied{number}@example.org", password=None)
    return registration_create(
        event=event, user=member, name=f"Mitglied {number}", email=member.email, **kwargs
    )


def statuses(event) -> list[str]:
    return list(event.registrations.order_by("created_at", "pk").values_list("status", flat=True))


# Rules of the event itself


def test_portal_registration_needs_the_number_of_seats():
    event = EventFactory.build(registration_enabled=True, capacity=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "capacity" in error.value.message_dict
    assert "Plätze" in error.value.message_dict["capacity"][0]


def test_portal_registration_and_a_registration_link_exclude_each_other():
    event = EventFactory.build(
        registration_enabled=True, capacity=10, registration_url="https://anmeldung.example.org"
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "„Anmeldung (Link)“" in error.value.message_dict["registration_url"][0]
    event.registration_url = ""
    event.full_clean()


# Seats, waiting list, cancellation


def test_members_get_seats_until_the_event_is_full_then_the_waiting_list():
    event = RegistrationEventFactory(capacity=2)
    placed = [register_member(event, number).status for number in range(4)]
    assert placed == ["confirmed", "confirmed", "waiting", "waiting"]


def test_cancellation_moves_the_first_waiting_person_up_and_tells_them(
    django_capture_on_commit_callbacks,
):
    event = RegistrationEventFactory(capacity=1)
    seated = register_member(event, 1)
    first_waiting = register_member(event, 2)
    second_waiting = register_member(event, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=seated)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITING
    assert [message.to for message in mail.outbox] == [[first_waiting.email]]
    assert "Ein Platz ist frei geworden" in mail.outbox[0].subject
    assert SECRET_LINK in mail.outbox[0].body


def test_cancelling_a_waiting_place_moves_nobody_up_and_twice_changes_nothing():
    event = RegistrationEventFactory(capacity=1)
    register_member(event, 1)
    waiting = register_member(event, 2)
    third = register_member(event, 3)
    registration_cancel(registration=waiting)
    registration_cancel(registration=waiting)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING
    assert statuses(event) == ["confirmed", "cancelled", "waiting"]


# Closed registration


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration_enabled": False, "capacity": None}, "keine Anmeldung über das Portal"),
        ({"cancelled": True}, "abgesagt"),
        ({"days_ahead": -1}, "begonnen"),
        ({"status": "draft"}, "veröffentlicht"),
    ],
)
def test_registration_is_refused_when_closed(changes, message):
    event = RegistrationEventFactory(**changes)
    with pytest.raises(ValidationError) as error:
        registration_create(event=event, name="Kim", email="kim@example.org")
    assert message in " ".join(error.value.messages)
    assert not event.registrations.exists()


def test_deadline_is_the_end_of_the_day_in_berlin(monkeypatch):
    event = RegistrationEventFactory(
        start=berlin(2026, 12, 20, 10),
        end=berlin(2026, 12, 20, 12),
        registration_deadline=berlin(2026, 12, 10).date(),
    )
    # 23:30 in Berlin on the deadline (22:30 UTC): still open.
    monkeypatch.setattr(timezone, "now", lambda: berlin(2026, 12, 10, 23, 30))
    registration_create(event=event, name="Kim", email="kim@example.org")
    # 00:30 in Berlin the day after, although still the deadline's date in UTC: closed.
    monkeypatch.setattr(timezone, "now", lambda: berlin(2026, 12, 11, 0, 30))
    assert timezone.now().astimezone(UTC).date() == berlin(2026, 12, 10).date()
    with pytest.raises(ValidationError) as error:
        registration_create(event=event, name="Alex", email="alex@example.org")
    assert "Anmeldeschluss" in error.value.messages[0]


def test_the_same_address_cannot_register_twice_but_again_after_cancelling():
    event = RegistrationEventFactory()
    first = registration_create(event=event, name="Kim", email="kim@example.org")
    with pytest.raises(ValidationError) as error:
        registration_create(event=event, name="Kim", email=" KIM@example.org ")
    assert "schon angemeldet" in error.value.message_dict["email"][0]
    registration_cancel(registration=first)
    again = registration_create(event=event, name="Kim", email="kim@example.org")
    assert again.status == RegistrationStatus.PENDING


def test_the_database_keeps_one_active_registration_per_address():
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, email="kim@example.org")
    RegistrationFactory(event=event, email="kim@example.org", status="cancelled")
    with pytest.raises(ValidationError):
        RegistrationFactory.build(event=event, email="kim@example.org").full_clean()


# Double opt-in


def test_anonymous_registration_waits_for_the_address_and_takes_no_seat(
    django_capture_on_commit_callbacks,
):
    event = RegistrationEventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        pending = registration_create(event=event, name="Kim", email="kim@example.org")
    assert pending.status == RegistrationStatus.PENDING
    assert len(mail.outbox) == 1
    assert pending.get_confirm_url() in mail.outbox[0].body
    # The message to an unconfirmed address repeats nothing the form said.
    assert "Kim" not in mail.outbox[0].body
    assert SECRET_LINK not in mail.outbox[0].body
    # The pending one does not count: a member still gets the only seat.
    assert register_member(event, 1).status == RegistrationStatus.CONFIRMED
    confirmed = registration_confirm_email(token=pending.token)
    assert confirmed.status == RegistrationStatus.WAITING


def test_a_signed_in_user_with_an_unverified_address_confirms_it_first():
    event = RegistrationEventFactory()
    member = MemberFactory(email="neu@example.org", verified=False)
    registration = registration_create(
        event=event, user=member, name="Neu", email="neu@example.org"
    )
    assert registration.status == RegistrationStatus.PENDING


def test_confirmation_page_confirms_on_post_only(client):
    event = RegistrationEventFactory()
    pending = registration_create(event=event, name="Kim", email="kim@example.org")
    url = reverse("events:registration_confirm", kwargs={"token": pending.token})
    page = client.get(url)
    assert page.status_code == 200
    assert "Anmeldung bestätigen" in page.content.decode()
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING
    response = client.post(url)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED
    assert "Sie sind angemeldet" in client.get(url).content.decode()


def test_cancellation_page_cancels_on_post_only(client):
    registration = RegistrationFactory()
    url = reverse("events:registration_cancel", kwargs={"token": registration.token})
    assert "Ja, abmelden" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at is not None


def test_unknown_token_is_not_found(client):
    assert client.get("/termine/anmeldung/gibt-es-nicht/abmelden/").status_code == 404
    assert client.post("/termine/anmeldung/gibt-es-nicht/bestaetigen/").status_code == 404


# The attendee's e-mails


def attachment_calendar(message) -> Calendar:
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def test_confirmation_is_multipart_with_the_event_as_ics_and_the_online_link(
    django_capture_on_commit_callbacks,
):
    event = RegistrationEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_member(event, 1)
    message = mail.outbox[0]
    assert message.to == [registration.email]
    assert message.alternatives[0][1] == "text/html"
    assert SECRET_LINK in message.body
    assert SECRET_LINK in message.alternatives[0][0]
    assert registration.get_cancel_url() in message.body
    vevent = attachment_calendar(message).walk("VEVENT")[0]
    assert str(vevent["UID"]) == event.uid
    assert vevent.decoded("DTSTART") == event.start
    assert SECRET_LINK in str(vevent["DESCRIPTION"])


def test_waiting_list_notice_has_no_online_link(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    register_member(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register_member(event, 2)
    message = mail.outbox[-1]
    assert waiting.status == RegistrationStatus.WAITING
    assert "Warteliste" in message.subject
    assert SECRET_LINK not in message.body
    assert SECRET_LINK not in message.alternatives[0][0]
    vevent = attachment_calendar(message).walk("VEVENT")[0]
    assert SECRET_LINK not in vevent.to_ical().decode()


def test_emails_are_sent_in_the_language_of_the_registration(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register_member(event, 1, language="en")
    assert "Registration confirmed" in mail.outbox[0].subject


# The online link on public channels


@pytest.fixture
def online_events():
    """An online-only workshop with registration through the portal, and one without."""
    secret = RegistrationEventFactory(
        title="Geheimer Workshop", slug="geheim", venue_name="", venue_address=""
    )
    public = EventFactory(
        title="Offener Workshop",
        slug="offen",
        venue_name="",
        venue_address="",
        online_link="https://konferenz.example.org/offener-raum",
    )
    return secret, public


def test_online_link_stays_off_the_page_and_its_json_ld(client, online_events):
    secret, public = online_events
    page = client.get(secret.get_absolute_url()).content.decode()
    assert SECRET_LINK not in page
    assert "bekommen Angemeldete mit der Bestätigung" in page
    data = json.loads(page.split('type="application/ld+json">')[1].split("</script>")[0])
    assert data["location"]["url"].endswith(secret.get_absolute_url())
    # The same page of an event without portal registration does show its link.
    assert public.online_link in client.get(public.get_absolute_url()).content.decode()


def test_online_link_stays_off_lists_feeds_api_and_search(client, online_events):
    secret, public = online_events
    answers = {
        "list": client.get(reverse("events:event_list")),
        "feed": client.get(reverse("events:event_feed")),
        "event ics": client.get(reverse("events:event_ical", kwargs={"slug": secret.slug})),
        "api list": client.get("/api/v1/events/"),
        "api detail": client.get(f"/api/v1/events/{secret.slug}/"),
        "search": client.get(reverse("portal:search"), {"q": "Workshop"}),
    }
    for channel, response in answers.items():
        body = response.content.decode()
        assert response.status_code == 200, channel
        assert "Geheimer Workshop" in body or secret.slug in body, channel
        assert SECRET_LINK not in body, channel
    assert public.online_link in answers["feed"].content.decode()
    assert public.online_link in answers["api list"].content.decode()
    assert answers["api detail"].json()["online_link"] is None
    assert answers["api detail"].json()["registration_enabled"] is True


# The registration box on the event's page


def test_member_registers_with_one_click_and_sees_the_result(client):
    event = RegistrationEventFactory(capacity=1)
    member = MemberFactory(email="kim@stadt.example", first_name="Kim", last_name="Muster")
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'value="Kim Muster"' in page and 'value="kim@stadt.example"' in page
    assert "1 von 1 Plätzen frei" in page
    response = client.post(
        reverse("events:event_register", kwargs={"slug": event.slug}),
        {"name": "Kim Muster", "email": "kim@stadt.example"},
        follow=True,
    )
    body = response.content.decode()
    assert "Sie sind angemeldet" in body
    assert "0 von 1 Plätzen frei" in body
    assert event.registrations.get().user == member


def test_form_errors_show_in_a_summary_with_the_fields_described(client):
    event = RegistrationEventFactory()
    response = client.post(
        reverse("events:event_register", kwargs={"slug": event.slug}),
        {"name": "", "email": "keine-adresse"},
    )
    body = response.content.decode()
    assert 'role="alert"' in body and "Bitte prüfen Sie Ihre Angaben" in body
    assert 'href="#id_email"' in body
    assert 'aria-describedby="id_email_helptext id_email_error"' in body
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in body
    assert not event.registrations.exists()


def test_the_language_switch_of_a_refused_form_leads_back_to_the_event(client):
    """The form's address takes only POST: switching the language there would answer 405."""
    event = RegistrationEventFactory()
    response = client.post(
        reverse("events:event_register", kwargs={"slug": event.slug}), {"name": ""}
    )
    switch = re.search(r'href="([^"]*/sprache/en/[^"]*)"', response.content.decode())
    target = parse_qs(urlsplit(html.unescape(switch.group(1))).query)["next"]
    assert target == [event.get_absolute_url()]
    assert client.get(html.unescape(switch.group(1)), follow=True).status_code == 200


def test_a_refusal_of_the_service_shows_as_a_form_error(client):
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, email="kim@example.org")
    response = client.post(
        reverse("events:event_register", kwargs={"slug": event.slug}),
        {"name": "Kim", "email": "kim@example.org"},
    )
    assert "schon angemeldet" in response.content.decode()
    assert event.registrations.count() == 1


# Limits for visitors without an account: each registration mails an unconfirmed address


LIMIT_MESSAGE = "zu viele Anmeldungen zu Terminen"


def register_by_form(client, event, number: int, **extra):
    return client.post(
        reverse("events:event_register", kwargs={"slug": event.slug}),
        {"name": f"Person {number}", "email": f"person{number}@example.org"},
        **extra,
    )


@pytest.mark.parametrize("window", ["HOUR", "DAY"])
def test_anonymous_registrations_over_the_limit_are_refused_and_nothing_is_stored_or_sent(
    client, settings, window, django_capture_on_commit_callbacks
):
    settings.EVENT_REGISTRATIONS_PER_HOUR = 5
    settings.EVENT_REGISTRATIONS_PER_DAY = 5
    setattr(settings, f"EVENT_REGISTRATIONS_PER_{window}", 2)
    event = RegistrationEventFactory(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            assert register_by_form(client, event, number).status_code == 302
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        refused = register_by_form(client, event, 2)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert 'role="alert"' in body and LIMIT_MESSAGE in body
    assert event.registrations.count() == 2
    assert len(mail.outbox) == 2
    # Also for another event: the limit is the visitor's, not the event's.
    other = RegistrationEventFactory()
    assert LIMIT_MESSAGE in register_by_form(client, other, 3).content.decode()
    assert not other.registrations.exists()


def test_members_are_not_limited_even_from_an_address_over_the_limit(client, settings):
    settings.EVENT_REGISTRATIONS_PER_HOUR = settings.EVENT_REGISTRATIONS_PER_DAY = 1
    event = RegistrationEventFactory(capacity=10)
    assert register_by_form(client, event, 0).status_code == 302
    assert register_by_form(client, event, 1).status_code == 429
    member = MemberFactory(email="mitglied@stadt.example")
    client.force_login(member)
    for other in RegistrationEventFactory.create_batch(3):
        response = client.post(
            reverse("events:event_register", kwargs={"slug": other.slug}),
            {"name": "Mitglied", "email": member.email},
        )
        assert response.status_code == 302
        assert other.registrations.get().status == RegistrationStatus.CONFIRMED


def test_the_limit_counts_per_client_address_and_ignores_a_forwarded_for_header(client, settings):
    settings.EVENT_REGISTRATIONS_PER_HOUR = settings.EVENT_REGISTRATIONS_PER_DAY = 1
    event = RegistrationEventFactory(capacity=10)
    assert register_by_form(client, event, 0, REMOTE_ADDR="192.0.2.1").status_code == 302
    # Without trusted proxies (API_TRUSTED_PROXIES=0) a header the client sends changes
    # nothing: it cannot claim to be someone else.
    spoofed = register_by_form(
        client, event, 1, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert spoofed.status_code == 429
    assert register_by_form(client, event, 2, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert event.registrations.count() == 2


def test_full_event_offers_the_waiting_list(client):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "0 von 1 Plätzen frei" in page
    assert "Auf die Warteliste" in page


def test_seats_left_are_never_served_from_the_page_cache(client, settings):
    settings.CACHE_PAGE_SECONDS = 300
    event = RegistrationEventFactory(capacity=2)
    first = client.get(event.get_absolute_url())
    assert "no-store" in first["Cache-Control"]
    assert "2 von 2 Plätzen frei" in first.content.decode()
    # Behind the cache's back (no signal): the page still counts afresh.
    Registration.objects.bulk_create([RegistrationFactory.build(event=event)])
    second = client.get(event.get_absolute_url())
    assert second.get("X-Page-Cache") != "hit"
    assert "1 von 2 Plätzen frei" in second.content.decode()


def test_closed_registration_shows_why_and_no_form(client):
    event = RegistrationEventFactory(cancelled=True)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "eine Anmeldung ist nicht mehr möglich" in page
    assert 'action="/termine/' not in page


def test_detail_queries_do_not_grow_with_the_registrations(client, django_assert_num_queries):
    small = RegistrationEventFactory(capacity=50)
    RegistrationFactory(event=small)
    large = RegistrationEventFactory(capacity=50)
    for _number in range(20):
        RegistrationFactory(event=large)
    client.get(small.get_absolute_url())  # session, content types and the like, once
    # 1 event with its relations, 1 themes, 1 COUNT of the confirmed registrations.
    with django_assert_num_queries(3):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(large.get_absolute_url())


# Clean-up and reminders


def test_purge_deletes_exactly_the_registrations_past_the_retention(settings):
    settings.EVENT_ATTENDEE_RETENTION_DAYS = 30
    now = timezone.now()
    old = RegistrationEventFactory(start=now - timedelta(days=32), end=now - timedelta(days=31))
    recent = RegistrationEventFactory(start=now - timedelta(days=30), end=now - timedelta(days=29))
    coming = RegistrationEventFactory()
    for event in (old, recent, coming):
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    assert purge_attendee_data.delay().get() == 2
    assert not old.registrations.exists()
    assert recent.registrations.count() == 2
    assert coming.registrations.count() == 2
    assert Event.objects.filter(pk=old.pk).exists()


def test_privacy_page_states_the_retention_from_the_setting(client, settings):
    settings.EVENT_ATTENDEE_RETENTION_DAYS = 45
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "45 Tage nach dem Ende des Termins" in page


def test_reminders_go_once_to_the_confirmed_attendees_of_tomorrow():
    tomorrow = RegistrationEventFactory(days_ahead=1, capacity=1)
    seated = RegistrationFactory(event=tomorrow)
    RegistrationFactory(event=tomorrow, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=tomorrow, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=RegistrationEventFactory(days_ahead=2))
    assert send_registration_reminders.delay().get() == 1
    assert send_registration_reminders.delay().get() == 0
    assert [message.to for message in mail.outbox] == [[seated.email]]
    assert SECRET_LINK in mail.outbox[0].body
    seated.refresh_from_db()
    assert seated.reminded_at is not None


def test_a_failed_reminder_is_given_back_for_the_retry(monkeypatch):
    registration = RegistrationFactory(event=RegistrationEventFactory(days_ahead=1))

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("events.tasks.registration_email", broken)
    with pytest.raises(ConnectionError):
        send_registration_reminders()
    registration.refresh_from_db()
    assert registration.reminded_at is None


# Admin export


def export(client, action: str, registrations):
    return client.post(
        reverse("admin:events_registration_changelist"),
        {"action": action, "_selected_action": [r.pk for r in registrations]},
    )


def test_editor_exports_the_attendees_as_csv_and_xlsx(editor_client):
    event = RegistrationEventFactory(title="Workshop Daten")
    people = [
        RegistrationFactory(event=event, name="Kim Muster", organisation="Stadt Ulm"),
        RegistrationFactory(event=event, name="Alex Beispiel", accessibility_needs="Rampe"),
    ]
    csv_answer = export(editor_client, "export_csv", people)
    assert csv_answer.status_code == 200
    assert csv_answer["Content-Type"].startswith("text/csv")
    text = csv_answer.content.decode()
    assert "Kim Muster" in text and "Stadt Ulm" in text and "Rampe" in text
    assert "E-Mail-Adresse" in text.splitlines()[0]
    xlsx_answer = export(editor_client, "export_xlsx", people)
    assert xlsx_answer.status_code == 200
    import io

    sheet = load_workbook(io.BytesIO(xlsx_answer.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Kim Muster", "Alex Beispiel"]


def test_editor_exports_the_attendees_of_selected_events(editor_client):
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, name="Kim Muster")
    RegistrationFactory(name="Andere Person")
    response = editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_attendees_csv", "_selected_action": [event.pk]},
    )
    assert "Kim Muster" in response.content.decode()
    assert "Andere Person" not in response.content.decode()


def test_export_is_refused_to_non_staff_and_to_staff_without_the_permission(
    user_client, django_user_model
):
    people = [RegistrationFactory(name="Kim Muster")]
    answer = export(user_client, "export_csv", people)
    assert answer.status_code == 302
    assert "Kim Muster" not in answer.content.decode()
    assert user_client.get(reverse("admin:events_registration_export")).status_code == 302
    staff = django_user_model.objects.create_user("technik", "technik@example.org", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_event"))
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("admin:events_registration_export")).status_code == 403
    event = people[0].event
    answer = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_attendees_csv", "_selected_action": [event.pk]},
    )
    assert "Kim Muster" not in answer.content.decode()


def test_editors_have_the_registration_permissions():
    group = Group.objects.get(name=EDITOR_GROUP)
    assert group.permissions.filter(codename="view_registration").exists()


# Concurrency (PostgreSQL: SQLite serialises every write anyway)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_registrations_for_ten_seats():
    event = RegistrationEventFactory(capacity=10)
    members = [MemberFactory(email=f"parallel{number}@example.org") for number in range(20)]
    barrier = threading.Barrier(len(members))
    errors = []

    def register(member):
        try:
            barrier.wait()
            registration_create(event=event, user=member, name="Parallel", email=member.email)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert event.registrations.filter(status="confirmed").count() == 10
    assert event.registrations.filter(status="waiting").count() == 10
    earliest_waiting = event.registrations.filter(status="waiting").order_by("created_at", "pk")[0]
    registration_cancel(registration=event.registrations.filter(status="confirmed").first())
    earliest_waiting.refresh_from_db()
    assert earliest_waiting.status == RegistrationStatus.CONFIRMED
    assert event.registrations.filter(status="confirmed").count() == 10


# The member's own data (DSGVO Art. 15, 17 and 20)


def test_the_members_data_export_holds_their_registrations_and_circles_and_deletion_frees_the_seat(
    django_capture_on_commit_callbacks,
):
    from members.services import member_delete

    event = RegistrationEventFactory(capacity=1)
    seated = register_member(event, 1, accessibility_needs="Untertitel")
    waiting = register_member(event, 2)
    CircleMembershipFactory(user=seated.user)
    event.refresh_from_db()
    seated.refresh_from_db()
    client = Client()
    client.force_login(seated.user)
    data = json.loads(client.get("/konto/meine-daten/?format=json").content)
    assert data["event_registrations"] == [
        {
            "event": event.title,
            "start": event.start.isoformat(),
            "status": "confirmed",
            "name": "Mitglied 1",
            "email": "mitglied1@example.org",
            "organisation": "",
            "accessibility_needs": "Untertitel",
            "created_at": seated.created_at.isoformat(),
        }
    ]
    assert len(data["expert_circles"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        member_delete(user=seated.user)
    assert not Registration.objects.filter(pk=seated.pk).exists()
    assert not seated.user.circle_memberships.exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
