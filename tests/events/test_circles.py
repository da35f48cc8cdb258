"""Membership in expert circles: requests, decisions from every side, who sees the members,
the e-mails, and the invitations to the meetings (once per member)."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from events.choices import CircleMembershipStatus, CircleRole
from events.models import CircleInvitation, CircleMembership
from events.tasks import send_circle_invitations
from tests.events.factories import (
    CircleMembershipFactory,
    EventFactory,
    ExpertCircleFactory,
    RegistrationEventFactory,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def new_member(**kwargs):
    """An account with a verified address; no password (hashing one is slow, and these
    clients sign in without it)."""
    return MemberFactory(password=None, **kwargs)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def circle_world():
    """A circle with a coordinator, an accepted member and an open request; a coordinator
    of another circle; a plain user."""
    circle = ExpertCircleFactory(name="Expertenkreis Daten", slug="daten")
    other = ExpertCircleFactory(slug="anderer-kreis")
    coordinator = new_member(first_name="Cora", last_name="Koordination")
    CircleMembershipFactory(circle=circle, user=coordinator, role=CircleRole.COORDINATOR)
    member = new_member(first_name="Mia", last_name="Mitglied")
    CircleMembershipFactory(circle=circle, user=member)
    applicant = new_member(first_name="Anton", last_name="Anfrage")
    request = CircleMembershipFactory(
        circle=circle, user=applicant, status=CircleMembershipStatus.REQUESTED
    )
    foreign = new_member()
    CircleMembershipFactory(circle=other, user=foreign, role=CircleRole.COORDINATOR)
    return {
        "circle": circle,
        "coordinator": coordinator,
        "member": member,
        "applicant": applicant,
        "request": request,
        "foreign_coordinator": foreign,
        "plain": new_member(),
        "members_url": reverse("events:circle_members", kwargs={"slug": circle.slug}),
    }


# Requests


def test_a_signed_in_user_requests_to_join_and_the_coordinators_hear_of_it(
    circle_world, django_capture_on_commit_callbacks
):
    circle, plain = circle_world["circle"], circle_world["plain"]
    client = signed_in(plain)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:circle_join", kwargs={"slug": circle.slug}))
    assert response.status_code == 302
    membership = CircleMembership.objects.get(circle=circle, user=plain)
    assert membership.status == CircleMembershipStatus.REQUESTED
    assert membership.role == CircleRole.MEMBER
    assert [message.to for message in mail.outbox] == [[circle_world["coordinator"].email]]
    assert circle_world["members_url"] in mail.outbox[0].body
    # The coordinators' answer reaches the member.
    assert mail.outbox[0].reply_to == [plain.email]
    assert (
        "Ihre Anfrage ist bei der Koordination"
        in client.get(circle.get_absolute_url()).content.decode()
    )


def test_without_coordinators_the_request_goes_to_the_centre(
    settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_CONTACT_EMAIL = "zentrum@example.org"
    circle = ExpertCircleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(new_member()).post(reverse("events:circle_join", kwargs={"slug": circle.slug}))
    assert mail.outbox[0].to == ["zentrum@example.org"]


def test_anonymous_visitors_cannot_request_and_see_a_login_link(client, circle_world):
    circle = circle_world["circle"]
    response = client.post(reverse("events:circle_join", kwargs={"slug": circle.slug}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    page = client.get(circle.get_absolute_url()).content.decode()
    assert "um die Aufnahme in den Expertenkreis anzufragen" in page
    assert CircleMembership.objects.filter(circle=circle).count() == 3


def test_join_is_post_only(circle_world):
    client = signed_in(circle_world["plain"])
    url = reverse("events:circle_join", kwargs={"slug": circle_world["circle"].slug})
    assert client.get(url).status_code == 405


def test_asking_again_keeps_an_accepted_membership(circle_world):
    client = signed_in(circle_world["member"])
    client.post(reverse("events:circle_join", kwargs={"slug": circle_world["circle"].slug}))
    membership = CircleMembership.objects.get(user=circle_world["member"])
    assert membership.status == CircleMembershipStatus.ACCEPTED


# Who sees the members page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("plain", 403),
        ("applicant", 403),
        ("foreign_coordinator", 403),
        ("member", 200),
        ("coordinator", 200),
    ],
)
def test_members_page_from_every_side(circle_world, who, status):
    response = signed_in(circle_world[who]).get(circle_world["members_url"])
    assert response.status_code == status
    body = response.content.decode()
    if status == 403:
        assert "Mia Mitglied" not in body


def test_members_page_sends_anonymous_visitors_to_the_login(client, circle_world):
    response = client.get(circle_world["members_url"])
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_accepted_members_see_the_members_but_not_the_requests(circle_world):
    body = signed_in(circle_world["member"]).get(circle_world["members_url"]).content.decode()
    assert "Mia Mitglied" in body and "Cora Koordination" in body
    assert "Anton Anfrage" not in body
    assert "Aufnehmen" not in body


@pytest.mark.parametrize("who", ["coordinator", "editor"])
def test_coordinators_and_editors_see_the_requests(circle_world, editor, who):
    user = editor if who == "editor" else circle_world[who]
    body = signed_in(user).get(circle_world["members_url"]).content.decode()
    assert "Anton Anfrage" in body
    assert circle_world["applicant"].email in body
    assert "Aufnehmen" in body


def test_members_page_names_the_organisations_of_verified_memberships(circle_world):
    from members.choices import MembershipStatus
    from members.models import Membership
    from tests.cities.factories import MunicipalityFactory

    town = MunicipalityFactory(name="Musterhausen")
    Membership.objects.create(
        user=circle_world["member"], municipality=town, status=MembershipStatus.VERIFIED
    )
    body = signed_in(circle_world["coordinator"]).get(circle_world["members_url"]).content.decode()
    assert "Musterhausen" in body


# Decisions


def decide(user, circle_world, decision: str):
    return signed_in(user).post(
        circle_world["members_url"],
        {"membership": circle_world["request"].pk, "decision": decision},
    )


@pytest.mark.parametrize("who", ["plain", "member", "foreign_coordinator", "applicant"])
def test_others_cannot_decide(circle_world, who):
    assert decide(circle_world[who], circle_world, "accept").status_code == 403
    circle_world["request"].refresh_from_db()
    assert circle_world["request"].status == CircleMembershipStatus.REQUESTED


def test_anonymous_cannot_decide(client, circle_world):
    response = client.post(
        circle_world["members_url"],
        {"membership": circle_world["request"].pk, "decision": "accept"},
    )
    assert response.status_code == 302
    circle_world["request"].refresh_from_db()
    assert circle_world["request"].status == CircleMembershipStatus.REQUESTED


def test_coordinator_accepts_and_the_member_is_told(
    circle_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(circle_world["coordinator"], circle_world, "accept")
    assert response.status_code == 302
    request = circle_world["request"]
    request.refresh_from_db()
    assert request.status == CircleMembershipStatus.ACCEPTED
    assert request.decided_by == circle_world["coordinator"]
    assert request.decided_at is not None
    assert mail.outbox[-1].to == [circle_world["applicant"].email]
    assert "aufgenommen" in mail.outbox[-1].body
    assert mail.outbox[-1].reply_to == [circle_world["coordinator"].email]
    # Now a member, the applicant sees the list.
    assert signed_in(circle_world["applicant"]).get(circle_world["members_url"]).status_code == 200


def test_editor_declines_and_the_member_is_told(
    circle_world, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(editor, circle_world, "decline")
    request = circle_world["request"]
    request.refresh_from_db()
    assert request.status == CircleMembershipStatus.DECLINED
    assert "abgelehnt" in mail.outbox[-1].body
    assert signed_in(circle_world["applicant"]).get(circle_world["members_url"]).status_code == 403


def test_a_coordinator_cannot_decide_on_a_request_of_another_circle(circle_world):
    stranger = CircleMembershipFactory(
        circle=ExpertCircleFactory(), status=CircleMembershipStatus.REQUESTED, user=new_member()
    )
    response = signed_in(circle_world["coordinator"]).post(
        circle_world["members_url"], {"membership": stranger.pk, "decision": "accept"}
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.status == CircleMembershipStatus.REQUESTED


def test_editor_appoints_a_coordinator_in_the_admin(editor_client, circle_world):
    membership = CircleMembership.objects.get(user=circle_world["member"])
    response = editor_client.post(
        reverse("admin:events_circlemembership_change", args=[membership.pk]),
        {
            "circle": membership.circle_id,
            "user": membership.user_id,
            "role": CircleRole.COORDINATOR,
            "status": CircleMembershipStatus.ACCEPTED,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == CircleRole.COORDINATOR
    assert decide(circle_world["member"], circle_world, "accept").status_code == 302


# Invitations


def test_invitations_go_once_to_each_accepted_member_even_when_run_twice(circle_world):
    circle = circle_world["circle"]
    meeting = EventFactory(
        expert_circle=circle, online_link="https://konferenz.example.org/kreis", days_ahead=5
    )
    EventFactory(expert_circle=circle, days_ahead=-3)  # past
    EventFactory(expert_circle=circle, cancelled=True)
    EventFactory(expert_circle=circle, status="draft")
    assert send_circle_invitations.delay().get() == 2
    assert send_circle_invitations.delay().get() == 0
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([circle_world["coordinator"].email, circle_world["member"].email])
    assert CircleInvitation.objects.filter(event=meeting).count() == 2
    message = mail.outbox[0]
    _filename, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    vevent = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["UID"]) == meeting.uid
    assert "https://konferenz.example.org/kreis" in message.body
    assert message.reply_to == [circle_world["coordinator"].email]


def test_the_circles_emails_are_in_the_language_the_member_asked_in(
    circle_world, django_capture_on_commit_callbacks
):
    circle, plain = circle_world["circle"], circle_world["plain"]
    client = signed_in(plain)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:circle_join", kwargs={"slug": circle.slug}))
    membership = CircleMembership.objects.get(circle=circle, user=plain)
    assert membership.language == "en"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(circle_world["coordinator"]).post(
            circle_world["members_url"], {"membership": membership.pk, "decision": "accept"}
        )
    EventFactory(expert_circle=circle, days_ahead=5)
    send_circle_invitations.delay().get()
    subjects = [message.subject for message in mail.outbox if message.to == [plain.email]]
    # "[Digitale Städte und Regionen] Accepted: …"
    assert [subject.split("] ")[1].split(":")[0] for subject in subjects] == [
        "Accepted",
        "Invitation",
    ]


def test_a_member_accepted_later_is_invited_on_the_next_run(circle_world):
    EventFactory(expert_circle=circle_world["circle"])
    send_circle_invitations()
    request = circle_world["request"]
    request.status = CircleMembershipStatus.ACCEPTED
    request.save()
    assert send_circle_invitations() == 1
    assert mail.outbox[-1].to == [circle_world["applicant"].email]


def test_invitation_to_a_meeting_with_registration_leaves_out_the_link(circle_world):
    RegistrationEventFactory(expert_circle=circle_world["circle"])
    send_circle_invitations()
    assert mail.outbox
    for message in mail.outbox:
        assert "geheimer-raum" not in message.body
        content = message.attachments[0][1]
        assert "geheimer-raum" not in (content.decode() if isinstance(content, bytes) else content)


def test_a_failed_invitation_is_given_back_for_the_retry(circle_world, monkeypatch):
    EventFactory(expert_circle=circle_world["circle"])

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("events.tasks.send_circle_invitation", broken)
    with pytest.raises(ConnectionError):
        send_circle_invitations()
    assert not CircleInvitation.objects.exists()
