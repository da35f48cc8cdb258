"""The member's pages: only for the member, never cached, and deletion that anonymises."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.choices import MembershipRole, MembershipStatus
from members.models import Membership
from members.services import membership_confirm, membership_request
from tests.cities.factories import MunicipalityFactory
from tests.members.factories import PASSWORD, EmailDomainFactory, MemberFactory

pytestmark = pytest.mark.django_db

MEMBER_PAGES = [
    "members:account",
    "members:membership_request",
    "members:my_data",
    "members:delete",
]


def signed_in_with_password(user) -> Client:
    """A client that signed in and then gave the password again, as deleting requires."""
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages_send_anonymous_visitors_to_the_sign_in(anonymous_client, name):
    response = anonymous_client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "name", ["members:account", "members:membership_request", "members:my_data"]
)
def test_member_pages_are_never_stored_by_a_cache(name):
    response = signed_in(MemberFactory()).get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_joining_by_key_confirms_by_domain_and_shows_on_the_account_page():
    municipality = MunicipalityFactory(name="Musterstadt")
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    client = signed_in(MemberFactory(email="it@musterstadt.de"))

    response = client.post(
        reverse("members:membership_request"),
        {"body": municipality.ags, "role": MembershipRole.MAINTAINER},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("members:account")
    assert "Sie gehören jetzt zu Musterstadt" in response.content.decode()
    assert Membership.objects.get().is_maintainer


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "entweder"),
        ("123", "5, 8 oder 9 Ziffern"),
        ("09999999", "keinen Eintrag mit dem Schlüssel 09999999"),
        ("Nirgendwo", "heißt „Nirgendwo“"),
    ],
)
def test_a_body_that_cannot_be_found_is_a_form_message(body, message):
    response = signed_in(MemberFactory()).post(
        reverse("members:membership_request"), {"body": body, "role": "member"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.exists()


def test_a_colleague_confirms_from_the_account_page_and_a_stranger_cannot():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    colleague = MemberFactory(email="a@musterstadt.de")
    membership_request(user=colleague, municipality=municipality)
    newcomer = membership_request(
        user=MemberFactory(email="neu@gmx.example"), municipality=municipality
    )

    page = signed_in(colleague).get(reverse("members:account")).content.decode()
    assert "neu@gmx.example" in page

    stranger = signed_in(MemberFactory())
    assert "neu@gmx.example" not in stranger.get(reverse("members:account")).content.decode()
    refused = stranger.post(reverse("members:membership_confirm", args=[newcomer.pk]))
    assert refused.status_code == 403
    newcomer.refresh_from_db()
    assert newcomer.status == MembershipStatus.PENDING

    signed_in(colleague).post(reverse("members:membership_confirm", args=[newcomer.pk]))
    newcomer.refresh_from_db()
    assert newcomer.status == MembershipStatus.VERIFIED


def test_the_data_export_holds_the_account_the_addresses_and_the_memberships():
    member = MemberFactory(email="ich@example.org", first_name="Iris")
    membership_request(user=member, municipality=MunicipalityFactory(name="Musterstadt"))

    response = signed_in(member).get(reverse("members:my_data"), {"format": "json"})

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["first_name"] == "Iris"
    assert data["email_addresses"] == [
        {"email": "ich@example.org", "verified": True, "primary": True}
    ]
    assert data["memberships"][0]["body"].startswith("Musterstadt")
    assert data["memberships"][0]["status"] == "pending"


def test_deletion_anonymises_the_account_and_keeps_what_it_confirmed(editor):
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    member = MemberFactory(email="weg@musterstadt.de", first_name="Wera", last_name="Weg")
    membership_request(user=member, municipality=municipality)
    other = membership_request(user=MemberFactory(), municipality=municipality)
    membership_confirm(membership=other, by=member)
    client = signed_in_with_password(member)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(member, generate_totp_secret())

    response = client.post(reverse("members:delete"), {"confirm": "on"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "" and member.first_name == "" and member.last_name == ""
    assert member.username == f"geloescht-{member.pk}"
    assert not member.is_active and not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Membership.objects.filter(user=member).exists()
    # The app's secret and the recovery codes go with the account.
    assert not Authenticator.objects.filter(user=member).exists()
    other.refresh_from_db()
    assert other.verified_by == member  # still attributable, to the anonymous placeholder
    assert client.get(reverse("members:account")).status_code == 302
    # The old address no longer signs in to anything.
    again = Client().post(
        reverse("account_login"), {"login": "weg@musterstadt.de", "password": PASSWORD}
    )
    assert again.status_code == 200
    assert "_auth_user_id" not in again.client.session


def test_deletion_asks_for_the_password_again():
    member = MemberFactory()
    response = signed_in(member).post(reverse("members:delete"), {"confirm": "on"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    member.refresh_from_db()
    assert member.is_active


def test_deletion_needs_the_confirmation():
    member = MemberFactory()
    response = signed_in_with_password(member).post(reverse("members:delete"), {})
    assert response.status_code == 200
    assert "Bitte bestätigen Sie" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_sign_up_and_reset_do_not_tell_whether_an_address_is_known(anonymous_client):
    MemberFactory(email="bekannt@example.org")
    known = anonymous_client.post(
        reverse("account_signup"),
        {"email": "bekannt@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    unknown = Client().post(
        reverse("account_signup"),
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert get_user_model().objects.filter(email="bekannt@example.org").count() == 1

    reset_known = Client().post(reverse("account_reset_password"), {"email": "bekannt@example.org"})
    reset_unknown = Client().post(reverse("account_reset_password"), {"email": "nie@example.org"})
    assert reset_known.status_code == reset_unknown.status_code == 302
    assert reset_known["Location"] == reset_unknown["Location"]


def test_signing_in_needs_a_verified_address():
    MemberFactory(email="offen@example.org", verified=False)
    mail.outbox.clear()
    response = Client().post(
        reverse("account_login"), {"login": "offen@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1


def test_failed_member_logins_are_throttled_per_address(settings):
    settings.AXES_FAILURE_LIMIT = 3
    member = MemberFactory(email="ziel@example.org")
    for _attempt in range(3):
        Client().post(reverse("account_login"), {"login": "Ziel@example.org", "password": "falsch"})
    locked = Client().post(
        reverse("account_login"), {"login": "ziel@example.org", "password": PASSWORD}
    )
    assert locked.status_code == 429
    other = Client().post(
        reverse("account_login"),
        {"login": MemberFactory(email="frei@example.org").email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.9",
    )
    assert other.status_code == 302
    assert member.is_active


def test_a_session_ends_after_the_idle_time(settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = signed_in(MemberFactory())
    assert client.get(reverse("members:account")).status_code == 200
    session = client.session
    assert "_last_seen" in session
    session["_last_seen"] -= 61
    session.save()

    response = client.get(reverse("members:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_pages_link_to_the_members_area_and_set_no_session(anonymous_client):
    response = anonymous_client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert not response.cookies
    assert reverse("members:account") in response.content.decode()
