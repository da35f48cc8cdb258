"""Registering for an event and joining an expert circle in a real browser: a member in one
click, a guest through the double opt-in of the e-mail, the waiting list moving up when
someone cancels; axe on each page and state on the way."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from events.choices import CircleMembershipStatus, CircleRole, RegistrationStatus
from events.models import CircleMembership, Registration
from tests.browser.conftest import assert_accessible
from tests.browser.test_members import signed_in_context
from tests.events.factories import (
    CircleMembershipFactory,
    ExpertCircleFactory,
    RegistrationEventFactory,
    RegistrationFactory,
)
from tests.notifications.factories import member


def link_in(message, action: str) -> str:
    """The path of the registration link (``bestaetigen`` or ``abmelden``) in an e-mail;
    the mail names PORTAL_URL, not the live server."""
    found = re.search(rf"https?://\S+/termine/anmeldung/[^/\s]+/{action}/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def test_a_member_registers_with_one_click(browser, live_server, seeded_db):
    event = RegistrationEventFactory(title="Workshop Datenstrategie", slug="datenstrategie")
    user = member("teilnahme")
    user.first_name, user.last_name = "Kim", "Muster"
    user.save()
    context = signed_in_context(browser, live_server, user)
    page = context.new_page()

    page.goto(event.get_absolute_url())
    box = page.locator("#anmeldung")
    expect(box).to_contain_text("3 von 3 Plätzen frei")
    # Signed in with a verified address: the form is filled in, one click registers.
    expect(box.get_by_label("Ihr Name")).to_have_value("Kim Muster")
    expect(box.get_by_label("Ihre E-Mail-Adresse")).to_have_value(user.email)
    assert_accessible(page)
    box.get_by_role("button", name="Verbindlich anmelden").click()
    page.wait_for_url(re.compile(r"/termine/datenstrategie/#anmeldung$"))

    expect(page.locator(".messages")).to_contain_text(
        f"Sie sind angemeldet. Die Bestätigung mit dem Termin für Ihren Kalender ist an "
        f"{user.email} unterwegs."
    )
    expect(box.get_by_role("status")).to_contain_text("Sie sind angemeldet.")
    expect(box).to_contain_text("2 von 3 Plätzen frei")
    expect(box.get_by_role("button", name="Verbindlich anmelden")).to_have_count(0)
    expect(box.get_by_role("link", name="Abmelden")).to_be_visible()
    assert_accessible(page)

    registration = Registration.objects.get(event=event)
    assert (registration.user, registration.name, registration.status) == (
        user,
        "Kim Muster",
        RegistrationStatus.CONFIRMED,
    )
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert link_in(message, "abmelden") == registration.get_cancel_url()
    context.close()


def test_a_guest_registers_and_confirms_through_the_link_in_the_email(page):
    event = RegistrationEventFactory(title="Workshop Barrierefreiheit", slug="barrierefrei")
    page.goto(event.get_absolute_url())
    box = page.locator("#anmeldung")
    expect(box).to_contain_text("Erst wenn Sie den Link darin bestätigen")
    assert_accessible(page)

    # Sent empty: the errors are announced, listed with links to their fields and tied to
    # the fields themselves.
    box.get_by_role("button", name="Verbindlich anmelden").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary).to_be_focused()
    name = page.get_by_label("Ihr Name")
    email = page.get_by_label("Ihre E-Mail-Adresse")
    for field in (name, email):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile("zwingend erforderlich"))
    summary.get_by_role("link", name=re.compile("^Ihre E-Mail-Adresse")).click()
    expect(email).to_be_focused()
    assert_accessible(page)
    assert not Registration.objects.exists()

    name.fill("Alex Gast")
    email.fill("Alex.Gast@example.org")
    page.get_by_label("Barrierefreiheit: was brauchen Sie?").fill("Untertitel")
    box.get_by_role("button", name="Verbindlich anmelden").click()
    page.wait_for_url(re.compile(r"#anmeldung$"))
    expect(page.locator(".messages")).to_contain_text(
        "Fast geschafft: Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail, die "
        "wir an alex.gast@example.org geschickt haben."
    )
    registration = Registration.objects.get(event=event)
    assert (registration.status, registration.email, registration.accessibility_needs) == (
        RegistrationStatus.PENDING,
        "alex.gast@example.org",
        "Untertitel",
    )

    (pending,) = mail.outbox
    assert pending.to == ["alex.gast@example.org"]
    page.goto(link_in(pending, "bestaetigen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigen")
    expect(page.locator("main")).to_contain_text("Anmeldung für alex.gast@example.org")
    assert_accessible(page)
    # Opening the link changes nothing (mail scanners open links); the button does.
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Sie sind angemeldet.")
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at is not None

    confirmed = mail.outbox[1]
    assert confirmed.to == ["alex.gast@example.org"]
    page.goto(link_in(confirmed, "abmelden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Von der Anmeldung abmelden")
    expect(page.get_by_role("button", name="Ja, abmelden")).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancelling_through_the_link_moves_the_first_waiting_person_up(page):
    event = RegistrationEventFactory(title="Kleiner Workshop", slug="klein", capacity=1)
    seat = RegistrationFactory(event=event, email="sitz@example.org")
    first = RegistrationFactory(event=event, email="erste@example.org", status="waiting")
    second = RegistrationFactory(event=event, email="zweite@example.org", status="waiting")
    page.goto(event.get_absolute_url())
    expect(page.locator("#anmeldung")).to_contain_text("0 von 1 Plätzen frei")
    expect(page.get_by_role("button", name="Auf die Warteliste")).to_be_visible()
    assert_accessible(page)

    page.goto(seat.get_cancel_url())
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.get_by_role("status")).to_contain_text("Sie sind abgemeldet.")
    assert_accessible(page)

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        seat.email: RegistrationStatus.CANCELLED,
        first.email: RegistrationStatus.CONFIRMED,
        second.email: RegistrationStatus.WAITING,
    }
    # Only the one who moved up is told, with the link to cancel in turn.
    (moved_up,) = mail.outbox
    assert moved_up.to == [first.email]
    assert link_in(moved_up, "abmelden") == first.get_cancel_url()


def test_a_member_asks_to_join_a_circle_and_the_coordinator_accepts(
    browser, live_server, seeded_db
):
    circle = ExpertCircleFactory(name="Expertenkreis Daten", slug="daten")
    coordinator = member("koordination")
    CircleMembershipFactory(circle=circle, user=coordinator, role=CircleRole.COORDINATOR)
    newcomer = member("neuling")

    context = signed_in_context(browser, live_server, newcomer)
    page = context.new_page()
    page.goto(circle.get_absolute_url())
    section = page.locator("section.circle-membership")
    assert_accessible(page)
    section.get_by_role("button", name="Aufnahme anfragen").click()
    page.wait_for_url(re.compile(r"/expertenkreise/daten/$"))
    expect(page.locator(".messages")).to_contain_text("Ihre Anfrage ist bei der Koordination")
    expect(section.get_by_role("button", name="Aufnahme anfragen")).to_have_count(0)
    expect(section).to_contain_text("Ihre Anfrage ist bei der Koordination")
    assert_accessible(page)
    membership = CircleMembership.objects.get(circle=circle, user=newcomer)
    assert membership.status == CircleMembershipStatus.REQUESTED
    (request,) = mail.outbox
    assert request.to == [coordinator.email]
    context.close()

    context = signed_in_context(browser, live_server, coordinator)
    page = context.new_page()
    page.goto(circle.get_absolute_url())
    page.get_by_role("link", name="Mitglieder und Anfragen").click()
    page.wait_for_url(re.compile(r"/expertenkreise/daten/mitglieder/$"))
    expect(page.get_by_role("table")).to_contain_text(newcomer.email)
    assert_accessible(page)
    page.get_by_role("button", name="neuling aufnehmen").click()
    expect(page.locator(".messages")).to_contain_text("neuling ist aufgenommen.")
    expect(page.get_by_role("table")).to_have_count(0)
    expect(page.locator("#circle-member-list + ul")).to_contain_text("neuling")
    assert_accessible(page)
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (
        CircleMembershipStatus.ACCEPTED,
        coordinator,
    )
    context.close()
