""" "Wer macht was": the directory of members, for confirmed members only, each field shown
only where the member chose it; the page and the members' API share one FilterSet."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestpractices.models import Project
from members.choices import ChangeStatus, DirectoryRole, MembershipStatus
from members.models import ChangeRequest, DirectoryEntry, Membership
from members.selectors import member_data
from members.services import member_delete
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.conftest import token_client
from tests.members.factories import MemberFactory, verified_member
from tests.members.test_views import signed_in
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db

PAGE = reverse("members:directory")
API = "/api/v1/directory/"


def listed(member, *, themes=(), **fields):
    """The member's entry, switched on with ``fields``."""
    entry = DirectoryEntry.objects.create(user=member, listed=True, **fields)
    entry.themes.set(themes)
    return entry


@pytest.fixture
def bavaria_town():
    return MunicipalityFactory(
        name="Kleinried", district=DistrictFactory(key="09185"), population=8_000
    )


@pytest.fixture
def nrw_city():
    return MunicipalityFactory(name="Großhafen", population=250_000)


@pytest.fixture
def viewer(nrw_city):
    return verified_member({"municipality": nrw_city}, first_name="Vera", last_name="Viewer")


@pytest.fixture
def cdo(bavaria_town):
    member = verified_member(
        {"municipality": bavaria_town}, first_name="Clara", last_name="Zeitgeist"
    )
    listed(
        member,
        show_name=True,
        show_bodies=True,
        role=DirectoryRole.CDO,
        role_title="Leiterin der Stabsstelle Digitalisierung",
        themes=[theme("verwaltung")],
    )
    return member


@pytest.fixture
def shy(nrw_city):
    """Listed, but shows neither name nor bodies nor themes."""
    member = verified_member({"municipality": nrw_city}, first_name="Sam", last_name="Verborgen")
    listed(member, role=DirectoryRole.IT_LEAD)
    return member


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def test_anonymous_visitors_are_sent_to_the_sign_in_and_the_api_refuses(client, cdo):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    api = client.get(API)
    assert api.status_code in {401, 403}
    assert "Zeitgeist" not in api.content.decode()


def test_a_member_without_a_confirmed_membership_sees_nothing(cdo, nrw_city):
    waiting = MemberFactory()
    Membership.objects.create(user=waiting, municipality=nrw_city, status=MembershipStatus.PENDING)
    client = signed_in(waiting)
    page = client.get(PAGE)
    assert page.status_code == 403
    assert "Zeitgeist" not in page.content.decode()
    assert "nur Mitglieder, deren Zugehörigkeit" in page.content.decode()
    assert client.get(API).status_code == 403
    assert DirectoryEntry.objects.visible_to(waiting).count() == 0


def test_only_listed_active_confirmed_members_appear(viewer, cdo, shy, nrw_city):
    unlisted = verified_member({"municipality": nrw_city}, last_name="Ungelistet")
    DirectoryEntry.objects.create(user=unlisted, listed=False, show_name=True)
    gone = verified_member({"municipality": nrw_city}, last_name="Inaktiv")
    listed(gone, show_name=True)
    gone.is_active = False
    gone.save()
    pending = MemberFactory(last_name="Wartend")
    Membership.objects.create(user=pending, municipality=nrw_city)
    listed(pending, show_name=True)

    client = signed_in(viewer)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert "Clara Zeitgeist" in html
    for hidden in ["Ungelistet", "Inaktiv", "Wartend"]:
        assert hidden not in html
    assert sorted(ids(client.get(API))) == sorted([cdo.directory_entry.pk, shy.directory_entry.pk])


def test_what_a_member_did_not_choose_is_shown_nowhere(viewer, shy, nrw_city):
    client = signed_in(viewer)
    html = client.get(PAGE).content.decode()
    assert "Verborgen" not in html and "Sam" not in html
    assert "Ein Mitglied" in html
    assert "IT-Leitung" in html
    row = client.get(API).json()["results"][0]
    assert row["name"] is None
    assert row["bodies"] == [] and row["themes"] == [] and row["projects"] == []
    assert row["role"] == "it_lead"
    assert shy.email not in client.get(API).content.decode()
    assert shy.email not in html
    # A filter on the hidden bodies must not find the entry either: that would tell them.
    assert ids(client.get(API, {"state": "05"})) == []
    assert ids(client.get(API, {"size_class": "grossstadt"})) == []
    assert ids(client.get(API, {"q": "Verborgen"})) == []


def test_no_address_only_the_relay(viewer, cdo):
    client = signed_in(viewer)
    html = client.get(PAGE).content.decode()
    assert cdo.email not in html
    assert reverse("members:contact_member", args=[cdo.pk]) in html
    row = client.get(API).json()["results"][0]
    assert cdo.email not in str(row)
    assert row["contact_url"].endswith(reverse("members:contact_member", args=[cdo.pk]))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "verwaltung"}, ["cdo"]),
        ({"theme": "bildung"}, []),
        ({"role": "cdo"}, ["cdo"]),
        ({"role": "it_lead"}, ["shy"]),
        ({"state": "09"}, ["cdo"]),
        ({"state": "05"}, []),
        ({"size_class": "kleinstadt"}, ["cdo"]),
        ({"size_class": "grossstadt"}, []),
        ({"q": "Stabsstelle"}, ["cdo"]),
        ({"q": "zeitgeist"}, ["cdo"]),
    ],
)
def test_page_and_api_filter_alike(viewer, cdo, shy, query, expected):
    people = {"cdo": cdo, "shy": shy}
    wanted = sorted(people[name].directory_entry.pk for name in expected)
    client = signed_in(viewer)
    assert sorted(ids(client.get(API, query))) == wanted
    page = client.get(PAGE, query)
    shown = sorted(
        entry.pk for entry in page.context["object_list"] if isinstance(entry, DirectoryEntry)
    )
    assert shown == wanted


