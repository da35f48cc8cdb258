"""Editorial history (django-simple-history): who changed what and when, revertible."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bestpractices.models import Project
from cities.models import DigitalProfile, Municipality
from events.models import Event, EventSeries, ExpertCircle
from funding.models import FundingCall, FundingProgramme
from portal.choices import PublicationStatus
from portal.history import one_version
from portal.models import Theme
from portal.tokens import partner_create, token_create
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.events.factories import EventFactory, EventSeriesFactory, ExpertCircleFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db

EDITORIAL_MODELS = [
    Theme,
    Project,
    Municipality,
    DigitalProfile,
    ExpertCircle,
    EventSeries,
    Event,
    FundingProgramme,
    FundingCall,
]


class _FormFields(HTMLParser):
    """The values a browser would submit for the admin's change form (first form with
    a CSRF token): inputs, checked boxes, selected options, textareas."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def form_data(html: str) -> dict[str, list[str]]:
    parser = _FormFields()
    parser.feed(html)
    return parser.data


@pytest.mark.parametrize("model", EDITORIAL_MODELS, ids=lambda model: model.__name__)
def test_every_editorial_model_keeps_a_history(model):
    assert hasattr(model, "history")
    assert apps.get_model(model._meta.app_label, f"Historical{model.__name__}")


