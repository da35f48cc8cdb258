"""Projects name the programmes that funded them; programmes show the projects they funded.
Only what the visitor may see appears on either side."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.conftest import token_client
from tests.funding.factories import FundingProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def programme():
    return FundingProgrammeFactory(title="Modellprojekte Smart Cities", slug="smart-cities")


def test_programme_page_lists_the_visible_projects_it_funded(programme, anonymous_client):
    funded = ProjectFactory(title="Datendrehscheibe")
    funded.funding_programmes.add(programme)
    draft = ProjectFactory(title="Geheimer Entwurf", status=PublicationStatus.DRAFT)
    draft.funding_programmes.add(programme)
    ProjectFactory(title="Ohne Förderung")

    html = anonymous_client.get(programme.get_absolute_url()).content.decode()

    assert "Datendrehscheibe" in html
    assert funded.get_absolute_url() in html
    assert "Geheimer Entwurf" not in html
    assert "Ohne Förderung" not in html
    assert "/praxisbeispiele/?programme=smart-cities" in html


def test_editors_see_drafts_funded_by_the_programme(programme, editor_client):
    draft = ProjectFactory(title="Geheimer Entwurf", status=PublicationStatus.DRAFT)
    draft.funding_programmes.add(programme)
    assert "Geheimer Entwurf" in editor_client.get(programme.get_absolute_url()).content.decode()


def test_project_page_names_only_visible_programmes(programme, anonymous_client):
    hidden = FundingProgrammeFactory(title="Unveröffentlichtes Programm", status="draft")
    project = ProjectFactory()
    project.funding_programmes.add(programme, hidden)

    html = anonymous_client.get(project.get_absolute_url()).content.decode()

    assert "Gefördert aus" in html
    assert programme.get_absolute_url() in html
    assert "Unveröffentlichtes Programm" not in html


def test_list_api_and_export_filter_by_programme(programme, anonymous_client):
    funded = ProjectFactory(title="Gefördert")
    funded.funding_programmes.add(programme)
    ProjectFactory(title="Nicht gefördert")

    page = anonymous_client.get("/praxisbeispiele/", {"programme": "smart-cities"})
    assert [project.title for project in page.context["object_list"]] == ["Gefördert"]
    api = anonymous_client.get("/api/v1/projects/", {"programme": "smart-cities"}).json()
    assert [row["slug"] for row in api["results"]] == [funded.slug]
    export = anonymous_client.get("/praxisbeispiele/export.json", {"programme": "smart-cities"})
    rows = json.loads(b"".join(export.streaming_content))
    assert [(row["slug"], row["funding_programmes"]) for row in rows] == [
        (funded.slug, ["smart-cities"])
    ]


def test_write_token_links_a_project_to_programmes_by_slug(programme):
    project = ProjectFactory()
    client = token_client(["write:bestpractices.project"])
    response = client.patch(
        f"/api/v1/projects/{project.slug}/",
        {"funding_programmes": ["smart-cities"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["funding_programmes"] == ["smart-cities"]
    assert list(project.funding_programmes.values_list("slug", flat=True)) == ["smart-cities"]

    unknown = client.patch(
        f"/api/v1/projects/{project.slug}/",
        {"funding_programmes": ["gibt-es-nicht"]},
        content_type="application/json",
    )
    # A well-formed slug that names no programme: the data refuses it.
    assert unknown.status_code == 409
    assert "funding_programmes" in unknown.json()


MARKER = "entwurf-geheim-programm"


@pytest.fixture
def project_with_a_draft_programme(programme):
    draft = FundingProgrammeFactory(
        title="Geheimes Programm", slug=MARKER, status=PublicationStatus.DRAFT
    )
    project = ProjectFactory(slug="gefoerdert")
    project.funding_programmes.add(programme, draft)
    return project


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/gefoerdert/",
        "/api/v1/projects/",
        "/api/v1/projects/?programme=smart-cities",
        "/praxisbeispiele/export.csv",
        "/praxisbeispiele/export.json",
        "/praxisbeispiele/gefoerdert/",
        "/praxisbeispiele/",
    ],
)
@pytest.mark.parametrize("side", ["anonymous", "token without drafts scope"])
def test_a_published_project_does_not_reveal_its_draft_programme(
    project_with_a_draft_programme, url, side
):
    client = Client() if side == "anonymous" else token_client()
    response = client.get(url)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert "gefoerdert" in body
    assert MARKER not in body
    assert "Geheimes Programm" not in body


def test_the_api_names_the_visible_programmes_of_a_project(project_with_a_draft_programme):
    detail = Client().get("/api/v1/projects/gefoerdert/").json()
    assert detail["funding_programmes"] == ["smart-cities"]


def test_editors_and_draft_readers_see_the_draft_programme_of_a_project(
    project_with_a_draft_programme, editor_client
):
    for client in (editor_client, token_client(["read:drafts"])):
        detail = client.get("/api/v1/projects/gefoerdert/").json()
        assert sorted(detail["funding_programmes"]) == sorted([MARKER, "smart-cities"])
    # The exports are pages of the portal: editors see them with their session.
    export = editor_client.get("/praxisbeispiele/export.json")
    rows = json.loads(b"".join(export.streaming_content))
    assert sorted(rows[0]["funding_programmes"]) == sorted([MARKER, "smart-cities"])


@pytest.mark.parametrize("url", ["/praxisbeispiele/", "/api/v1/projects/"])
def test_a_draft_programmes_slug_filters_like_an_unknown_one(
    project_with_a_draft_programme, anonymous_client, url
):
    def found(slug):
        response = anonymous_client.get(url, {"programme": slug})
        assert response.status_code == 200
        if url.startswith("/api/"):
            return response.json()["count"]
        return response.context["paginator"].count

    assert found("smart-cities") == 1
    assert found(MARKER) == found("gibt-es-nicht") == 0


def test_a_draft_programmes_slug_is_refused_on_write_like_an_unknown_one(
    project_with_a_draft_programme,
):
    client = token_client(["write:bestpractices.project"])
    answers = [
        client.patch(
            "/api/v1/projects/gefoerdert/",
            {"funding_programmes": [slug]},
            content_type="application/json",
        )
        for slug in (MARKER, "gibt-es-nicht")
    ]
    assert [answer.status_code for answer in answers] == [409, 409]
    messages = [answer.json()["funding_programmes"] for answer in answers]
    assert messages[0] == [message.replace("gibt-es-nicht", MARKER) for message in messages[1]]
