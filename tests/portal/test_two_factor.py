"""The one second factor of every account (allauth.mfa, an authenticator app with recovery
codes): editors must use it for the admin, members may switch it on, a wrong code counts as
a failed login, and editors' django-otp devices are converted."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from axes.models import AccessAttempt
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from portal.admin_site import PortalAdminSite
from portal.models import Theme
from portal.two_factor import convert_otp_devices, totp_secret_from_hex

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-passwort-123"


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps used codes and its rate limits in the cache."""
    cache.clear()
    yield
    cache.clear()


def code_for(secret: str, *, offset: int = 0) -> str:
    """The code of the window ``offset`` steps from now, taken early enough in
    the current window that the request it goes with arrives inside it."""
    left = 30 - time.time() % 30
    if left < 2:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def wrong_code(secret: str) -> str:
    return f"{(int(code_for(secret)) + 1) % 1_000_000:06d}"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def staff(editor):
    return verified(editor)


@pytest.fixture
def secret(staff):
    value = generate_totp_secret()
    TOTP.activate(staff, value)
    return value


def sign_in(client, user, *, next_url=None):
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


def confirm_password(client):
    """allauth asks for the password again before an app is activated."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(
        reverse("account_reauthenticate"),
        {"password": PASSWORD, "next": reverse("mfa_activate_totp")},
    )


def test_admin_site_is_the_two_factor_site_with_every_registration():
    assert isinstance(admin.site, PortalAdminSite)
    registered = {model._meta.label for model in admin.site._registry}
    assert {
        "portal.Theme",
        "portal.APIToken",
        "auth.User",
        "auth.Group",
        "mfa.Authenticator",
        "axes.AccessAttempt",
    } <= registered
    assert not any(label.startswith("otp_") for label in registered)


def test_admin_login_sends_to_the_portal_sign_in_and_back(anonymous_client):
    response = anonymous_client.get(reverse("admin:login") + "?next=/admin/portal/theme/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2Fportal%2Ftheme%2F"
    foreign = anonymous_client.get(reverse("admin:login") + "?next=https://example.com/")
    assert foreign.url == reverse("account_login") + "?next=%2Fadmin%2F"
    assert anonymous_client.get(reverse("admin:index")).url.startswith(reverse("admin:login"))


def test_staff_with_an_app_needs_its_code_and_then_opens_the_admin(secret, staff, settings):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    response = sign_in(client, staff, next_url=reverse("admin:index"))
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302
    page = client.get(reverse("mfa_authenticate"))
    assert 'autocomplete="one-time-code"' in page.content.decode()
    assert page["Cache-Control"] == "private, no-store" or "no-store" in page["Cache-Control"]
    done = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert done.status_code == 302
    assert done.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    # Outside the admin the editor stays signed in.
    assert client.get(reverse("portal:home")).wsgi_request.user.is_authenticated


def test_wrong_code_is_refused_and_counts_as_a_failed_login(secret, staff):
    client = Client()
    sign_in(client, staff, next_url=reverse("admin:index"))
    response = client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302
    assert AccessAttempt.objects.get(username=staff.email).failures_since_start == 1


def test_a_code_counts_only_once(secret, staff):
    code = code_for(secret)
    first = Client()
    sign_in(first, staff)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    second = Client()
    sign_in(second, staff)
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert "_auth_user_id" not in second.session


def test_password_alone_never_opens_the_admin_for_staff(secret, staff, settings):
    for required in (True, False):
        settings.EDITOR_2FA_REQUIRED = required
        client = Client()
        client.force_login(staff)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
        # The admin's login ends the session without the factor and sends to the sign-in.
        login = client.get(response.url)
        assert login.url.startswith(reverse("account_login"))
        assert "_auth_user_id" not in client.session


def test_members_without_staff_rights_are_refused_by_the_admin(user_client):
    assert user_client.get(reverse("admin:login")).status_code == 403


def test_without_the_requirement_staff_without_an_app_use_the_admin(staff, settings):
    settings.EDITOR_2FA_REQUIRED = False
    client = Client()
    assert sign_in(client, staff, next_url=reverse("admin:index")).url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_required_second_factor_sends_staff_without_an_app_to_its_activation(staff, settings):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    assert sign_in(client, staff, next_url=reverse("admin:index")).url == reverse("admin:index")
    for url in (
        reverse("admin:index"),
        reverse("admin:portal_theme_changelist"),
        reverse("admin:login"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")

    confirm_password(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    secret = page.context["form"].secret
    assert page.context["totp_url"].startswith("otpauth://totp/redaktion%40example.org?")
    assert "issuer=Digitale%20St%C3%A4dte%20und%20Regionen" in page.context["totp_url"]

    refused = client.post(reverse("mfa_activate_totp"), {"code": wrong_code(secret)})
    assert refused.status_code == 200
    assert not Authenticator.objects.filter(user=staff).exists()

    activated = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert activated.status_code == 302
    assert activated.url == reverse("mfa_view_recovery_codes")
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert decrypt(authenticator.data["secret"]) == secret
    assert Authenticator.objects.filter(user=staff, type="recovery_codes").exists()
    # Activating proved the code: the admin opens without signing in again.
    assert client.get(reverse("admin:index")).status_code == 200


def test_required_second_factor_treats_a_password_only_staff_session_as_anonymous(
    staff, secret, settings
):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("api:theme-list"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    refused = client.post(
        reverse("api:theme-list"), {"name": "Neu", "slug": "neu"}, content_type="application/json"
    )
    assert refused.status_code in {401, 403, 405}
    assert not Theme.objects.filter(slug="neu").exists()
    # With an app already activated, its pages are no way around the sign-in either.
    assert not client.get(reverse("mfa_index")).wsgi_request.user.is_authenticated


def test_staff_without_an_app_may_reach_only_its_activation_outside_the_admin(staff, settings):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    sign_in(client, staff)
    assert not client.get(reverse("portal:home")).wsgi_request.user.is_authenticated
    assert client.get(reverse("mfa_activate_totp")).wsgi_request.user.is_authenticated


def test_requirement_does_not_touch_accounts_without_staff_rights(user_client, settings):
    settings.EDITOR_2FA_REQUIRED = True
    response = user_client.get(reverse("portal:home"))
    assert response.wsgi_request.user.is_authenticated


def test_member_activates_the_app_and_then_needs_its_code(user):
    member = verified(user)
    client = Client()
    sign_in(client, member)
    assert "_auth_user_id" in client.session
    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert reverse("mfa_activate_totp") in index.content.decode()
    confirm_password(client)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert Authenticator.objects.filter(user=member, type="totp").exists()

    cache.clear()  # The activation used the current code; allauth takes each code once.
    again = Client()
    assert sign_in(again, member).url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in again.session
    again.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert "_auth_user_id" in again.session


def test_mfa_pages_are_for_signed_in_accounts_only(anonymous_client):
    for name in ("mfa_index", "mfa_activate_totp", "mfa_view_recovery_codes"):
        response = anonymous_client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_a_recovery_code_signs_in_once(secret, staff):
    code = RecoveryCodes.activate(staff).get_unused_codes()[0]
    first = Client()
    sign_in(first, staff)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert "_auth_user_id" in first.session
    second = Client()
    sign_in(second, staff)
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert "_auth_user_id" not in second.session


def test_mfa_addresses_are_german():
    assert reverse("mfa_index") == "/konto/zwei-faktor/"
    assert reverse("mfa_authenticate") == "/konto/zwei-faktor/anmelden/"
    assert reverse("mfa_activate_totp") == "/konto/zwei-faktor/app/aktivieren/"
    assert reverse("mfa_view_recovery_codes") == "/konto/zwei-faktor/wiederherstellungscodes/"


def test_otp_key_becomes_the_same_secret():
    # RFC 6238's test key "12345678901234567890" in hex and in Base32.
    key = "3132333435363738393031323334353637383930"
    assert totp_secret_from_hex(key) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def test_conversion_turns_confirmed_otp_devices_into_authenticators(staff, user):
    key = "3132333435363738393031323334353637383930"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE otp_totp_totpdevice (id integer primary key, user_id integer,"
            " key varchar(80), confirmed bool, step integer, digits integer, t0 integer)"
        )
        cursor.execute(
            "INSERT INTO otp_totp_totpdevice VALUES (1, %s, %s, true, 30, 6, 0),"
            " (2, %s, %s, false, 30, 6, 0)",
            [staff.pk, key, user.pk, key],
        )
    try:
        assert convert_otp_devices(connection, Authenticator) == 1
        assert convert_otp_devices(connection, Authenticator) == 0
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE otp_totp_totpdevice")
    authenticator = Authenticator.objects.get(user=staff)
    assert authenticator.type == Authenticator.Type.TOTP
    assert TOTP(authenticator).validate_code(code_for("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    assert not Authenticator.objects.filter(user=user).exists()


def test_conversion_does_nothing_without_django_otp():
    assert convert_otp_devices(connection, Authenticator) == 0


def test_reset_command_removes_the_factors_so_a_new_app_is_activated(secret, staff, settings):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    output = StringIO()
    call_command("two_factor_reset", "redaktion", stdout=output)
    assert "1 zweite(r) Faktor(en) von redaktion entfernt." in output.getvalue()
    assert not Authenticator.objects.exists()
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    sign_in(client, staff)
    assert client.get(reverse("admin:index")).url == reverse("mfa_activate_totp")
    with pytest.raises(CommandError, match="Kein Konto"):
        call_command("two_factor_reset", "gibt-es-nicht")


def test_administrator_sees_authenticators_and_login_attempts_but_no_secret(secret, admin_client):
    listing = admin_client.get(reverse("admin:mfa_authenticator_changelist"))
    assert listing.status_code == 200
    assert "redaktion" in listing.content.decode()
    authenticator = Authenticator.objects.get()
    change = admin_client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert change.status_code == 200
    assert secret not in change.content.decode()
    assert authenticator.data["secret"] not in change.content.decode()
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200


def test_member_account_page_links_to_the_second_factor(user):
    client = Client()
    sign_in(client, verified(user))
    html = client.get(reverse("members:account")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in html
