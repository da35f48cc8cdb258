"""Every page type of the portal is valid HTML (the Nu Html Checker) and refers only to ids
it has. The pages are the ones the browser tests visit (tests/pages.py), rendered on the
demo content with the test client; Java runs once over all of them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from bestpractices.models import Project
from cities.models import DigitalProfile, Municipality
from portal.views import server_error
from tests.conftest import demo_for_module
from tests.html_checks import dangling_id_references, nu_errors
from tests.pages import (
    PAGE_STATES,
    REGISTRATION_EVENT_SLUG,
    every_page_type,
    page_state_path,
    private_page_states,
    published,
)

# The pages are rendered once for the module, in a transaction rolled back at its end; the
# mark makes pytest-django set up the test database for it.
pytestmark = pytest.mark.django_db

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Kaputt</title></head>
<body><main><a rel="nofollow noopener">ohne Ziel</a>
<label for="id_q">Suche</label><input id="id_q" aria-describedby="id_q_helptext">
</main></body></html>"""


def render_every_page_type() -> dict[str, str]:
    """{label: HTML} of every page type and page state, of the states only a form
    submission or an error reaches, and of the admin pages the portal renders itself."""
    client = Client()
    pages = {}
    paths = [(path, path) for path in every_page_type()]
    paths += [(label, page_state_path(path)) for label, path in PAGE_STATES]
    for label, path in paths:
        response = client.get(path)
        assert response.status_code in {200, 404}, (label, path, response.status_code)
        pages[label] = response.content.decode()
    proposal = reverse("bestpractices:project_proposal")
    response = client.post(proposal, {"title": "Nur ein Titel", "start_date": "bald"})
    assert response.status_code == 200
    pages["proposal with errors"] = response.content.decode()
    pages["proposal thanks"] = client.get(
        reverse("bestpractices:project_proposal_thanks")
    ).content.decode()
    pages["server error"] = server_error(RequestFactory().get("/")).content.decode()
    pages.update(contact_pages())
    pages.update(change_pages())
    pages.update(directory_pages())
    pages.update(relation_pages())
    pages.update(private_pages())
    # The admin pages whose templates the portal writes or overrides.
    # The admin's login is the portal's sign-in.
    pages["admin login"] = client.get(reverse("admin:login"), follow=True).content.decode()
    client.force_login(
        get_user_model().objects.create_superuser("html-check", "html-check@example.org")
    )
    project = published(Project)
    history = client.get(reverse("admin:bestpractices_project_history", args=[project.pk]))
    assert history.status_code == 200
    pages["admin history of a project"] = history.content.decode()
    from members.models import ChangeRequest

    review = client.get(
        reverse("admin:members_changerequest_change", args=[ChangeRequest.objects.first().pk])
    )
    assert review.status_code == 200
    pages["admin review of a change"] = review.content.decode()
    return pages


def private_pages() -> dict[str, str]:
    """The pages behind a sign-in or a secret link (tests/pages.py), and the forms there
    that a submission shows with errors."""
    pages = {}
    for label, path, user in private_page_states():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200, (label, path, response.status_code)
        pages[label] = response.content.decode()
    # Each page shows the state its label names.
    assert 'name="accessibility_needs"' in pages["event with open registration"]
    assert "Sie sind angemeldet." in pages["event with the visitor registered"]
    assert "Auf die Warteliste" in pages["event fully booked"]
    assert "Aufnahme anfragen" in pages["expert circle with the join button"]
    assert "Aufnehmen" in pages["circle members for the coordination"]
    assert "seiten-leitung" in pages["circle members for a member"]
    assert "Offene Anfragen" not in pages["circle members for a member"]
    assert 'type="submit"' in pages["registration to confirm"]
    assert 'type="submit"' in pages["unsubscribe from a digest"]
    register = reverse("events:event_register", kwargs={"slug": REGISTRATION_EVENT_SLUG})
    response = Client().post(register, {"name": "", "email": "keine-adresse"})
    assert response.status_code == 200
    pages["event registration with errors"] = response.content.decode()
    assert 'id="registration-errors"' in pages["event registration with errors"]
    return pages


