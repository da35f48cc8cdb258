"""Login throttle (per account and per client address, with a cool-off) and password rules.
Editors sign in on the portal's sign-in with their e-mail address, as members do."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-passwort-123"
EDITOR = "redaktion@example.org"


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps its own rate limits in the cache."""
    cache.clear()


@pytest.fixture
def editor(editor):
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    return editor


def log_in(client, username, password, address="198.51.100.7"):
    return client.post(
        reverse("account_login"),
        {"login": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail(times, username=EDITOR, address="198.51.100.7"):
    """Log in with a wrong password; returns the status codes of the answers."""
    return [
        log_in(Client(), username, "falsch-falsch-falsch", address).status_code
        for _attempt in range(times)
    ]


def test_correct_password_logs_an_editor_in(editor):
    response = log_in(Client(), EDITOR, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_account_is_locked_after_five_failures_even_with_the_right_password(editor):
    # The form again with its error four times; the fifth failure locks.
    assert fail(5) == [200, 200, 200, 200, 429]
    response = log_in(Client(), EDITOR, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "in 15 Minuten erneut" in html


def test_account_lock_applies_from_every_client_address(editor):
    fail(5, address="198.51.100.7")
    assert log_in(Client(), EDITOR, PASSWORD, address="203.0.113.9").status_code == 429


def test_client_address_is_locked_after_five_failures_on_any_accounts(editor):
    for number in range(5):
        fail(1, username=f"geraten-{number}@example.org", address="198.51.100.7")
    assert log_in(Client(), EDITOR, PASSWORD, address="198.51.100.7").status_code == 429
    # The editor's own address is not affected, and neither is the account.
    assert log_in(Client(), EDITOR, PASSWORD, address="203.0.113.9").status_code == 302


def test_four_failures_do_not_lock_and_a_success_clears_them(editor):
    assert fail(4) == [200] * 4
    assert log_in(Client(), EDITOR, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=EDITOR).exists()
    assert fail(4) == [200] * 4
    assert log_in(Client(), EDITOR, PASSWORD).status_code == 302


def test_lock_ends_after_the_cool_off_and_is_never_permanent(editor):
    fail(5)
    assert log_in(Client(), EDITOR, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(Client(), EDITOR, PASSWORD).status_code == 302


def test_failed_attempts_record_the_client_address_behind_trusted_proxies(editor, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    Client().post(
        reverse("account_login"),
        {"login": EDITOR, "password": "falsch"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.44",
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.44"


def test_force_login_in_tests_bypasses_the_throttle(editor, editor_client):
    fail(5)
    assert editor_client.get(reverse("admin:index")).status_code == 200


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError) as error:
        validate_password("Kurz-9x!aB")
    assert [item.code for item in error.value.error_list] == ["password_too_short"]
    validate_password("Kurz-9x!aB-lang")


def test_common_passwords_are_refused_even_when_long_enough():
    with pytest.raises(ValidationError) as error:
        validate_password("administrator")
    assert "password_too_common" in [item.code for item in error.value.error_list]
    assert len("administrator") >= 12


def test_admin_password_change_refuses_short_and_common_passwords(editor_client):
    for password, message in (
        ("kurz-1234", "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."),
        ("administrator", "Dieses Passwort ist zu üblich."),
    ):
        response = editor_client.post(
            reverse("admin:password_change"),
            {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    accepted = editor_client.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Kommunal-Digital-2026",
            "new_password2": "Kommunal-Digital-2026",
        },
    )
    assert accepted.status_code == 302
