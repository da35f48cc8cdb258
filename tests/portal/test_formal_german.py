"""The portal says "Sie", also where the text comes from a third-party app: the German
catalogue in locale/de replaces the informal German ("du") of allauth's account and
two-factor pages, messages and e-mails and of Django REST framework's messages, whose
"Enter a valid email address." every form of the portal shows."""

import html
import re
from collections import Counter
from pathlib import Path

import allauth
import polib
import pytest
import rest_framework
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django import forms
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from tests.members.factories import PASSWORD, MemberFactory

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
FORMAL_EMAIL_ERROR = "Bitte geben Sie eine gültige E-Mail-Adresse ein."

# The informal address as whole words: pronouns, verbs of the second person singular and
# the imperatives the apps' catalogues use ("Gib …", "Stelle sicher …", "Lass Dir …").
INFORMAL = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|kannst|hast|bist|musst|"
    r"möchtest|solltest|erhältst|siehst|gib|wähle|bestätige|klicke?|kontaktiere|ändere|"
    r"erstelle|lass|lade|nutze|benutze|prüfe|rufe|stelle sicher|habe geduld|versuche es|"
    r"folge dem)\b",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^{}]*\}")
HTML_TAG = re.compile(r"<[^>]+>")

# The parts of allauth the portal installs (no socialaccount, idp or usersessions).
ALLAUTH_PARTS = ("account/", "mfa/", "templates/account/", "templates/mfa/", "templates/allauth/")


def informal_words(text: str) -> list[str]:
    return [match.group(0) for match in INFORMAL.finditer(text)]


def visible_text(response) -> str:
    """The page's text without its tags, as a reader sees it."""
    return html.unescape(HTML_TAG.sub(" ", response.content.decode()))


def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def translations(entry) -> list[str]:
    return [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())


def signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def with_authenticator_app() -> Client:
    """A member with an active authenticator app, who just gave the password again (as
    deactivating the app or replacing the recovery codes requires)."""
    member = MemberFactory()
    TOTP.activate(member, generate_totp_secret())
    client = signed_in(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


# --- Messages of forms and the API --------------------------------------------------------


def test_invalid_email_address_message_is_formal_in_german():
    with translation.override("de"):
        assert translation.gettext("Enter a valid email address.") == FORMAL_EMAIL_ERROR


def test_form_with_an_email_field_reports_the_formal_message():
    class ContactForm(forms.Form):
        email = forms.EmailField()

    with translation.override("de"):
        form = ContactForm({"email": "kein-at"})
        assert form.errors["email"] == [FORMAL_EMAIL_ERROR]


def test_api_validation_messages_are_formal_in_german():
    class ContactSerializer(serializers.Serializer):
        email = serializers.EmailField()
        name = serializers.CharField(max_length=3)

    with translation.override("de"):
        serializer = ContactSerializer(data={"email": "kein-at", "name": "Musterstadt"})
        assert not serializer.is_valid()
        assert serializer.errors["email"] == [FORMAL_EMAIL_ERROR]
        assert serializer.errors["name"] == ["Dieses Feld darf höchstens 3 Zeichen enthalten."]


def test_english_keeps_the_apps_english_messages():
    with translation.override("en"):
        assert translation.gettext("Enter a valid email address.") == (
            "Enter a valid email address."
        )
        assert translation.gettext("Are you sure you want to sign out?") == (
            "Are you sure you want to sign out?"
        )


# --- allauth's pages, messages and e-mails ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "formal"),
    [
        ("account_login", "Sie haben noch kein Konto?"),
        ("account_signup", "Sie haben bereits ein Konto?"),
        ("account_reset_password", "Geben Sie unten Ihre E-Mail-Adresse ein."),
        ("account_reset_password_done", "Wir haben Ihnen eine E-Mail geschickt."),
        ("account_email_verification_sent", "Bestätigen Sie Ihre E-Mail-Adresse"),
    ],
)
def test_sign_in_pages_address_visitors_formally(anonymous_client, name, formal):
    response = anonymous_client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    text = visible_text(response)
    assert informal_words(text) == []
    assert formal in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "formal"),
    [
        ("account_logout", "Möchten Sie sich wirklich abmelden?"),
        ("account_email", "Folgende E-Mail-Adressen sind mit diesem Konto verknüpft"),
        ("mfa_index", "Es ist keine Authenticator-App aktiv."),
    ],
)
def test_member_account_pages_address_members_formally(name, formal):
    response = signed_in(MemberFactory()).get(reverse(name))
    assert response.status_code == 200
    text = visible_text(response)
    assert informal_words(text) == []
    assert formal in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "formal"),
    [
        ("mfa_deactivate_totp", "Sie sind dabei, die Anmeldung mit der Authenticator-App"),
        ("mfa_generate_recovery_codes", "Sie sind dabei, einen neuen Satz"),
    ],
)
def test_two_factor_pages_of_an_active_app_address_members_formally(name, formal):
    response = with_authenticator_app().get(reverse(name))
    assert response.status_code == 200
    text = visible_text(response)
    assert informal_words(text) == []
    assert formal in text