def test_an_invalid_filter_is_a_400_naming_it_and_a_form_error_on_the_page(viewer, cdo):
    client = signed_in(viewer)
    response = client.get(API, {"role": "kaiser"})
    assert response.status_code == 400
    assert "role" in response.json()
    page = client.get(PAGE, {"role": "kaiser"})
    assert page.status_code == 200
    assert "Einige Filter wurden nicht angewendet" in page.content.decode()


def credit(member, project):
    ChangeRequest.objects.create(
        municipality=project.lead_municipality,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=project.pk,
        title=project.title,
        data={"title": project.title},
        status=ChangeStatus.APPROVED,
        proposed_by=member,
    )


def test_projects_are_the_published_ones_the_member_maintained(viewer, cdo, bavaria_town):
    entry = cdo.directory_entry
    public = ProjectFactory(title="Digitales Rathaus Kleinried", lead_municipality=bavaria_town)
    draft = ProjectFactory(
        title="Noch geheim", lead_municipality=bavaria_town, status=PublicationStatus.DRAFT
    )
    credit(cdo, public)
    credit(cdo, draft)
    client = signed_in(viewer)
    assert "Digitales Rathaus Kleinried" not in client.get(PAGE).content.decode()
    entry.show_projects = True
    entry.save()
    html = client.get(PAGE).content.decode()
    assert "Digitales Rathaus Kleinried" in html
    assert "Noch geheim" not in html
    titles = [row["title"] for row in client.get(API).json()["results"][0]["projects"]]
    assert titles == ["Digitales Rathaus Kleinried"]


def test_the_page_and_the_api_cost_the_same_queries_for_3_and_12_entries(viewer, cdo, bavaria_town):
    client = signed_in(viewer)
    project = ProjectFactory(lead_municipality=bavaria_town)

    def add(count):
        for _ in range(count):
            member = verified_member({"municipality": bavaria_town})
            member.first_name = "Name"
            member.save()
            listed(
                member,
                show_name=True,
                show_bodies=True,
                show_projects=True,
                themes=[theme("verwaltung"), theme("bildung")],
            )
            credit(member, project)

    def measure(path):
        # Warmed first: the content types' cache, the paginator's cached count.
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    add(2)
    few = measure(PAGE), measure(API)
    add(9)
    assert DirectoryEntry.objects.visible_to(viewer).count() == 12
    assert (measure(PAGE), measure(API)) == few


def test_the_member_sets_up_the_entry_and_it_is_off_until_switched_on(viewer, nrw_city):
    client = signed_in(viewer)
    form = client.get(reverse("members:directory_entry"))
    assert form.status_code == 200
    assert form["Cache-Control"] == "private, no-store"
    entry = DirectoryEntry.objects.get(user=viewer)
    assert entry.listed is False
    response = client.post(
        reverse("members:directory_entry"),
        {
            "listed": "on",
            "show_name": "on",
            "role": "digital_officer",
            "role_title": "",
            "themes": [theme("bildung").pk],
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.listed and entry.show_name and not entry.show_bodies
    assert [t.slug for t in entry.themes.all()] == ["bildung"]
    other = verified_member({"municipality": nrw_city})
    html = signed_in(other).get(PAGE).content.decode()
    assert "Vera Viewer" in html
    assert "Großhafen" not in html.split("Vera Viewer", 1)[1].split("</li>", 1)[0]
    bad = client.post(reverse("members:directory_entry"), {"role": "kaiser"})
    assert bad.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in bad.content.decode()


def test_the_entry_is_in_the_members_data_and_goes_with_the_account(viewer, cdo):
    data = member_data(cdo)["directory_entry"]
    assert data["listed"] is True and data["role"] == "cdo" and data["themes"] == ["verwaltung"]
    member_delete(user=cdo)
    assert not DirectoryEntry.objects.filter(user=cdo).exists()
    assert "Zeitgeist" not in signed_in(viewer).get(PAGE).content.decode()


def test_no_member_of_the_directory_in_search_sitemap_or_anonymous_api(client, cdo):
    for path in [
        reverse("portal:search") + "?q=Zeitgeist+Stabsstelle",
        "/sitemap.xml",
        "/api/v1/",
    ]:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "Clara" not in body, path
        assert reverse("members:contact_member", args=[cdo.pk]) not in body, path
        assert "wer-macht-was" not in body, path


def test_an_api_token_is_refused_the_directory_without_a_server_error(cdo):
    """A token stands for a partner's account, which belongs to no body."""
    assert token_client(["read:drafts"]).get(API).status_code == 403
