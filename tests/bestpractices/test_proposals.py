import pytest
from django.contrib.auth.models import Permission

from bestpractices.models import Project
from bestpractices.services import project_publish, project_reject, project_send_back
from portal.choices import PublicationStatus
from tests.cities.factories import MunicipalityFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db
FORM_URL = "/praxisbeispiele/vorschlagen/"


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Musterstadt", ags="05999001", ars="059990000001")


def proposal(municipality, **changes):
    data = {
        "title": "Digitale Sitzungsverwaltung",
        "summary": "Der Rat arbeitet papierlos.",
        "description": "Alle Vorlagen digital.",
        "lead_municipality": municipality.name,
        "themes": [theme("verwaltung").pk],
        "phase": "running",
        "submitter_name": "Max Muster",
        "submitter_email": "max@musterstadt.example",
        "privacy_consent": "on",
        "homepage": "",
    }
    data.update(changes)
    return data


def test_proposal_lands_in_review_and_both_sides_get_mail(
    anonymous_client, municipality, mailoutbox
):
    response = anonymous_client.post(FORM_URL, proposal(municipality))
    assert response.status_code == 302
    assert response["Location"] == "/praxisbeispiele/vorschlagen/danke/"
    project = Project.objects.get()
    assert project.status == PublicationStatus.REVIEW
    assert project.lead_municipality == municipality
    assert [t.slug for t in project.themes.all()] == ["verwaltung"]
    assert mailoutbox[0].to == ["max@musterstadt.example"]
    assert "eingegangen" in mailoutbox[0].subject
    assert "Neuer Vorschlag" in mailoutbox[1].subject
    assert "Digitale Sitzungsverwaltung" in mailoutbox[1].subject


SPAM = {
    "title": "Billige Uhren unter spam.example",
    "summary": "Jetzt bestellen unter spam.example/angebot",
    "description": "Besuchen Sie https://spam.example/kaufen",
    "funding_note": "Gewinnspiel spam.example/gewinn",
    "partners": "Werbepartner spam.example",
    "results": "Rabatt 90 Prozent",
    "contact_office": "Vertrieb spam.example",
    "contact_email": "verkauf@spam.example",
    "links": "https://spam.example/link",
    "submitter_name": "Gratis-Gutschein auf spam.example",
}


def test_confirmation_to_the_typed_address_repeats_nothing_the_submitter_wrote(
    anonymous_client, municipality, mailoutbox
):
    # The address is not confirmed: anyone can type a stranger's. A confirmation that
    # echoed the text would let the form relay spam to them.
    response = anonymous_client.post(
        FORM_URL, proposal(municipality, submitter_email="fremde@example.org", **SPAM)
    )
    assert response.status_code == 302
    confirmation = mailoutbox[0]
    assert confirmation.to == ["fremde@example.org"]
    text = confirmation.subject + "\n" + confirmation.body
    assert "spam.example" not in text
    for value in SPAM.values():
        assert value not in text
    assert "Rabatt" not in text
    assert municipality.name not in text
    # The editors' notice (to the editors' own addresses) still names the proposal.
    assert SPAM["title"] in mailoutbox[1].subject


def test_proposal_is_not_visible_before_publication(anonymous_client, municipality):
    anonymous_client.post(FORM_URL, proposal(municipality))
    project = Project.objects.get()
    assert anonymous_client.get(project.get_absolute_url()).status_code == 404
    assert (
        "Digitale Sitzungsverwaltung"
        not in anonymous_client.get("/praxisbeispiele/").content.decode()
    )


def test_municipality_can_be_given_by_ags(anonymous_client, municipality):
    anonymous_client.post(FORM_URL, proposal(municipality, lead_municipality="05999001"))
    assert Project.objects.get().lead_municipality == municipality