@pytest.mark.django_db
def test_signing_out_confirms_formally():
    response = signed_in(MemberFactory()).post(reverse("account_logout"), follow=True)
    text = visible_text(response)
    assert "Sie haben sich abgemeldet." in text
    assert informal_words(text) == []


@pytest.mark.django_db
def test_refusing_to_remove_the_primary_address_speaks_formally():
    member = MemberFactory(email="haupt@example.org")
    response = signed_in(member).post(
        reverse("account_email"),
        {"action_remove": "", "email": "haupt@example.org"},
        follow=True,
    )
    text = visible_text(response)
    assert "Sie können Ihre primäre E-Mail-Adresse (haupt@example.org) nicht entfernen." in text
    assert informal_words(text) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "data", "formal"),
    [
        (
            "account_reset_password",
            {"email": "bekannt@example.org"},
            "Über den folgenden Link können Sie Ihr Passwort zurücksetzen.",
        ),
        (
            "account_reset_password",
            {"email": "unbekannt@example.org"},
            "Vielen Dank, dass Sie",
        ),
        (
            "account_signup",
            {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
        ),
        (
            "account_signup",
            {"email": "bekannt@example.org", "password1": PASSWORD, "password2": PASSWORD},
            "Es gibt jedoch bereits ein Konto mit dieser E-Mail-Adresse.",
        ),
    ],
    ids=["reset", "reset-unknown-address", "sign-up", "sign-up-known-address"],
)
def test_account_emails_address_the_recipient_formally(url_name, data, formal):
    MemberFactory(email="bekannt@example.org")
    mail.outbox.clear()
    Client().post(reverse(url_name), data)
    assert len(mail.outbox) == 1
    message = f"{mail.outbox[0].subject}\n{mail.outbox[0].body}"
    assert informal_words(message) == []
    assert formal in message


# --- The catalogue ------------------------------------------------------------------------


def test_catalogue_has_no_informal_translation():
    informal = {
        entry.msgid: words
        for entry in catalogue()
        for text in translations(entry)
        if (words := informal_words(text))
    }
    assert informal == {}


def test_catalogue_keeps_placeholders_markup_and_line_breaks_of_the_msgids():
    for entry in catalogue():
        for index, text in enumerate(translations(entry)):
            source = entry.msgid_plural if entry.msgid_plural and index else entry.msgid
            assert Counter(PLACEHOLDER.findall(text)) == Counter(PLACEHOLDER.findall(source)), (
                entry.msgid
            )
            assert HTML_TAG.findall(text) == HTML_TAG.findall(source), entry.msgid
            assert text.count("\n") == source.count("\n"), entry.msgid


def test_catalogue_is_complete_and_compiled():
    entries = catalogue()
    assert entries.untranslated_entries() == []
    assert entries.fuzzy_entries() == []
    compiled = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    }
    for entry in entries:
        compiled_entry = compiled.get((entry.msgctxt, entry.msgid))
        assert compiled_entry is not None, f"{entry.msgid!r} not compiled"
        assert translations(compiled_entry) == translations(entry), f"{entry.msgid!r} out of date"


def app_catalogue_entries():
    """The translated entries of allauth's (the installed parts) and DRF's own German
    catalogues. DRF ships only the compiled catalogue in a form polib reads reliably."""
    allauth_po = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
    for entry in polib.pofile(str(allauth_po)):
        used = any(path.startswith(ALLAUTH_PARTS) for path, _line in entry.occurrences)
        if used and entry.translated() and not entry.obsolete:
            yield entry
    drf_mo = Path(rest_framework.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.mo"
    yield from (entry for entry in polib.mofile(str(drf_mo)) if entry.msgid)


def test_catalogue_replaces_every_informal_entry_of_the_apps_and_nothing_else():
    informal_in_apps = {
        (entry.msgctxt, entry.msgid)
        for entry in app_catalogue_entries()
        if any(informal_words(text) for text in translations(entry))
    }
    ours = {(entry.msgctxt, entry.msgid) for entry in catalogue()}
    assert informal_in_apps - ours == set(), "informal entries without a formal replacement"
    assert ours - informal_in_apps == set(), "entries that need no replacement"