def directory_pages() -> dict[str, str]:
    """ "Wer macht was" with entries, empty after a filter, refused, and the member's own
    entry form (also with errors)."""
    from members.choices import MembershipStatus
    from members.models import DirectoryEntry, Membership

    profile = published(DigitalProfile)
    users = get_user_model().objects
    client = Client()
    for name in ["verzeichnis-a", "verzeichnis-b"]:
        user = users.create_user(name, f"{name}@example.org", first_name="Kim", last_name=name)
        Membership.objects.create(
            user=user, municipality=profile.municipality, status=MembershipStatus.VERIFIED
        )
        entry = DirectoryEntry.objects.create(
            user=user, listed=True, show_name=True, show_bodies=True, role="cdo"
        )
        entry.themes.set(profile.focus_themes.all())
    client.force_login(user)
    directory = reverse("members:directory")
    own = reverse("members:directory_entry")
    pages = {
        "directory": client.get(directory).content.decode(),
        "directory without hits": client.get(directory, {"role": "it_lead"}).content.decode(),
        "directory with a wrong filter": client.get(directory, {"role": "x"}).content.decode(),
        "own directory entry": client.get(own).content.decode(),
        "own directory entry with errors": client.post(own, {"role": "x"}).content.decode(),
    }
    assert "Kim verzeichnis-a" in pages["directory"]
    client.force_login(users.create_user("verzeichnis-ohne", "verzeichnis-ohne@example.org"))
    pages["directory refused"] = client.get(directory).content.decode()
    return pages


def relation_pages() -> dict[str, str]:
    """A maintainer's form for a relation (empty, prefilled, with errors), the account page
    with a relation waiting for the other side's answer, and the form refused."""
    from members.choices import MembershipRole, MembershipStatus
    from members.models import Membership

    users = get_user_model().objects
    client = Client()
    bodies = list(Municipality.objects.filter(ags__in=["05513000", "08421000"]).order_by("ags"))
    proposer, answerer = (
        users.create_user(f"netzwerk-{body.ags}", f"netzwerk-{body.ags}@example.org")
        for body in bodies
    )
    for user, body in zip((proposer, answerer), bodies, strict=True):
        Membership.objects.create(
            user=user,
            municipality=body,
            role=MembershipRole.MAINTAINER,
            status=MembershipStatus.VERIFIED,
        )
    client.force_login(proposer)
    form = reverse("members:relation_propose")
    pages = {
        "relation form": client.get(form).content.decode(),
        "relation form prefilled": client.get(
            form, {"partner": "08421000", "loesung": "bamberg-open-data-portal"}
        ).content.decode(),
        "relation form with errors": client.post(
            form, {"option": "adopted_from", "partner": "9"}
        ).content.decode(),
    }
    response = client.post(
        form,
        {"body": f"municipality:{bodies[0].pk}", "option": "joint", "partner": "08421000"},
    )
    assert response.status_code == 302, response.content.decode()
    client.force_login(answerer)
    pages["account with a relation to confirm"] = client.get(
        reverse("members:account")
    ).content.decode()
    assert "Warten auf Ihre Bestätigung" in pages["account with a relation to confirm"]
    client.force_login(users.create_user("netzwerk-ohne", "netzwerk-ohne@example.org"))
    pages["relation form refused"] = client.get(form).content.decode()
    return pages