def test_form_errors_are_german_and_name_the_fields(anonymous_client, municipality):
    response = anonymous_client.post(
        FORM_URL,
        proposal(
            municipality,
            title="",
            lead_municipality="Nirgendwo",
            start_date="2024-05-01",
            end_date="2024-01-01",
            investment_costs="-5",
            links="keine adresse",
            privacy_consent="",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["Dieses Feld ist zwingend erforderlich."]
    assert "Keine Kommune „Nirgendwo“ gefunden" in errors["lead_municipality"][0]
    assert "investment_costs" in errors
    assert "Zeile 1" in errors["links"][0]
    assert "privacy_consent" in errors
    assert not Project.objects.exists()
    assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()


def test_end_before_start_is_a_form_error(anonymous_client, municipality):
    response = anonymous_client.post(
        FORM_URL, proposal(municipality, start_date="2024-05-01", end_date="2024-01-01")
    )
    assert response.context["form"].errors["end_date"] == [
        "Das Ende darf nicht vor dem Beginn liegen."
    ]


def test_honeypot_submissions_look_successful_but_create_nothing(
    anonymous_client, municipality, mailoutbox
):
    response = anonymous_client.post(
        FORM_URL, proposal(municipality, homepage="http://spam.example")
    )
    assert response.status_code == 302
    assert not Project.objects.exists()
    assert mailoutbox == []


def test_rate_limit_stops_the_sixth_proposal_in_an_hour(anonymous_client, municipality):
    for number in range(5):
        response = anonymous_client.post(
            FORM_URL, proposal(municipality, title=f"Projekt {number}")
        )
        assert response.status_code == 302
    response = anonymous_client.post(FORM_URL, proposal(municipality, title="Projekt 6"))
    assert response.status_code == 429
    assert "in der letzten Stunde schon 5 Vorschläge" in response.content.decode()
    assert Project.objects.count() == 5


def test_rate_limit_is_per_client_address(anonymous_client, municipality):
    for number in range(5):
        anonymous_client.post(FORM_URL, proposal(municipality, title=f"P {number}"))
    response = anonymous_client.post(
        FORM_URL, proposal(municipality, title="Andere Adresse"), REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 302


XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))"


def test_xss_in_a_proposal_is_neutralised_once_published(
    anonymous_client, municipality, mailoutbox
):
    anonymous_client.post(
        FORM_URL, proposal(municipality, title="Harmlos", description=XSS, summary=XSS)
    )
    project = Project.objects.get()
    project_publish(project=project)
    html = anonymous_client.get(project.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert "&lt;script&gt;" in html  # the summary is plain text, escaped


def test_publish_tells_the_submitter(municipality, anonymous_client, mailoutbox):
    anonymous_client.post(FORM_URL, proposal(municipality))
    mailoutbox.clear()
    project = project_publish(project=Project.objects.get())
    assert project.status == PublicationStatus.PUBLISHED
    assert "veröffentlicht" in mailoutbox[0].subject


def test_send_back_mails_the_comment_and_returns_to_draft(
    municipality, anonymous_client, mailoutbox
):
    anonymous_client.post(FORM_URL, proposal(municipality))
    mailoutbox.clear()
    project = project_send_back(project=Project.objects.get(), comment="Bitte Kosten ergänzen.")
    assert project.status == PublicationStatus.DRAFT
    assert "Bitte Kosten ergänzen." in mailoutbox[0].body


def test_send_back_needs_a_comment(municipality, anonymous_client):
    anonymous_client.post(FORM_URL, proposal(municipality))
    with pytest.raises(ValueError):
        project_send_back(project=Project.objects.get(), comment=" ")


def test_reject_archives_and_tells_the_submitter(municipality, anonymous_client, mailoutbox):
    anonymous_client.post(FORM_URL, proposal(municipality))
    mailoutbox.clear()
    project = project_reject(project=Project.objects.get(), comment="Kein kommunales Projekt.")
    assert project.status == PublicationStatus.ARCHIVED
    assert "nicht veröffentlicht" in mailoutbox[0].subject


def test_admin_queue_lists_only_proposals_in_review(editor_client, municipality, anonymous_client):
    anonymous_client.post(FORM_URL, proposal(municipality, title="Im Review"))
    Project.objects.create(
        title="Entwurf",
        slug="entwurf",
        summary="x",
        lead_municipality=municipality,
        lead_state=municipality.state,
    )
    html = editor_client.get("/admin/bestpractices/projectproposal/").content.decode()
    assert "Im Review" in html
    assert "Entwurf" not in html


def test_admin_send_back_asks_for_a_comment_and_mails_it(
    editor_client, municipality, anonymous_client, mailoutbox
):
    anonymous_client.post(FORM_URL, proposal(municipality))
    project = Project.objects.get()
    mailoutbox.clear()
    url = "/admin/bestpractices/projectproposal/"
    selection = {"action": "send_back", "_selected_action": [project.pk]}
    page = editor_client.post(url, selection)
    assert page.status_code == 200
    assert "Kommentar der Redaktion" in page.content.decode()
    project.refresh_from_db()
    assert project.status == PublicationStatus.REVIEW
    editor_client.post(url, {**selection, "apply": "1", "comment": "Welche Kosten?"})
    project.refresh_from_db()
    assert project.status == PublicationStatus.DRAFT
    assert project.editor_comment == "Welche Kosten?"
    assert "Welche Kosten?" in mailoutbox[0].body


def test_admin_publish_action_publishes(editor_client, municipality, anonymous_client):
    anonymous_client.post(FORM_URL, proposal(municipality))
    project = Project.objects.get()
    editor_client.post(
        "/admin/bestpractices/projectproposal/",
        {"action": "publish", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.status == PublicationStatus.PUBLISHED
    assert anonymous_client.get(project.get_absolute_url()).status_code == 200


def test_admin_project_pages_load_with_autocomplete(editor_client, municipality):
    project = Project.objects.create(
        title="Admin",
        slug="admin-test",
        summary="x",
        lead_municipality=municipality,
        lead_state=municipality.state,
    )
    assert editor_client.get("/admin/bestpractices/project/").status_code == 200
    response = editor_client.get(f"/admin/bestpractices/project/{project.pk}/change/")
    assert response.status_code == 200
    assert "admin-autocomplete" in response.content.decode()


def test_plain_users_cannot_reach_the_proposals_queue(user_client):
    response = user_client.get("/admin/bestpractices/projectproposal/")
    assert response.status_code == 302


def test_editors_have_the_permissions_for_proposals(editor):
    assert editor.has_perm("bestpractices.change_projectproposal")
    assert Permission.objects.filter(codename="view_project").exists()
