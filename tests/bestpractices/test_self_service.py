"""The maintainers of a project's lead body edit it and propose new projects in the public
site; the editors publish them through the same review queue as profile changes."""

import pytest
from django.test import Client
from django.urls import reverse

from bestpractices.models import Project
from members.choices import ChangeStatus, MembershipRole
from members.models import ChangeRequest
from members.services import change_approve
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import MunicipalityFactory
from tests.members.factories import verified_member
from tests.members.test_views import signed_in
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def project_form(project, **changes) -> dict:
    data = {
        "title": project.title,
        "summary": project.summary,
        "phase": project.phase,
        "themes": [t.pk for t in project.themes.all()],
    }
    data.update(changes)
    return data


@pytest.fixture
def project():
    return ProjectFactory(title="Chatbot im Bürgerbüro", lead_municipality=MunicipalityFactory())


@pytest.fixture
def maintainer(project):
    return verified_member(
        {"municipality": project.lead_municipality}, role=MembershipRole.MAINTAINER
    )


def test_a_maintainer_of_the_lead_edits_the_project_and_the_editor_publishes_it(
    project, maintainer, editor_client
):
    url = reverse("bestpractices:project_change", args=[project.slug])
    client = signed_in(maintainer)
    form = client.get(url)
    assert form.status_code == 200
    assert "Praxisbeispiel „Chatbot im Bürgerbüro“ bearbeiten" in form.content.decode()
    client.post(url, project_form(project, results="Wartezeiten halbiert."))
    change = ChangeRequest.objects.get()
    assert change.data == {"results": "Wartezeiten halbiert."}
    assert "Wartezeiten" not in Client().get(project.get_absolute_url()).content.decode()
    editor_client.post(
        reverse("admin:members_changerequest_change", args=[change.pk]), {"_approve": "1"}
    )
    assert "Wartezeiten halbiert." in Client().get(project.get_absolute_url()).content.decode()


def test_a_maintainer_of_another_body_cannot_edit_the_project(project):
    stranger = verified_member(
        {"municipality": MunicipalityFactory()}, role=MembershipRole.MAINTAINER
    )
    url = reverse("bestpractices:project_change", args=[project.slug])
    response = signed_in(stranger).post(url, project_form(project, results="Gekapert."))
    assert response.status_code == 403
    assert not ChangeRequest.objects.exists()


def test_a_draft_project_cannot_be_edited_in_the_public_site(maintainer):
    draft = ProjectFactory(status=PublicationStatus.DRAFT)
    url = reverse("bestpractices:project_change", args=[draft.slug])
    assert signed_in(maintainer).get(url).status_code == 404


def test_a_new_project_is_created_led_by_the_body_and_published_on_approval(editor):
    municipality = MunicipalityFactory(name="Neustadt")
    maintainer = verified_member({"municipality": municipality}, role=MembershipRole.MAINTAINER)
    client = signed_in(maintainer)
    account = client.get(reverse("members:account")).content.decode()
    url = reverse("bestpractices:project_create", args=["kommune", municipality.ags])
    assert url in account
    response = client.post(
        url,
        {
            "title": "Offene Ratsinformation",
            "summary": "Die Stadt veröffentlicht ihre Sitzungsunterlagen als offene Daten.",
            "phase": "running",
            "themes": [theme("verwaltung").pk],
        },
    )
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.is_new and change.title == "Neu: Offene Ratsinformation"
    assert not Project.objects.filter(title="Offene Ratsinformation").exists()
    published = change_approve(change=change, by=editor)
    assert published.lead_municipality == municipality
    assert published.slug == "offene-ratsinformation"
    assert published.status == PublicationStatus.PUBLISHED
    assert [t.slug for t in published.themes.all()] == ["verwaltung"]
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.object_id == published.pk
    assert Client().get(published.get_absolute_url()).status_code == 200


def test_a_new_project_without_title_gets_the_models_messages(maintainer, project):
    url = reverse("bestpractices:project_create", args=["kommune", project.lead_municipality.ags])
    response = signed_in(maintainer).post(url, {"title": "", "summary": "", "phase": "running"})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    assert not ChangeRequest.objects.exists()