def change_pages() -> dict[str, str]:
    """A maintainer's edit form (empty, with errors, refused), the change with its diff and
    the account page that lists both."""
    from members.choices import MembershipRole, MembershipStatus
    from members.models import Membership

    profile = published(DigitalProfile)
    users = get_user_model().objects
    maintainer = users.create_user("pflege-check", "pflege-check@example.org")
    Membership.objects.create(
        user=maintainer,
        municipality=profile.municipality,
        role=MembershipRole.MAINTAINER,
        status=MembershipStatus.VERIFIED,
    )
    client = Client()
    client.force_login(maintainer)
    form = reverse("members:profile_change", args=["kommune", profile.municipality.ags])
    pages = {"profile edit form": client.get(form).content.decode()}
    response = client.post(form, {"strategy_status": "none", "strategy_adopted_on": "gestern"})
    assert response.status_code == 200
    pages["profile edit form with errors"] = response.content.decode()
    response = client.post(
        form,
        {
            "summary": (profile.summary or "") + " Ergänzt durch die Stelle.",
            "strategy_status": profile.strategy_status,
            "focus_themes": [theme.pk for theme in profile.focus_themes.all()],
        },
        follow=True,
    )
    assert response.status_code == 200
    pages["proposed change"] = response.content.decode()
    assert "<ins>" in pages["proposed change"]
    pages["account with contents and changes"] = client.get(
        reverse("members:account")
    ).content.decode()
    client.force_login(users.create_user("pflege-ohne", "pflege-ohne@example.org"))
    pages["profile edit refused"] = client.get(form).content.decode()
    return pages


def contact_pages() -> dict[str, str]:
    """The contact form (empty, with errors, refused) and the report page of its e-mail."""
    from members.choices import MembershipRole, MembershipStatus
    from members.models import ContactMessage, Membership
    from members.services import contact_report_token

    profile = published(DigitalProfile)
    users = get_user_model().objects
    sender = users.create_user("kontakt-check", "kontakt-check@example.org")
    Membership.objects.create(
        user=sender, municipality=profile.municipality, status=MembershipStatus.VERIFIED
    )
    recipient = users.create_user("kontakt-ziel", "kontakt-ziel@example.org")
    Membership.objects.create(
        user=recipient,
        municipality=profile.municipality,
        role=MembershipRole.MAINTAINER,
        status=MembershipStatus.VERIFIED,
    )
    client = Client()
    client.force_login(sender)
    form = reverse("members:contact_member", kwargs={"pk": recipient.pk})
    pages = {
        "contact form": client.get(form).content.decode(),
        "contact form with errors": client.post(form, {"subject": ""}).content.decode(),
    }
    assert 'name="text"' in pages["contact form"]
    assert "errorlist" in pages["contact form with errors"]
    client.force_login(users.create_user("kontakt-ohne", "kontakt-ohne@example.org"))
    pages["contact refused"] = client.get(form).content.decode()
    message = ContactMessage.objects.create(
        sender=sender, about_kind="member", about_title="Prüfung", subject="Betreff", text="Text"
    )
    message.recipients.add(recipient)
    token = contact_report_token(message=message, recipient=recipient)
    pages["contact report"] = (
        Client().get(reverse("members:contact_report", kwargs={"token": token})).content.decode()
    )
    assert 'name="reason"' in pages["contact report"]
    return pages


@pytest.fixture(scope="module")
def rendered_pages(django_db_setup, django_db_blocker):
    with demo_for_module(django_db_blocker):
        return render_every_page_type()


def test_the_id_check_catches_a_reference_to_a_missing_id():
    assert dangling_id_references(BROKEN_PAGE) == ['<input aria-describedby="id_q_helptext">']


def test_every_page_type_is_valid_html(rendered_pages):
    # A known broken page goes along in the same run of Java: its errors show that the
    # checker ran and reports what it must.
    errors = nu_errors({**rendered_pages, "known broken page": BROKEN_PAGE})
    broken = errors.pop("known broken page", [])
    assert any("missing required attribute “href”" in error for error in broken), broken
    assert any("aria-describedby" in error for error in broken), broken
    report = "\n".join(
        f"{label}:\n" + "\n".join(f"  - {error}" for error in found)
        for label, found in errors.items()
    )
    assert not errors, f"The Nu Html Checker found errors:\n{report}"


def test_every_page_type_refers_only_to_ids_it_has(rendered_pages):
    dangling = {
        label: references
        for label, html in rendered_pages.items()
        if (references := dangling_id_references(html))
    }
    assert dangling == {}
