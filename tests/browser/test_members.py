"""Member accounts in a real browser: sign up, verify the e-mail address, join a
municipality by its domain, see one's data; axe on each page on the way."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from members.models import ChangeRequest, Membership
from portal.roles import EDITOR_GROUP
from tests.browser.conftest import assert_accessible
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.members.factories import PASSWORD, EmailDomainFactory


@pytest.fixture
def musterstadt(seeded_db):
    municipality = MunicipalityFactory(name="Musterstadt", ags="05111000", population=150_000)
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    DigitalProfileFactory(municipality=municipality, summary="Die Stadt beginnt mit der Planung.")
    return municipality


def signed_in_context(browser, live_server, user):
    """A browser context with ``user``'s session (as after signing in)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def test_sign_up_verify_join_by_domain_edit_the_profile_and_an_editor_approves(
    page, live_server, musterstadt, django_user_model, settings
):
    settings.EDITOR_2FA_REQUIRED = False
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

    # The maintainer edits the profile; it goes to the editors' review.
    page.goto("/konto/")
    assert "älter als zwölf Monate" in page.locator("main").inner_text()
    page.get_by_role("link", name="Digitalprofil von Musterstadt bearbeiten").click()
    assert_accessible(page)
    page.get_by_label("Zusammenfassung").fill("Die Stadt hat ihre Digitalstrategie beschlossen.")
    page.get_by_label("Stand der Digitalstrategie").select_option("adopted")
    page.get_by_role("button", name="Zur Prüfung senden").click()
    page.wait_for_url(re.compile(r"/konto/aenderungen/\d+/$"))
    assert page.locator("#change-status").inner_text() == "wartet auf Prüfung"
    assert "beschlossen." in " ".join(page.locator("ins").all_inner_texts())
    assert_accessible(page)
    change = ChangeRequest.objects.get()

    # An editor approves the diff in the admin.
    editor = django_user_model.objects.create_user(
        "redaktion", "redaktion@example.org", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    editor_context = signed_in_context(page.context.browser, live_server, editor)
    review = editor_context.new_page()
    review.goto(f"/admin/members/changerequest/{change.pk}/change/")
    assert "Strategie beschlossen" in review.locator("#diff-strategy_status").inner_text()
    assert_accessible(review)
    review.get_by_role("button", name="Übernehmen und veröffentlichen").click()
    review.wait_for_url(re.compile(r"/admin/members/changerequest/$"))
    editor_context.close()

    # The public page shows the change with today's "Stand".
    page.goto(musterstadt.get_absolute_url())
    profile = page.locator("section[aria-labelledby=profile-heading]").inner_text()
    with translation.override("de"):
        today = date_format(timezone.localdate(), "j. F Y")
    assert f"Stand: {today}" in profile
    assert "Die Stadt hat ihre Digitalstrategie beschlossen." in profile
    assert page.locator("#profile-stale").count() == 0
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


def test_a_maintainer_proposes_a_new_project_and_edits_a_published_one(
    page, live_server, browser, musterstadt
):
    from tests.bestpractices.factories import ProjectFactory
    from tests.members.factories import verified_member

    project = ProjectFactory(title="Digitales Bürgerbüro", lead_municipality=musterstadt)
    maintainer = verified_member({"municipality": musterstadt}, role="maintainer")
    context = signed_in_context(browser, live_server, maintainer)
    tab = context.new_page()
    tab.goto("/konto/")
    tab.get_by_role("link", name="Neues Praxisbeispiel von Musterstadt vorschlagen").click()
    assert_accessible(tab)
    tab.get_by_role("button", name="Zur Prüfung senden").click()
    assert tab.locator("#form-errors").is_visible()
    assert_accessible(tab)
    tab.get_by_label("Titel").fill("Offene Ratsinformation")
    tab.get_by_label("Kurzbeschreibung").fill("Sitzungsunterlagen als offene Daten.")
    tab.get_by_role("button", name="Zur Prüfung senden").click()
    tab.wait_for_url(re.compile(r"/konto/aenderungen/\d+/$"))
    assert "Offene Ratsinformation" in tab.locator("main").inner_text()
    assert_accessible(tab)

    tab.goto(project.get_absolute_url())
    tab.get_by_role("link", name="Praxisbeispiel bearbeiten").click()
    assert_accessible(tab)
    tab.get_by_label("Ergebnisse und Wirkung").fill("Wartezeiten halbiert.")
    tab.get_by_role("button", name="Zur Prüfung senden").click()
    tab.wait_for_url(re.compile(r"/konto/aenderungen/\d+/$"))
    assert "Wartezeiten halbiert." in tab.locator("#diff-results").inner_text()
    context.close()


def test_a_second_member_joined_by_an_editor_meets_the_first_in_the_directory(
    page, live_server, browser, musterstadt, django_user_model
):
    from portal.models import Theme
    from tests.members.factories import MemberFactory, verified_member

    first = verified_member({"municipality": musterstadt}, first_name="Erika", last_name="Erste")
    # Not at the body's domain: an editor has to confirm.
    second = MemberFactory(email="zora@example.net", first_name="Zora", last_name="Zweite")
    second_context = signed_in_context(browser, live_server, second)
    tab = second_context.new_page()
    tab.goto("/konto/zugehoerigkeit/neu/")
    tab.get_by_label("Kommune, Gemeindeverband oder Kreis").fill("05111000")
    tab.get_by_role("button", name="Beitritt beantragen").click()
    tab.wait_for_url(re.compile(r"/konto/$"))
    assert "wartet auf Bestätigung" in tab.locator("main").inner_text()
    tab.goto("/konto/wer-macht-was/")
    assert "nur Mitglieder" in tab.locator("main").inner_text()
    assert_accessible(tab)

    editor = django_user_model.objects.create_user(
        "redaktion", "redaktion@example.org", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    editor_context = signed_in_context(browser, live_server, editor)
    admin = editor_context.new_page()
    admin.goto("/admin/members/membership/?status__exact=pending")
    membership = Membership.objects.get(user=second)
    admin.locator(f"input[name=_selected_action][value='{membership.pk}']").check()
    admin.locator("select[name=action]").select_option("confirm")
    admin.locator("button[name=index]").click()
    admin.locator(".messagelist").wait_for()
    assert_accessible(admin)
    editor_context.close()
    membership.refresh_from_db()
    assert membership.status == "verified" and membership.verified_by == editor

    # The second member now sets up a directory entry, field by field.
    tab.goto("/konto/wer-macht-was/mein-eintrag/")
    assert_accessible(tab)
    tab.get_by_label("im Verzeichnis „Wer macht was“ erscheinen").check()
    tab.get_by_label("Namen zeigen").check()
    tab.get_by_label("Rolle", exact=True).select_option("it_lead")
    tab.get_by_label("Stellen zeigen, denen ich angehöre").check()
    tab.get_by_label(Theme.objects.get(slug="verwaltung").name, exact=True).check()
    tab.get_by_role("button", name="Speichern").click()
    tab.locator(".messages, [role=status]").first.wait_for()
    assert_accessible(tab)
    second_context.close()

    # The first member finds the second by role.
    first_context = signed_in_context(browser, live_server, first)
    directory = first_context.new_page()
    directory.goto("/konto/wer-macht-was/")
    assert_accessible(directory)
    directory.get_by_label("Rolle").select_option("it_lead")
    directory.get_by_role("button", name="Filter anwenden").click()
    results = directory.locator("section[aria-labelledby=directory-results]").inner_text()
    assert "Zora Zweite" in results and "Musterstadt" in results and "IT-Leitung" in results
    assert "zora@example.net" not in directory.content()
    assert "Erika" not in results
    assert_accessible(directory)
    first_context.close()


def test_a_relation_proposed_and_confirmed_shows_on_both_profiles_and_the_network_page(
    page, live_server, browser, musterstadt
):
    from members.choices import MembershipRole
    from tests.members.factories import verified_member

    partner = MunicipalityFactory(name="Beispielhausen", ags="05111004", population=30_000)
    proposer = verified_member({"municipality": musterstadt}, role=MembershipRole.MAINTAINER)
    answerer = verified_member({"municipality": partner}, role=MembershipRole.MAINTAINER)

    # Musterstadt's maintainer starts from the partner's page.
    proposer_context = signed_in_context(browser, live_server, proposer)
    tab = proposer_context.new_page()
    tab.goto(partner.get_absolute_url())
    tab.get_by_role("link", name="Verbindung im Netzwerk eintragen").click()
    tab.wait_for_url(re.compile(r"/konto/netzwerk/neu/"))
    assert (
        tab.get_by_role("textbox", name=re.compile(r"^Partnerstelle")).input_value() == "05111004"
    )
    assert_accessible(tab)
    tab.get_by_label("Gemeinsame Entwicklung: Wir entwickeln gemeinsam.").check()
    tab.get_by_role("textbox", name=re.compile(r"^Beschreibung")).fill(
        "Ein gemeinsames Bürgerportal."
    )
    tab.get_by_role("button", name="Verbindung vorschlagen").click()
    tab.wait_for_url(re.compile(r"/konto/"))
    main = tab.locator("main").inner_text()
    assert "sobald Beispielhausen oder die Redaktion sie bestätigt" in main
    assert_accessible(tab)
    proposer_context.close()
    assert mail.outbox and mail.outbox[-1].to == [answerer.email]

    # Not public yet.
    page.goto("/netzwerk/")
    assert "Noch ist keine Verbindung bestätigt." in page.locator("main").inner_text()
    assert_accessible(page)

    # Beispielhausen's maintainer confirms in the account.
    answerer_context = signed_in_context(browser, live_server, answerer)
    account = answerer_context.new_page()
    account.goto("/konto/#netzwerk")
    account.get_by_role("button", name=re.compile(r"^Bestätigen")).click()
    account.locator(".messages, [role=status]").first.wait_for()
    assert "jetzt öffentlich" in account.locator("main").inner_text()
    assert_accessible(account)
    answerer_context.close()

    # Public: on the network page (table and graph) and on both profiles.
    page.goto("/netzwerk/")
    table = page.locator("table.network-table").inner_text()
    assert "Musterstadt und Beispielhausen entwickeln gemeinsam" in table
    assert page.locator("svg[role=img] circle.network-node").count() == 2
    assert_accessible(page)
    for body, other in ((musterstadt, "Beispielhausen"), (partner, "Musterstadt")):
        page.goto(body.get_absolute_url())
        section = page.locator("section[aria-labelledby=related-network]").inner_text()
        assert other in section and "gemeinsame Entwicklung" in section
        assert_accessible(page)
