"""'Kontakt aufnehmen': only verified members send, within the limits, one e-mail per
recipient, and no recipient's address ever reaches the sender."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.choices import ContactAbout, MembershipRole
from members.models import ContactBlock, ContactMessage, Membership
from members.selectors import member_data
from members.services import contact_send, member_delete
from portal.roles import EDITOR_GROUP
from tests.cities.factories import MunicipalityFactory
from tests.members.factories import MemberFactory, verified_member

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Frage zur Datenplattform", "text": "Wie haben Sie das gelöst?"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def town():
    return MunicipalityFactory(name="Musterstadt")


@pytest.fixture
def maintainers(town):
    return [
        verified_member(
            {"municipality": town}, role=MembershipRole.MAINTAINER, email=f"pflege{n}@muster.de"
        )
        for n in (1, 2)
    ]


@pytest.fixture
def sender():
    return verified_member(
        {"municipality": MunicipalityFactory(name="Andersdorf")}, email="absender@anders.de"
    )


def body_url(town) -> str:
    return reverse("members:contact_body", kwargs={"kind": "kommune", "key": town.ags})


def member_url(member) -> str:
    return reverse("members:contact_member", kwargs={"pk": member.pk})


def all_messages_text(response) -> str:
    return " ".join(str(message) for message in response.context.get("messages", []))


def report_path(email) -> str:
    return re.search(r"https?://[^/\s]+(/konto/kontakt/melden/\S+/)", email.body).group(1)


# --- who may write -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["body", "member"])
def test_anonymous_visitors_are_sent_to_the_sign_in(anonymous_client, town, maintainers, kind):
    url = body_url(town) if kind == "body" else member_url(maintainers[0])
    for response in (anonymous_client.get(url), anonymous_client.post(url, MESSAGE)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not mail.outbox
    assert not ContactMessage.objects.exists()


def test_a_member_without_a_confirmed_membership_is_refused(town, maintainers):
    waiting = MemberFactory()
    Membership.objects.create(user=waiting, municipality=MunicipalityFactory())
    client = signed_in(waiting)

    page = client.get(body_url(town))
    sent = client.post(body_url(town), MESSAGE)

    assert page.status_code == sent.status_code == 403
    assert "deren Zugehörigkeit zu einer Stelle bestätigt ist" in page.content.decode()
    assert 'name="text"' not in page.content.decode()
    assert not mail.outbox
    assert not ContactMessage.objects.exists()


def test_an_editor_without_a_membership_is_refused_like_any_unconfirmed_member(
    editor_client, town, maintainers
):
    assert editor_client.post(body_url(town), MESSAGE).status_code == 403
    assert not mail.outbox


def test_a_blocked_sender_is_refused_with_a_clear_message(town, maintainers, sender):
    ContactBlock.objects.create(user=sender)
    client = signed_in(sender)

    response = client.post(body_url(town), MESSAGE)

    assert response.status_code == 403
    assert "für Nachrichten über das Portal gesperrt" in response.content.decode()
    assert not mail.outbox
    assert not ContactMessage.objects.exists()


def test_a_maintainer_of_another_body_may_write(town, maintainers):
    other = verified_member({"municipality": MunicipalityFactory()}, role=MembershipRole.MAINTAINER)
    response = signed_in(other).post(body_url(town), MESSAGE)
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_nobody_writes_to_themselves(maintainers):
    response = signed_in(maintainers[0]).post(member_url(maintainers[0]), MESSAGE)
    assert response.status_code == 200
    assert "nicht selbst schreiben" in response.content.decode()
    assert not mail.outbox


def test_a_maintainer_writing_to_their_own_body_reaches_only_the_colleagues(town, maintainers):
    signed_in(maintainers[0]).post(body_url(town), MESSAGE)
    assert [email.to for email in mail.outbox] == [[maintainers[1].email]]


def test_only_members_with_a_confirmed_membership_can_be_written_to(sender):
    waiting = MemberFactory()
    Membership.objects.create(user=waiting, municipality=MunicipalityFactory())
    client = signed_in(sender)
    assert client.get(member_url(waiting)).status_code == 404
    assert client.get(member_url(MemberFactory())).status_code == 404
    assert client.get(reverse("members:contact_member", kwargs={"pk": 999999})).status_code == 404


def test_an_unknown_body_or_kind_answers_404(sender):
    client = signed_in(sender)
    assert client.get(body_url(MunicipalityFactory.build(ags="09999999"))).status_code == 404
    url = reverse("members:contact_body", kwargs={"kind": "planet", "key": "1"})
    assert client.get(url).status_code == 404


# --- limits ------------------------------------------------------------------------------


def test_the_message_over_the_hourly_limit_is_refused_and_not_sent(
    settings, town, maintainers, sender
):
    settings.CONTACT_MESSAGES_PER_HOUR = 2
    client = signed_in(sender)
    for _number in range(2):
        assert client.post(body_url(town), MESSAGE).status_code == 302

    response = client.post(body_url(town), MESSAGE)

    assert response.status_code == 200
    assert "zu viele Nachrichten" in response.content.decode()
    assert len(mail.outbox) == 4  # two messages, two maintainers each
    assert ContactMessage.objects.count() == 2


def test_the_daily_limit_counts_as_well(settings, town, maintainers, sender):
    settings.CONTACT_MESSAGES_PER_HOUR = 10
    settings.CONTACT_MESSAGES_PER_DAY = 1
    client = signed_in(sender)
    client.post(body_url(town), MESSAGE)
    response = client.post(member_url(maintainers[0]), MESSAGE)
    assert "zu viele Nachrichten" in response.content.decode()
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 2


def test_each_sender_has_their_own_limit(settings, town, maintainers, sender):
    settings.CONTACT_MESSAGES_PER_HOUR = 1
    signed_in(sender).post(body_url(town), MESSAGE)
    other = verified_member({"municipality": MunicipalityFactory()})
    assert signed_in(other).post(body_url(town), MESSAGE).status_code == 302
    assert ContactMessage.objects.count() == 2


def test_an_invalid_form_uses_up_no_message(settings, town, maintainers, sender):
    settings.CONTACT_MESSAGES_PER_HOUR = 1
    client = signed_in(sender)
    response = client.post(body_url(town), {"subject": "", "text": ""})
    assert response.status_code == 200
    assert client.post(body_url(town), MESSAGE).status_code == 302


# --- the e-mails and what the sender sees ------------------------------------------------


def test_one_email_per_recipient_from_the_portal_with_the_sender_as_reply_to(
    settings, town, maintainers, sender
):
    client = signed_in(sender)
    form = client.get(body_url(town))
    response = client.post(body_url(town), MESSAGE, follow=True)

    assert sorted(email.to[0] for email in mail.outbox) == sorted(m.email for m in maintainers)
    for email in mail.outbox:
        assert len(email.to) == 1
        assert not email.cc and not email.bcc
        assert email.from_email == settings.DEFAULT_FROM_EMAIL
        assert email.reply_to == ["absender@anders.de"]
        assert "Frage zur Datenplattform" in email.subject
        assert "Wie haben Sie das gelöst?" in email.body
        assert "Musterstadt" in email.body
        others = [m.email for m in maintainers if m.email != email.to[0]]
        assert not any(
            address in email.body or address in str(email.message()) for address in others
        )
    # The sender learns that their address is passed on, and no recipient's address.
    assert "Antwortadresse" in form.content.decode()
    for page in (form, response):
        html = page.content.decode()
        assert not any(m.email in html for m in maintainers)
        assert not any(
            m.email in str(value) for m in maintainers for value in page.headers.values()
        )
    assert not any(m.email in all_messages_text(response) for m in maintainers)
    assert "ist versandt" in all_messages_text(response)
    message = ContactMessage.objects.get()
    assert message.delivered_count == 2
    assert message.about_kind == ContactAbout.PROFILE
    assert set(message.recipients.all()) == set(maintainers)


def test_the_member_form_names_the_member_without_their_address(sender, maintainers):
    maintainers[0].first_name, maintainers[0].last_name = "Erika", "Muster"
    maintainers[0].save()
    html = signed_in(sender).get(member_url(maintainers[0])).content.decode()
    assert "Erika Muster (Musterstadt)" in html
    assert maintainers[0].email not in html


def test_member_pages_of_the_contact_are_never_cached(sender, maintainers, town):
    response = signed_in(sender).get(body_url(town))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_body_without_maintainers_goes_to_the_editors_and_the_form_says_so(editor, town, sender):
    verified_member({"municipality": town}, role=MembershipRole.MEMBER, email="nur@muster.de")
    client = signed_in(sender)

    page = client.get(body_url(town)).content.decode()
    client.post(body_url(town), MESSAGE)

    assert "an die Redaktion des Kompetenzzentrums" in page
    assert [email.to for email in mail.outbox] == [[editor.email]]
    assert "Bitte leiten Sie sie an die Stelle weiter" in mail.outbox[0].body
    assert ContactMessage.objects.get().via_editors


def test_without_maintainers_and_editors_nothing_is_sent(town, sender):
    response = signed_in(sender).post(body_url(town), MESSAGE)
    assert "niemand empfangen" in response.content.decode()
    assert not mail.outbox
    assert not ContactMessage.objects.exists()


def test_the_service_refuses_a_sender_who_is_not_verified(maintainers):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        contact_send(
            sender=MemberFactory(),
            recipients=maintainers,
            about_kind=ContactAbout.MEMBER,
            about_title="x",
            **MESSAGE,
        )


# --- reports and blocks ------------------------------------------------------------------


def test_the_report_link_marks_the_message_and_tells_the_editors(
    editor, town, maintainers, sender, django_capture_on_commit_callbacks
):
    signed_in(sender).post(body_url(town), MESSAGE)
    email = next(e for e in mail.outbox if e.to == [maintainers[1].email])
    path = report_path(email)
    mail.outbox.clear()

    page = Client().get(path)
    with django_capture_on_commit_callbacks(execute=True):
        done = Client().post(path, {"reason": "Werbung"})

    assert page.status_code == 200
    assert "Frage zur Datenplattform" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert done.status_code == 200
    assert "der Redaktion gemeldet" in done.content.decode()
    message = ContactMessage.objects.get()
    assert message.reported_at is not None
    assert message.reported_by == maintainers[1]
    assert message.report_reason == "Werbung"
    assert [e.to for e in mail.outbox] == [[editor.email]]
    assert "Werbung" in mail.outbox[0].body
    assert ContactMessage.objects.reported().count() == 1


@pytest.mark.parametrize(
    "damage", [lambda p: p[:-3] + "xx/", lambda p: "/konto/kontakt/melden/abc/"]
)
def test_a_forged_report_link_answers_404(town, maintainers, sender, damage):
    signed_in(sender).post(body_url(town), MESSAGE)
    path = damage(report_path(mail.outbox[0]))
    assert Client().get(path).status_code == 404
    assert Client().post(path, {"reason": "x"}).status_code == 404
    assert ContactMessage.objects.get().reported_at is None


def test_editors_list_the_reported_messages_and_block_the_sender(
    editor_client, town, maintainers, sender
):
    signed_in(sender).post(body_url(town), MESSAGE)
    ContactMessage.objects.update(reported_at="2026-12-01T10:00:00Z")
    changelist = reverse("admin:members_contactmessage_changelist")

    listed = editor_client.get(changelist, {"reported_at__isempty": "0"})
    blocked = editor_client.post(
        changelist,
        {"action": "block_senders", "_selected_action": [ContactMessage.objects.get().pk]},
    )

    assert listed.status_code == 200
    assert "Frage zur Datenplattform" in listed.content.decode()
    assert blocked.status_code == 302
    assert ContactBlock.objects.get().user == sender
    assert signed_in(sender).post(body_url(town), MESSAGE).status_code == 403


def test_the_messages_cannot_be_changed_or_added_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:members_contactmessage_add")).status_code == 403


def test_members_do_not_reach_the_admins_of_the_messages(sender):
    response = signed_in(sender).get(reverse("admin:members_contactmessage_changelist"))
    assert response.status_code == 302


def _messages(count: int, sender, recipient) -> None:
    for number in range(count):
        message = ContactMessage.objects.create(
            sender=sender,
            about_kind="member",
            about_title="x",
            subject=f"Betreff {number}",
            text="t",
        )
        message.recipients.add(recipient)


@pytest.mark.parametrize("rows", [1, 20])
def test_the_admin_list_runs_a_fixed_number_of_queries(
    editor, editor_client, sender, maintainers, rows, django_assert_num_queries
):
    _messages(rows, sender, maintainers[0])
    editor_client.get(reverse("admin:members_contactmessage_changelist"))  # warm the session
    # session; editor; the editor's TOTP devices (two-factor middleware); the editor's
    # permissions (own and group's); count of the filtered list; count of all messages; the
    # TOTP devices again (admin site's check); the page of messages with their senders
    # joined; first and last date and the days of the date hierarchy.
    with django_assert_num_queries(11):
        response = editor_client.get(reverse("admin:members_contactmessage_changelist"))
    assert response.status_code == 200


# --- the member's own data ---------------------------------------------------------------


def test_my_data_lists_sent_messages_without_the_recipients(town, maintainers, sender):
    signed_in(sender).post(body_url(town), MESSAGE)
    data = member_data(sender)
    assert data["contact_messages_sent"][0]["subject"] == "Frage zur Datenplattform"
    assert data["contact_messages_sent"][0]["about_title"] == "Musterstadt"
    assert not any(m.email in str(data) for m in maintainers)
    html = signed_in(sender).get(reverse("members:my_data")).content.decode()
    assert "Frage zur Datenplattform" in html
    assert not any(m.email in html for m in maintainers)


def test_deleting_the_account_keeps_messages_attributable_but_without_their_words(
    town, maintainers, sender
):
    client = signed_in(sender)
    client.post(body_url(town), MESSAGE)
    client.post(member_url(maintainers[0]), {"subject": "Beleidigung", "text": "Böse Worte"})
    reported = ContactMessage.objects.get(subject="Beleidigung")
    ContactMessage.objects.filter(pk=reported.pk).update(reported_at="2026-12-01T10:00:00Z")

    member_delete(user=sender)

    kept = ContactMessage.objects.get(pk=reported.pk)
    cleared = ContactMessage.objects.exclude(pk=reported.pk).get()
    assert kept.sender_id == cleared.sender_id == sender.pk
    assert (kept.subject, kept.text) == ("Beleidigung", "Böse Worte")
    assert cleared.text == "" and "Datenplattform" not in cleared.subject
    sender.refresh_from_db()
    assert sender.email == ""


# --- the link on the body's page ---------------------------------------------------------


def test_the_body_page_links_to_the_contact_form_for_everyone_and_stays_cached(
    settings, anonymous_client, town
):
    settings.CACHE_PAGE_SECONDS = 300
    first = anonymous_client.get(town.get_absolute_url())
    second = anonymous_client.get(town.get_absolute_url())
    assert body_url(town) in first.content.decode()
    assert "Kontakt aufnehmen" in first.content.decode()
    assert second["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("kind", ["district", "association"])
def test_the_regions_pages_link_to_their_contact_form(anonymous_client, kind):
    from tests.cities.factories import AssociationFactory, DistrictFactory

    body = (DistrictFactory if kind == "district" else AssociationFactory)()
    html = anonymous_client.get(body.get_absolute_url()).content.decode()
    key = "kreis" if kind == "district" else "gemeindeverband"
    assert reverse("members:contact_body", kwargs={"kind": key, "key": body.key}) in html


def test_the_editors_group_exists_for_the_fallback():
    assert Group.objects.filter(name=EDITOR_GROUP).exists()