def test_admin_change_records_editor_time_and_changed_field(editor_client, editor):
    # The seeded themes predate the history: populate_history gives them a first version.
    call_command("populate_history", "portal.Theme")
    theme = Theme.objects.get(slug="mobilitaet")
    old_name = theme.name
    url = reverse("admin:portal_theme_change", args=[theme.pk])
    data = form_data(editor_client.get(url).content.decode())
    data["name"] = ["Verkehr und Mobilität"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    latest = theme.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    assert latest.history_date is not None
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["name"]
    assert delta.changes[0].old == old_name
    assert delta.changes[0].new == "Verkehr und Mobilität"


def test_history_page_names_editor_and_offers_the_versions(editor_client, editor):
    circle = ExpertCircleFactory(name="Kreis Alt")
    circle.name = "Kreis Neu"
    circle._history_user = editor
    circle.save()
    response = editor_client.get(reverse("admin:events_expertcircle_history", args=[circle.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "redaktion" in html
    for record in circle.history.all():
        assert (
            reverse("admin:events_expertcircle_simple_history", args=[circle.pk, record.pk]) in html
        )


def test_reverting_in_the_admin_restores_the_old_value(editor_client):
    circle = ExpertCircleFactory(name="Kreis Alt", description="Alte Beschreibung")
    first = circle.history.get()
    circle.name = "Kreis Neu"
    circle.description = "Neue Beschreibung"
    circle.save()

    url = reverse("admin:events_expertcircle_simple_history", args=[circle.pk, first.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode())
    assert data["name"] == ["Kreis Alt"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    circle.refresh_from_db()
    assert circle.name == "Kreis Alt"
    assert circle.description == "Alte Beschreibung"
    assert circle.history.count() == 3


def test_reverting_a_theme_restores_its_name(editor_client):
    call_command("populate_history", "portal.Theme")
    theme = Theme.objects.get(slug="energie-umwelt")
    theme.name = "Umbenannt"
    theme.save()
    first = theme.history.order_by("history_date").first()
    assert first.name != "Umbenannt"
    url = reverse("admin:portal_theme_simple_history", args=[theme.pk, first.pk])
    response = editor_client.post(url, form_data(editor_client.get(url).content.decode()))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == first.name


def _token_client(scopes) -> tuple[Client, object]:
    partner = partner_create(name="Partner Stadtportal")
    _token, key = token_create(partner=partner, label="Test", scopes=scopes)
    return Client(headers={"authorization": f"Bearer {key}"}), partner


def test_api_write_by_token_records_the_partner_account():
    cache.clear()
    client, partner = _token_client(["write:events.event"])
    event = EventFactory(title="Alt", status=PublicationStatus.DRAFT)
    response = client.patch(
        f"/api/v1/events/{event.slug}/", {"title": "Neu"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    latest = event.history.first()
    assert latest.title == "Neu"
    assert latest.history_user == partner.account
    assert latest.diff_against(latest.prev_record).changed_fields == ["title"]


def test_api_create_and_delete_by_token_record_the_partner_account():
    cache.clear()
    client, partner = _token_client(["write:events.event"])
    payload = {
        "slug": "historie-workshop",
        "title": "Historie",
        "kind": "workshop",
        "start": "2026-04-01T10:00:00+02:00",
        "end": "2026-04-01T12:00:00+02:00",
        "venue_address": "Markt 1, Ulm",
        "themes": ["mobilitaet"],
        "status": "draft",
    }
    assert (
        client.post("/api/v1/events/", payload, content_type="application/json").status_code == 201
    )
    event = Event.objects.get(slug="historie-workshop")
    pk = event.pk
    # The event is saved, then its themes are set: one version with both, the partner's.
    created = event.history.get()
    assert created.history_type == "+"
    assert created.history_user == partner.account
    assert [row.theme.slug for row in created.themes.all()] == ["mobilitaet"]
    assert client.delete("/api/v1/events/historie-workshop/").status_code == 204
    deleted = Event.history.filter(id=pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_user == partner.account


def test_api_write_by_an_editor_records_the_editor(editor_client, editor):
    event = EventFactory(title="Alt")
    response = editor_client.patch(
        f"/api/v1/events/{event.slug}/", {"title": "Neu"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert event.history.first().history_user == editor


@pytest.mark.parametrize("client_name", ["anonymous_client", "user_client"])
def test_history_pages_are_only_for_staff(request, client_name):
    client = request.getfixturevalue(client_name)
    circle = ExpertCircleFactory()
    record = circle.history.get()
    for url in [
        reverse("admin:events_expertcircle_history", args=[circle.pk]),
        reverse("admin:events_expertcircle_simple_history", args=[circle.pk, record.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
        assert client.post(url, {"name": "Gekapert"}).status_code == 302
    circle.refresh_from_db()
    assert circle.name != "Gekapert"


def test_editor_sees_the_history_of_every_editorial_admin(editor_client):
    for model in EDITORIAL_MODELS:
        instance = model.objects.first()
        if instance is None:
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
        assert editor_client.get(url).status_code == 200, model


class _InlineStyles(HTMLParser):
    """``style`` attributes and ``<style>`` elements: the policy (style-src 'self') blocks
    both on every admin page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "style" or any(name == "style" for name, _value in attrs):
            self.found.append(self.get_starttag_text())


def inline_styles(html: str) -> list[str]:
    parser = _InlineStyles()
    parser.feed(html)
    return parser.found


def test_history_pages_of_every_editorial_admin_use_no_inline_style(editor_client):
    instances = [
        Theme.objects.first(),
        ProjectFactory(),
        MunicipalityFactory(),
        DigitalProfileFactory(),
        ExpertCircleFactory(),
        EventSeriesFactory(),
        EventFactory(),
        FundingProgrammeFactory(),
        FundingCallFactory(),
    ]
    assert {type(instance) for instance in instances} == set(EDITORIAL_MODELS)
    for instance in instances:
        opts = instance._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
        response = editor_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert inline_styles(html) == [], url
        # The class that replaces the paginator's style attribute comes from this file.
        assert "/static/portal/css/admin.css" in html, url
        record = instance.history.first()
        if record is not None:
            version = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                args=[instance.pk, record.pk],
            )
            response = editor_client.get(version)
            assert response.status_code == 200, version
            assert inline_styles(response.content.decode()) == [], version


def test_verification_queue_shows_the_programmes_history(editor_client):
    programme = FundingProgrammeFactory(last_verified_on=None)
    url = reverse("admin:funding_programmeverificationdue_history", args=[programme.pk])
    response = editor_client.get(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "admin:funding_fundingprogramme_history", args=[programme.pk]
    )


def test_demo_content_gets_one_first_version():
    """A reload adds none: tests/portal/test_demo.py compares every table, the history's too."""
    call_command("load_demo", stdout=StringIO())
    profile = DigitalProfile.objects.first()
    assert profile.history.count() == 1


def test_proposals_queue_shows_the_projects_history(editor_client):
    project = ProjectFactory(status=PublicationStatus.REVIEW)
    url = reverse("admin:bestpractices_projectproposal_history", args=[project.pk])
    response = editor_client.get(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "admin:bestpractices_project_history", args=[project.pk]
    )


def test_public_proposal_records_one_first_version_without_a_user(client):
    cache.clear()
    response = client.post(
        reverse("bestpractices:project_proposal"),
        {
            "title": "Digitale Bürgersprechstunde",
            "summary": "Kurz.",
            "description": "Lang.",
            "lead_municipality": MunicipalityFactory(ags="08421000").ags,
            "themes": [Theme.objects.get(slug="bildung").pk],
            "phase": "running",
            "submitter_name": "Erika Muster",
            "submitter_email": "erika@example.org",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(title="Digitale Bürgersprechstunde")
    # One version: the project with the themes set after its first save.
    record = project.history.get()
    assert record.history_type == "+"
    assert record.history_user is None
    assert [row.theme.slug for row in record.themes.all()] == ["bildung"]


@pytest.mark.parametrize("model", EDITORIAL_MODELS, ids=lambda model: model.__name__)
def test_every_many_to_many_relation_is_in_the_history(model):
    historical = model.history.model
    tracked = {field.name for field in historical._history_m2m_fields}
    assert tracked == {field.name for field in model._meta.many_to_many}


def test_changing_the_themes_of_a_project_records_who_changed_them_and_how(editor):
    project = ProjectFactory(themes=[Theme.objects.get(slug="bildung")])
    project._history_user = editor
    project.themes.set([Theme.objects.get(slug="mobilitaet")])
    latest = project.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert [row.theme.slug for row in latest.themes.all()] == ["mobilitaet"]
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["themes"]


def test_reverting_in_the_admin_restores_the_version_with_its_themes_as_one_new_version(
    editor_client,
):
    bildung, mobilitaet = Theme.objects.get(slug="bildung"), Theme.objects.get(slug="mobilitaet")
    circle = ExpertCircleFactory(name="Kreis Alt")
    circle.themes.set([bildung])
    version = circle.history.first()
    circle.name = "Kreis Neu"
    circle.save()
    circle.themes.set([mobilitaet])
    before = circle.history.count()

    url = reverse("admin:events_expertcircle_simple_history", args=[circle.pk, version.pk])
    data = form_data(editor_client.get(url).content.decode())
    assert data["name"] == ["Kreis Alt"]
    assert data["themes"] == [str(bildung.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    circle.refresh_from_db()
    assert circle.name == "Kreis Alt"
    assert list(circle.themes.all()) == [bildung]
    # One version for the restore, holding the restored name and themes together.
    assert circle.history.count() == before + 1
    latest = circle.history.first()
    assert latest.name == "Kreis Alt"
    assert [row.theme for row in latest.themes.all()] == [bildung]


def test_admin_change_of_fields_and_relations_records_one_version_with_both(editor_client, editor):
    bildung, mobilitaet = Theme.objects.get(slug="bildung"), Theme.objects.get(slug="mobilitaet")
    circle = ExpertCircleFactory(name="Kreis Alt")
    circle.themes.set([bildung])
    before = circle.history.count()
    url = reverse("admin:events_expertcircle_change", args=[circle.pk])
    data = form_data(editor_client.get(url).content.decode())
    data["name"] = ["Kreis Neu"]
    data["themes"] = [str(mobilitaet.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    assert circle.history.count() == before + 1
    latest = circle.history.first()
    assert (latest.history_type, latest.history_user) == ("~", editor)
    assert latest.name == "Kreis Neu"
    assert [row.theme for row in latest.themes.all()] == [mobilitaet]
    delta = latest.diff_against(latest.prev_record)
    assert sorted(delta.changed_fields) == ["name", "themes"]


def test_admin_add_with_relations_records_one_creation(editor_client, editor):
    bildung = Theme.objects.get(slug="bildung")
    url = reverse("admin:events_expertcircle_add")
    data = form_data(editor_client.get(url).content.decode())
    data.update(
        name=["Kreis Schule digital"],
        slug=["kreis-schule-digital"],
        description=["Schulträger tauschen sich aus."],
        moderation_organisation=["Kompetenzzentrum"],
        themes=[str(bildung.pk)],
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    created = ExpertCircle.objects.get(slug="kreis-schule-digital").history.get()
    assert (created.history_type, created.history_user) == ("+", editor)
    assert [row.theme for row in created.themes.all()] == [bildung]


def test_a_write_that_fails_leaves_neither_rows_nor_versions():
    bildung = Theme.objects.get(slug="bildung")
    circle = ExpertCircleFactory(name="Kreis Alt")
    before = circle.history.count()
    with pytest.raises(RuntimeError), one_version():
        circle.name = "Kreis Neu"
        circle.save()
        circle.themes.set([bildung])
        raise RuntimeError("Abbruch")
    circle.refresh_from_db()
    assert circle.name == "Kreis Alt"
    assert list(circle.themes.all()) == []
    assert circle.history.count() == before


def test_a_deletion_inside_one_write_is_the_last_version():
    circle = ExpertCircleFactory(name="Kreis")
    pk = circle.pk
    with one_version():
        circle.name = "Kreis Neu"
        circle.save()
        circle.delete()
    assert [record.history_type for record in ExpertCircle.history.filter(id=pk)] == ["-", "+"]
