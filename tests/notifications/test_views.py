"""Saving a search from a list page, following an object, the subscriptions page, the
secret Atom feed — and that nobody reaches another member's subscriptions."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from notifications.models import Mailing, Subscription
from notifications.tasks import send_digests
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import MunicipalityFactory
from tests.events.factories import ExpertCircleFactory
from tests.funding.factories import FundingProgrammeFactory
from tests.notifications.factories import member, saved_search, watch
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def member_client():
    client = Client()
    client.force_login(member())
    return client


@pytest.mark.parametrize(
    ("path", "list_key"),
    [
        ("/praxisbeispiele/?theme=mobilitaet", "bestpractices.project"),
        ("/termine/?theme=mobilitaet", "events.event"),
        ("/foerderprogramme/?theme=mobilitaet", "funding.fundingprogramme"),
        ("/kommunen/?q=Gemeinde", "cities.municipality"),
    ],
)
def test_every_list_offers_to_save_its_filters(client, member_client, path, list_key):
    page = client.get(path).content.decode()
    link = f"/benachrichtigungen/suche-speichern/?liste={list_key}&amp;"
    assert link in page and "Diese Suche speichern" in page
    url = page.split(link, 1)[1].split('"', 1)[0].replace("&amp;", "&")
    response = member_client.get(f"/benachrichtigungen/suche-speichern/?liste={list_key}&{url}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    form_query = response.context["query"]
    response = member_client.post(
        "/benachrichtigungen/suche-speichern/",
        {"liste": list_key, "filter": form_query, "name": "Meine Suche", "frequency": "daily"},
    )
    assert response.status_code == 302
    saved = Subscription.objects.get()
    assert (saved.list_key, saved.query, saved.frequency) == (list_key, url, "daily")


def test_saving_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/benachrichtigungen/suche-speichern/?liste=events.event")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert client.get("/benachrichtigungen/").status_code == 302


def test_invalid_filters_and_fields_are_named_in_the_form(member_client):
    response = member_client.post(
        "/benachrichtigungen/suche-speichern/",
        {"liste": "bestpractices.project", "filter": "theme=gibt-es-nicht", "name": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "frequency" in errors
    response = member_client.post(
        "/benachrichtigungen/suche-speichern/",
        {
            "liste": "bestpractices.project",
            "filter": "theme=gibt-es-nicht",
            "name": "X",
            "frequency": "daily",
        },
    )
    assert "theme" in str(response.context["form"].non_field_errors())
    assert Subscription.objects.count() == 0
    assert member_client.get("/benachrichtigungen/suche-speichern/?liste=nix").status_code == 404


def test_following_from_a_body_a_programme_and_a_circle_page(client, member_client):
    municipality = MunicipalityFactory(name="Musterstadt")
    programme = FundingProgrammeFactory()
    circle = ExpertCircleFactory()
    for obj, label in [
        (municipality, "cities.municipality"),
        (programme, "funding.fundingprogramme"),
        (circle, "events.expertcircle"),
    ]:
        page = client.get(obj.get_absolute_url()).content.decode()
        assert f"/benachrichtigungen/folgen/?objekt={label}%3A{obj.pk}" in page
        response = member_client.post(
            "/benachrichtigungen/folgen/", {"objekt": f"{label}:{obj.pk}", "frequency": "weekly"}
        )
        assert response.status_code == 302
    # Following again changes nothing.
    member_client.post(
        "/benachrichtigungen/folgen/",
        {"objekt": f"cities.municipality:{municipality.pk}", "frequency": "daily"},
    )
    assert Subscription.objects.filter(kind="watch").count() == 3


def test_what_cannot_be_followed_or_seen_answers_404(member_client):
    draft = FundingProgrammeFactory(status=PublicationStatus.DRAFT)
    for objekt in [f"funding.fundingprogramme:{draft.pk}", "auth.user:1", "quatsch"]:
        assert member_client.get(f"/benachrichtigungen/folgen/?objekt={objekt}").status_code == 404


def test_following_a_theme_from_the_subscriptions_page(member_client):
    page = member_client.get("/benachrichtigungen/")
    assert "Sie haben noch keine Suche gespeichert" in page.content.decode()
    response = member_client.post(
        "/benachrichtigungen/folgen/", {"theme": theme("bildung").pk, "frequency": "daily"}
    )
    assert response.status_code == 302
    assert Subscription.objects.get().target == theme("bildung")


def test_a_member_cannot_touch_anothers_subscription(member_client):
    other = member("andere")
    subscription = saved_search(other)
    for path in [
        f"/benachrichtigungen/{subscription.pk}/",
        f"/benachrichtigungen/{subscription.pk}/loeschen/",
    ]:
        assert member_client.get(path).status_code == 404
        assert member_client.post(path, {"frequency": "weekly"}).status_code == 404
    assert member_client.post(f"/benachrichtigungen/{subscription.pk}/feed/").status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk, frequency="daily").exists()
    assert "Meine Suche" not in member_client.get("/benachrichtigungen/").content.decode()


def test_settings_delete_and_reminders_only_where_they_apply():
    user = member()
    client = Client()
    client.force_login(user)
    search = saved_search(user)
    response = client.get(f"/benachrichtigungen/{search.pk}/")
    assert "reminder_days" not in response.context["form"].fields
    client.post(f"/benachrichtigungen/{search.pk}/", {"frequency": "weekly"})
    search.refresh_from_db()
    assert search.frequency == "weekly" and search.email_enabled is False  # box unticked
    client.post(f"/benachrichtigungen/{search.pk}/loeschen/")
    assert not Subscription.objects.exists()
    assert not Mailing.objects.exists()


def test_the_secret_feed_lists_public_matches_and_dies_when_revoked():
    user = member()
    client = Client()
    client.force_login(user)
    search = saved_search(user, query="theme=mobilitaet")
    ProjectFactory(title="Mobilstation", themes=[theme("mobilitaet")])
    ProjectFactory(title="Entwurf", themes=[theme("mobilitaet")], status=PublicationStatus.DRAFT)
    ProjectFactory(title="Schule", themes=[theme("bildung")])
    url = f"/benachrichtigungen/feed/{search.feed_token}/"

    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"] == "private, no-store"
    feed = ET.fromstring(response.content)
    assert [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")] == [
        "Mobilstation"
    ]

    client.post(f"/benachrichtigungen/{search.pk}/feed/", {"action": "renew"})
    search.refresh_from_db()
    assert Client().get(url).status_code == 404
    new_url = f"/benachrichtigungen/feed/{search.feed_token}/"
    assert Client().get(new_url).status_code == 200
    client.post(f"/benachrichtigungen/{search.pk}/feed/", {"action": "revoke"})
    assert Client().get(new_url).status_code == 404
    assert Client().get("/benachrichtigungen/feed/None/").status_code == 404


def test_the_subscriptions_page_costs_the_same_for_three_and_thirteen(
    django_assert_num_queries,
):
    user = member()
    client = Client()
    client.force_login(user)

    def add_one_of_each(number):
        saved_search(user, name=f"Suche {number}")
        watch(user, MunicipalityFactory())
        watch(user, FundingProgrammeFactory())

    # Session, user, the subscriptions (content types come from their cache), one prefetch of the
    # watched objects per kind (municipalities, programmes), the themes of the form.
    add_one_of_each(0)
    client.get("/benachrichtigungen/")  # the first request after the login saves the session
    with django_assert_num_queries(6):
        assert client.get("/benachrichtigungen/").status_code == 200
    for number in range(1, 5):
        add_one_of_each(number)
    with django_assert_num_queries(6):
        response = client.get("/benachrichtigungen/")
    assert response.content.decode().count('id="abo-') == 15


def test_the_members_data_and_account_show_the_subscriptions_and_deletion_removes_them():
    import json

    from members.services import member_delete

    user = member()
    client = Client()
    client.force_login(user)
    saved_search(user, name="Mobilität in Bayern", query="theme=mobilitaet")
    assert "/benachrichtigungen/" in client.get("/konto/").content.decode()
    assert "Mobilität in Bayern" in client.get("/konto/meine-daten/").content.decode()
    ProjectFactory(themes=[theme("mobilitaet")])
    send_digests("daily")
    data = json.loads(client.get("/konto/meine-daten/?format=json").content)
    assert data["subscriptions"][0]["filters"] == "theme=mobilitaet"
    assert data["notification_emails_sent"] == 1
    member_delete(user=user)
    assert not Subscription.objects.exists()
    assert not Mailing.objects.exists()
