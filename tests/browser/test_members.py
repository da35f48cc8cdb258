"""Member accounts in a real browser: sign up, verify the e-mail address, join a
municipality by its domain, see one's data; axe on each page on the way."""

import re

import pytest
from django.core import mail

from members.models import Membership
from tests.browser.conftest import assert_accessible
from tests.cities.factories import MunicipalityFactory
from tests.members.factories import PASSWORD, EmailDomainFactory


@pytest.fixture
def musterstadt(seeded_db):
    municipality = MunicipalityFactory(name="Musterstadt", ags="05111000", population=150_000)
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    return municipality


def test_sign_up_verify_and_join_a_municipality_by_domain(page, live_server, musterstadt):
    page.goto("/konto/registrieren/")
    assert_accessible(page)
    page.get_by_label("E-Mail").first.fill("cdo@musterstadt.de")
    page.get_by_label("Passwort", exact=False).first.fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url(re.compile(r"/konto/e-mail/bestaetigen/$"))
    assert_accessible(page)

    (message,) = mail.outbox
    assert message.to == ["cdo@musterstadt.de"]
    link = re.search(r"https?://[^\s]+/konto/e-mail/bestaetigen/[^\s]+/", message.body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    assert_accessible(page)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(re.compile(r"/konto/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Einer Stelle beitreten").click()
    assert_accessible(page)
    page.get_by_label("Kommune, Gemeindeverband oder Kreis").fill("Musterstadt")
    page.get_by_label("Pflegt die Inhalte").check()
    page.get_by_role("button", name="Beitritt beantragen").click()
    page.wait_for_url(re.compile(r"/konto/$"))
    assert "Sie gehören jetzt zu Musterstadt" in page.locator(".messages").inner_text()
    row = page.locator("table tbody tr").first
    assert "Musterstadt" in row.inner_text()
    assert "bestätigt" in row.inner_text()
    assert_accessible(page)
    membership = Membership.objects.get(user__email="cdo@musterstadt.de")
    assert membership.is_maintainer

    page.get_by_role("link", name="Meine Daten ansehen und herunterladen").click()
    assert "cdo@musterstadt.de" in page.locator("main").inner_text()
    assert_accessible(page)


def test_an_ambiguous_name_is_answered_with_the_keys(
    page, live_server, musterstadt, django_user_model
):
    MunicipalityFactory(name="Musterstadt", ags="05112000")
    page.goto("/konto/anmelden/")
    assert_accessible(page)
    from tests.members.factories import MemberFactory

    MemberFactory(email="jemand@example.org")
    page.get_by_label("E-Mail").fill("jemand@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url(re.compile(r"/konto/$"))
    page.goto("/konto/zugehoerigkeit/neu/")
    page.get_by_label("Kommune, Gemeindeverband oder Kreis").fill("Musterstadt")
    page.get_by_role("button", name="Beitritt beantragen").click()
    errors = page.locator("#form-errors").inner_text()
    assert "05111000" in errors and "05112000" in errors
    assert_accessible(page)
