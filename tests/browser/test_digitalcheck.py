"""Taking the Digital-Check in a real browser: anonymously with JavaScript switched off
(plain forms), and as a body's maintainer up to the submitted result; axe on the way."""

import re

from playwright.sync_api import expect

from digitalcheck.choices import AssessmentStatus
from digitalcheck.models import Assessment
from members.choices import MembershipRole
from tests.browser.conftest import assert_accessible
from tests.browser.test_members import signed_in_context
from tests.cities.factories import MunicipalityFactory
from tests.digitalcheck.factories import published_questionnaire
from tests.members.factories import verified_member


def answer_every_question(page, level: int) -> None:
    for fieldset in page.locator(".check-question fieldset").all():
        fieldset.get_by_label(re.compile(rf"Stufe {level}:")).check()


def test_the_anonymous_check_works_without_javascript(browser, live_server, seeded_db):
    published_questionnaire()
    context = browser.new_context(
        locale="de-DE", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/digital-check/")
    page.get_by_role("link", name="Check ohne Anmeldung beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalstrategie")
    expect(page.locator("#progress-label")).to_contain_text("Schritt 1 von 3")
    # "Weiter" without answers: the errors are listed with links to the questions.
    page.get_by_role("button", name="Speichern und weiter").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Beschlossen?: Bitte wählen Sie die Stufe")
    answer_every_question(page, 2)
    page.get_by_role("button", name="Speichern und weiter").click()
    expect(page.locator("#progress-label")).to_contain_text("Schritt 2 von 3 · 2 von 5 Fragen")
    answer_every_question(page, 1)
    page.get_by_role("button", name="Speichern und weiter").click()
    answer_every_question(page, 4)
    page.get_by_role("button", name="Speichern und auswerten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Ergebnis im Digital-Check")
    # 50, 25 and 100: overall 58.3, shown as 58.
    expect(page.locator(".overall-score")).to_contain_text("58 von 100")
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile("^Datenplattform"))).to_contain_text("25")
    expect(page.locator("#steps-heading")).to_have_text("Erste Schritte")
    assert not Assessment.objects.exists()
    context.close()


def test_a_maintainer_takes_and_submits_the_check_of_the_body(browser, live_server, seeded_db):
    published_questionnaire()
    town = MunicipalityFactory(name="Musterhausen", population=15_000)
    maintainer = verified_member({"municipality": town}, role=MembershipRole.MAINTAINER)
    context = signed_in_context(browser, live_server, maintainer)
    page = context.new_page()
    page.goto("/digital-check/")
    assert_accessible(page)
    page.get_by_role("button", name="Check für Musterhausen beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalstrategie")
    page.get_by_role("button", name="Speichern und weiter").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    answer_every_question(page, 3)
    page.get_by_role("button", name="Speichern und später weitermachen").click()
    expect(page.locator(".messages")).to_contain_text("Ihre Antworten sind gespeichert.")
    page.get_by_role("button", name="Entwurf von Musterhausen fortsetzen").click()
    expect(page.locator("#progress-label")).to_contain_text("Schritt 2 von 3")
    for _ in range(2):
        answer_every_question(page, 1)
        page.get_by_role("button", name=re.compile("^Speichern und (weiter|auswerten)$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Entwurf des Digital-Checks")
    page.get_by_role("button", name="Check einreichen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte bestätigen Sie die Antworten.")
    assert_accessible(page)
    page.get_by_label(re.compile("Die Antworten geben den Stand")).check()
    page.get_by_role("button", name="Check einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("von Musterhausen")
    expect(page.locator(".messages")).to_contain_text("Der Digital-Check ist eingereicht.")
    expect(page.locator("#peers-heading")).to_be_visible()
    expect(page.get_by_text(re.compile("Noch kein Vergleich"))).to_have_count(2)
    assert_accessible(page)
    assert Assessment.objects.get().status == AssessmentStatus.SUBMITTED
    context.close()
