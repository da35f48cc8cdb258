"""Two-factor authentication (TOTP) for staff: login with a code, set-up, the setting that
enforces it, and the admin that keeps every registration."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.admin_site import PortalAdminSite
from portal.models import Theme

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-passwort-123"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)


def log_in(client, **extra):
    data = {"username": "redaktion", "password": PASSWORD, "next": reverse("admin:index")}
    return client.post(reverse("admin:login"), {**data, **extra})


def test_admin_site_is_the_two_factor_site_with_every_registration():
    assert isinstance(admin.site, PortalAdminSite)
    registered = {model._meta.label for model in admin.site._registry}
    assert {
        "portal.Theme",
        "portal.APIToken",
        "auth.User",
        "auth.Group",
        "otp_totp.TOTPDevice",
        "axes.AccessAttempt",
    } <= registered
    assert "cities.Municipality" in registered


def test_login_page_asks_for_the_code(anonymous_client):
    html = anonymous_client.get(reverse("admin:login")).content.decode()
    assert 'name="otp_token"' in html
    assert 'autocomplete="one-time-code"' in html
    assert "Bestätigungscode" in html


def test_editor_with_a_device_needs_the_code(device):
    response = log_in(Client())
    assert response.status_code == 200
    assert "Bitte geben Sie den Bestätigungscode Ihrer Authenticator-App ein." in (
        response.content.decode()
    )


def test_wrong_code_is_refused_and_counts_as_a_failed_login(device):
    response = log_in(Client(), otp_token=wrong_code(device))
    assert "Der Bestätigungscode ist ungültig oder abgelaufen." in response.content.decode()
    assert AccessAttempt.objects.get(username="redaktion").failures_since_start == 1


def test_right_code_logs_in_verified_and_opens_the_admin(device):
    client = Client()
    response = log_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("admin:index")).status_code == 200


def test_password_alone_never_opens_the_admin_for_an_editor_with_a_device(device, editor):
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_without_the_requirement_an_editor_without_device_uses_the_admin(editor, settings):
    settings.EDITOR_2FA_REQUIRED = False
    client = Client()
    assert log_in(client).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_required_two_factor_sends_an_editor_without_device_to_the_set_up(editor, settings):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    log_in(client)
    for url in (
        reverse("admin:index"),
        reverse("admin:portal_theme_changelist"),
        reverse("admin:login"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("admin:two_factor_setup")

    page = client.get(reverse("admin:two_factor_setup"))
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert page["Cache-Control"].count("no-store") >= 1
    assert "otpauth://totp/Digitale%20St%C3%A4dte%20und%20Regionen%3Aredaktion?" in html
    assert page.context["secret"].replace(" ", "") in device.config_url

    refused = client.post(reverse("admin:two_factor_setup"), {"token": wrong_code(device)})
    assert "Der Code stimmt nicht." in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    # The device throttles after a failure; a later try is allowed again.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()
    confirmed = client.post(reverse("admin:two_factor_setup"), {"token": current_code(device)})
    assert confirmed.status_code == 302
    assert confirmed.url == reverse("admin:index")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200
    # With a device the page has nothing more to do.
    assert client.get(reverse("admin:two_factor_setup")).url == reverse("admin:index")


def test_set_up_page_is_for_logged_in_staff_only(user_client, anonymous_client):
    for client in (anonymous_client, user_client):
        response = client.get(reverse("admin:two_factor_setup"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_set_up_can_be_cancelled_by_logging_out(editor_client, settings):
    settings.EDITOR_2FA_REQUIRED = True
    response = editor_client.post(reverse("admin:two_factor_setup"), {"cancel": "1"})
    assert response.url == reverse("admin:login")
    assert "_auth_user_id" not in editor_client.session


def test_required_two_factor_treats_an_unverified_staff_session_as_anonymous(
    editor_client, settings
):
    settings.EDITOR_2FA_REQUIRED = True
    response = editor_client.get(reverse("api:theme-list"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    refused = editor_client.post(
        reverse("api:theme-list"), {"name": "Neu", "slug": "neu"}, content_type="application/json"
    )
    assert refused.status_code in {401, 403, 405}
    assert not Theme.objects.filter(slug="neu").exists()


def test_verified_staff_session_stays_logged_in_on_public_pages(device, settings):
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    log_in(client, otp_token=current_code(device))
    response = client.get(reverse("portal:home"))
    assert response.wsgi_request.user.is_authenticated


def test_requirement_does_not_touch_accounts_without_staff_rights(user_client, settings):
    settings.EDITOR_2FA_REQUIRED = True
    response = user_client.get(reverse("portal:home"))
    assert response.wsgi_request.user.is_authenticated


def test_reset_command_removes_a_lost_device_so_a_new_one_can_be_set_up(device, settings):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    output = StringIO()
    call_command("two_factor_reset", "redaktion", stdout=output)
    assert "1 Gerät(e) von redaktion entfernt." in output.getvalue()
    assert not TOTPDevice.objects.exists()
    settings.EDITOR_2FA_REQUIRED = True
    client = Client()
    log_in(client)
    assert client.get(reverse("admin:index")).url == reverse("admin:two_factor_setup")
    with pytest.raises(CommandError, match="Kein Konto"):
        call_command("two_factor_reset", "gibt-es-nicht")


def test_administrator_sees_devices_and_login_attempts_but_no_secret(device, admin_client):
    devices = admin_client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert devices.status_code == 200
    assert "Telefon" in devices.content.decode()
    change = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key not in change.content.decode()
    config = reverse("admin:otp_totp_totpdevice_config", args=[device.pk])
    assert admin_client.get(config).status_code == 403
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
