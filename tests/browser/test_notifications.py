"""Saving a search from a list page and managing it on the subscriptions page, in a real
browser, with axe on each page on the way."""

import re

from playwright.sync_api import expect

from notifications.models import Subscription
from tests.bestpractices.factories import ProjectFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_members import signed_in_context
from tests.notifications.factories import member
from tests.portal.factories import theme


def test_save_a_search_follow_a_theme_and_revoke_the_feed(browser, live_server, seeded_db):
    ProjectFactory(title="Mobilstation", themes=[theme("mobilitaet")])
    user = member()
    context = signed_in_context(browser, live_server, user)
    page = context.new_page()

    page.goto("/praxisbeispiele/?theme=mobilitaet")
    page.get_by_role("link", name="Diese Suche speichern").click()
    page.wait_for_url(re.compile(r"/benachrichtigungen/suche-speichern/"))
    assert_accessible(page)
    page.get_by_label("Name der Suche").fill("Mobilität")
    page.get_by_label("täglich").check()
    page.get_by_role("button", name="Suche speichern").click()
    page.wait_for_url(re.compile(r"/benachrichtigungen/$"))
    assert_accessible(page)
    expect(page.get_by_role("status")).to_contain_text("Die Suche „Mobilität“ ist gespeichert.")

    search = Subscription.objects.get()
    assert (search.query, search.frequency) == ("theme=mobilitaet", "daily")
    feed = page.get_by_label("Geheime Feed-Adresse (Atom)")
    assert feed.input_value().endswith(f"/benachrichtigungen/feed/{search.feed_token}/")

    page.locator("#id_theme").select_option(label=theme("bildung").name)
    page.get_by_label("wöchentlich").check()
    page.get_by_role("button", name="Folgen", exact=True).click()
    page.wait_for_url(re.compile(r"/benachrichtigungen/$"))
    assert page.locator("tbody tr").count() == 2

    page.get_by_role("button", name=re.compile("^Feed widerrufen")).click()
    page.wait_for_url(re.compile(r"/benachrichtigungen/"))
    assert_accessible(page)
    search.refresh_from_db()
    assert search.feed_token is None

    page.locator("#abo-" + str(search.pk)).get_by_role(
        "link", name=re.compile("^Einstellungen")
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Abbrechen").click()
    page.locator("#abo-" + str(search.pk)).get_by_role("link", name=re.compile("^Löschen")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Löschen").click()
    page.wait_for_url(re.compile(r"/benachrichtigungen/$"))
    assert Subscription.objects.count() == 1
    context.close()
