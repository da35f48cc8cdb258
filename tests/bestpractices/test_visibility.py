"""Unpublished projects never reach anonymous visitors, on any channel."""

import json

import pytest

from bestpractices.related import related_sections
from bestpractices.search import search_projects
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
SECRET = "Geheimprojekt"
# Searched for, so that the echo of the query on the page is not mistaken for a leak.
WORD = "vertraulich"


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def channel_text(name, client, project) -> str:
    """What an anonymous visitor gets from one channel, as text."""
    if name == "list":
        return _body(client.get("/praxisbeispiele/", {"q": WORD}))
    if name == "detail":
        response = client.get(f"/praxisbeispiele/{project.slug}/")
        return "" if response.status_code == 404 else _body(response)
    if name == "site_search":
        return _body(client.get("/suche/", {"q": WORD}))
    if name == "api_list":
        return _body(client.get("/api/v1/projects/"))
    if name == "api_detail_by_id":
        response = client.get(f"/api/v1/projects/{project.pk}/")
        assert response.status_code == 404
        return _body(response)
    if name == "api_detail_by_slug":
        response = client.get(f"/api/v1/projects/{project.slug}/")
        assert response.status_code == 404
        return _body(response)
    if name == "geojson":
        return _body(client.get("/api/v1/projects/geojson/"))
    if name == "export_csv":
        return _body(client.get("/praxisbeispiele/export.csv"))
    if name == "export_json":
        return _body(client.get("/praxisbeispiele/export.json"))
    if name == "sitemap":
        return _body(client.get("/sitemap.xml"))
    if name == "related":
        sections = related_sections(project.lead_municipality, user=None)
        return json.dumps([item.title for section in sections for item in section.items])
    if name == "search_section":
        return json.dumps([hit.title for hit in search_projects(WORD, user=None, limit=10).hits])
    raise AssertionError(name)


CHANNELS = [
    "list",
    "detail",
    "site_search",
    "api_list",
    "api_detail_by_id",
    "api_detail_by_slug",
    "geojson",
    "export_csv",
    "export_json",
    "sitemap",
    "related",
    "search_section",
]


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED]
)
@pytest.mark.parametrize("channel", CHANNELS)
def test_hidden_projects_never_reach_anonymous_visitors(anonymous_client, channel, status):
    municipality = MunicipalityFactory()
    hidden = ProjectFactory(
        title=SECRET,
        slug="geheimprojekt",
        summary=f"Ein {WORD} Vorhaben",
        lead_municipality=municipality,
        status=status,
    )
    ProjectFactory(title="Öffentlich", slug="oeffentlich-x", lead_municipality=municipality)
    text = channel_text(channel, anonymous_client, hidden)
    assert SECRET not in text
    assert "geheimprojekt" not in text


@pytest.mark.parametrize(
    "channel",
    [
        "list",
        "detail",
        "api_list",
        "geojson",
        "export_json",
        "sitemap",
        "related",
        "search_section",
    ],
)
def test_published_projects_reach_every_channel(anonymous_client, channel):
    project = ProjectFactory(title=SECRET, slug="geheimprojekt", summary=f"Ein {WORD} Vorhaben")
    if channel in {"api_list", "geojson", "sitemap", "related"}:
        text = channel_text(channel, anonymous_client, project)
        assert "geheimprojekt" in text or SECRET in text
    else:
        assert SECRET in channel_text(channel, anonymous_client, project)


def test_editors_see_drafts_on_the_page(editor_client):
    project = ProjectFactory(status=PublicationStatus.REVIEW)
    response = editor_client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "Nicht öffentlich" in response.content.decode()


def test_logged_in_users_without_permission_do_not_see_drafts(user_client):
    project = ProjectFactory(status=PublicationStatus.REVIEW)
    assert user_client.get(project.get_absolute_url()).status_code == 404


def test_related_section_lists_lead_and_participation_lighthouse_first():
    municipality = MunicipalityFactory()
    ProjectFactory(title="Normal", lead_municipality=municipality)
    ProjectFactory(title="Leuchtturm", lead_municipality=municipality, is_lighthouse=True)
    participation = ProjectFactory(title="Beteiligt")
    participation.participating_municipalities.add(municipality)
    ProjectFactory(title="Fremd")
    [section] = related_sections(municipality, user=None)
    assert section.items[0].title == "Leuchtturm"
    assert sorted(item.title for item in section.items) == ["Beteiligt", "Leuchtturm", "Normal"]
    assert section.more_url == f"/praxisbeispiele/?municipality={municipality.ags}"


def test_related_sections_ignore_other_objects():
    assert related_sections(object(), user=None) == []


@pytest.mark.parametrize("channel", ["detail", "api_detail", "export_json", "export_csv"])
def test_submitter_data_and_editor_comments_are_never_published(anonymous_client, channel):
    project = ProjectFactory(
        slug="vorschlag",
        submitter_name="Max Einreicher",
        submitter_email="max@einreicher.example",
        editor_comment="Intern: Kosten prüfen",
    )
    urls = {
        "detail": project.get_absolute_url(),
        "api_detail": f"/api/v1/projects/{project.slug}/",
        "export_json": "/praxisbeispiele/export.json",
        "export_csv": "/praxisbeispiele/export.csv",
    }
    response = anonymous_client.get(urls[channel])
    assert response.status_code == 200
    text = _body(response)
    assert "vorschlag" in text
    for private in ("Max Einreicher", "max@einreicher.example", "Kosten prüfen"):
        assert private not in text
