"""'Kontakt aufnehmen' on a project: only for published projects, relayed to the lead body's
maintainers with the project as the subject matter, never revealing their addresses."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.choices import ContactAbout, MembershipRole
from members.models import ContactMessage, Membership
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.members.factories import MemberFactory, verified_member

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Ihr Chatbot", "text": "Können wir uns austauschen?"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contact_url(project) -> str:
    return reverse("bestpractices:project_contact", kwargs={"slug": project.slug})


@pytest.fixture
def project():
    return ProjectFactory(title="Chatbot im Bürgerbüro")


@pytest.fixture
def maintainer(project):
    return verified_member(
        {"municipality": project.lead_municipality},
        role=MembershipRole.MAINTAINER,
        email="pflege@lead.de",
    )


@pytest.fixture
def sender():
    return verified_member({"municipality": MunicipalityFactory()}, email="frage@anders.de")


def test_the_project_page_links_to_the_contact_form(anonymous_client, project):
    html = anonymous_client.get(project.get_absolute_url()).content.decode()
    assert contact_url(project) in html
    assert "Kontakt aufnehmen" in html


def test_a_draft_shown_to_an_editor_offers_no_contact_link(editor_client):
    draft = ProjectFactory(status=PublicationStatus.DRAFT)
    html = editor_client.get(draft.get_absolute_url()).content.decode()
    assert contact_url(draft) not in html


def test_anonymous_visitors_are_sent_to_the_sign_in(anonymous_client, project, maintainer):
    response = anonymous_client.post(contact_url(project), MESSAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not mail.outbox


def test_unconfirmed_members_and_editors_without_membership_are_refused(
    editor_client, project, maintainer
):
    waiting = MemberFactory()
    Membership.objects.create(user=waiting, municipality=MunicipalityFactory())
    for client in (signed_in(waiting), editor_client):
        assert client.post(contact_url(project), MESSAGE).status_code == 403
    assert not mail.outbox
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize(
    "status",
    [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED, "missing"],
)
def test_an_unpublished_or_unknown_project_answers_404(sender, maintainer, status):
    if status == "missing":
        url = reverse("bestpractices:project_contact", kwargs={"slug": "gibt-es-nicht"})
    else:
        url = contact_url(ProjectFactory(status=status))
    client = signed_in(sender)
    assert client.get(url).status_code == 404
    assert client.post(url, MESSAGE).status_code == 404
    assert not mail.outbox


def test_an_editor_cannot_use_the_form_of_a_draft_either(editor, sender):
    draft = ProjectFactory(status=PublicationStatus.DRAFT)
    verified_member({"municipality": draft.lead_municipality}, role=MembershipRole.MAINTAINER)
    Membership.objects.create(user=editor, municipality=MunicipalityFactory(), status="verified")
    assert signed_in(editor).get(contact_url(draft)).status_code == 404


def test_the_message_reaches_the_lead_maintainer_about_the_project(
    settings, project, maintainer, sender
):
    plain = verified_member({"municipality": project.lead_municipality}, email="nur@lead.de")
    client = signed_in(sender)
    form = client.get(contact_url(project))

    response = client.post(contact_url(project), MESSAGE, follow=True)

    assert [email.to for email in mail.outbox] == [["pflege@lead.de"]]
    email = mail.outbox[0]
    assert email.reply_to == ["frage@anders.de"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Chatbot im Bürgerbüro" in email.body
    assert project.get_absolute_url() in email.body
    message = ContactMessage.objects.get()
    assert message.about_kind == ContactAbout.PROJECT
    assert message.about_title == "Chatbot im Bürgerbüro"
    assert list(message.recipients.all()) == [maintainer]
    for page in (form, response):
        html = page.content.decode()
        assert "pflege@lead.de" not in html
        assert plain.email not in html
    assert "no-store" in form["Cache-Control"]


def test_a_district_led_project_goes_to_the_districts_maintainers(sender):
    district = DistrictFactory()
    project = ProjectFactory(lead_municipality=None, lead_district=district)
    verified_member({"district": district}, role=MembershipRole.MAINTAINER, email="k@kreis.de")
    signed_in(sender).post(contact_url(project), MESSAGE)
    assert [email.to for email in mail.outbox] == [["k@kreis.de"]]


def test_without_a_maintainer_the_editors_receive_it(editor, project, sender):
    client = signed_in(sender)
    assert (
        "an die Redaktion des Kompetenzzentrums"
        in client.get(contact_url(project)).content.decode()
    )
    client.post(contact_url(project), MESSAGE)
    assert [email.to for email in mail.outbox] == [[editor.email]]
    assert ContactMessage.objects.get().via_editors


def test_the_rate_limit_covers_project_messages(settings, project, maintainer, sender):
    settings.CONTACT_MESSAGES_PER_HOUR = 1
    client = signed_in(sender)
    client.post(contact_url(project), MESSAGE)
    response = client.post(contact_url(project), MESSAGE)
    assert "zu viele Nachrichten" in response.content.decode()
    assert len(mail.outbox) == 1
    assert ContactMessage.objects.count() == 1
