"""Every XSS payload of xss_payloads.txt through every rich-text field and public form: the
pages answer 200 and their HTML carries no script, handler or script URL of the payload."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from bestpractices.models import Project
from cities.models import DigitalProfile
from events.models import Event, ExpertCircle
from funding.models import FundingProgramme
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.events.factories import EventFactory, ExpertCircleFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme
from tests.security.html_safety import assert_inert, audit, load_payloads

pytestmark = pytest.mark.django_db

PAYLOADS = load_payloads()

LIST_PAGES = [
    "portal:home",
    "portal:search",
    "cities:municipality_list",
    "cities:municipality_compare",
    "cities:atlas",
    "bestpractices:project_list",
    "events:event_list",
    "events:event_archive",
    "events:event_month_current",
    "events:circle_list",
    "funding:programme_list",
    "funding:deadline_list",
    "funding:matcher",
]


def text_fields(model) -> list[models.Field]:
    """The free-text fields an editor, partner or proposer fills in."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
    ]


def accepted(field, value: str, instance) -> bool:
    """Whether the field's own validation (which the admin, the API, the proposal form and
    the imports run) lets the value in; refused values never reach a page."""
    try:
        field.clean(value, instance)
    except ValidationError:
        return False
    return True


def fill(instance, payload: str) -> None:
    """Put the payload into every free-text field that accepts it (cut to the column's
    length), bypassing nothing but the write path."""
    values = {}
    for field in text_fields(type(instance)):
        value = payload[: field.max_length] if field.max_length else payload
        values[field.name] = value if accepted(field, value, instance) else ""
    values = {
        name: value for name, value in values.items() if value or not_required(instance, name)
    }
    type(instance).objects.filter(pk=instance.pk).update(**values)


def not_required(instance, name: str) -> bool:
    return type(instance)._meta.get_field(name).blank


def test_corpus_has_at_least_fifty_payloads_of_every_kind():
    assert len(PAYLOADS) >= 50
    text = "\n".join(PAYLOADS).lower()
    for needle in ["<script", "onerror=", "javascript:", "data:text/html", "<svg", "<math"]:
        assert needle in text
    for needle in ["](javascript:", "![", "</script>", "{{ 7*7 }}", '" onmouseover=']:
        assert needle in text


def test_the_checker_catches_what_it_must():
    assert audit("<p><script>window.__xss=1</script></p>").problems
    assert audit('<img src="x" onerror="window.__xss=1">').problems
    assert audit('<a href=" JaVaScript:window.__xss=1">x</a>').problems
    assert audit('<a href="&#106;avascript:x()">x</a>').problems
    assert not audit('<script type="application/ld+json">{"a": "<\\/script>"}</script>').problems
    # A payload that closes the JSON-LD block leaves it broken.
    assert audit('<script type="application/ld+json">{"a": "</script>"}').problems
    assert audit('<iframe src="/x"></iframe>').problems
    assert not audit('<script src="/static/portal/js/a.js"></script><a href="/x">x</a>').problems


@pytest.fixture
def content():
    """One published object of each editorial model, linked so that pages show each other."""
    cache.clear()
    municipality = MunicipalityFactory(name="Ulm", ags="08421000")
    profile = DigitalProfileFactory(municipality=municipality)
    circle = ExpertCircleFactory()
    event = EventFactory(expert_circle=circle, venue_municipality=municipality)
    programme = FundingProgrammeFactory()
    call = FundingCallFactory(programme=programme)
    project = ProjectFactory(lead_municipality=municipality, themes=[theme("mobilitaet")])
    return {
        "profile": profile,
        "circle": circle,
        "event": event,
        "programme": programme,
        "call": call,
        "project": project,
    }


DETAIL_PAGES = {
    "profile": lambda c: c["profile"].municipality.get_absolute_url(),
    "circle": lambda c: c["circle"].get_absolute_url(),
    "event": lambda c: c["event"].get_absolute_url(),
    "programme": lambda c: c["programme"].get_absolute_url(),
    "project": lambda c: c["project"].get_absolute_url(),
}


@pytest.mark.parametrize("kind", sorted(DETAIL_PAGES))
def test_rich_text_fields_render_every_payload_inert(client, content, kind):
    """Each payload in every free-text field of the object: its detail page, the pages that
    list or link it (home, lists, search) and its neighbours' pages stay inert."""
    instance = content[kind]
    pages = [
        DETAIL_PAGES[kind](content),
        reverse("portal:home"),
        reverse("cities:municipality_list"),
        reverse("bestpractices:project_list"),
        reverse("events:event_list"),
        reverse("events:circle_list"),
        reverse("funding:programme_list"),
        reverse("funding:deadline_list"),
    ]
    if kind in {"event", "circle"}:
        pages.append(content["circle"].get_absolute_url())
    if kind == "profile":
        pages.append(content["project"].get_absolute_url())
    for payload in PAYLOADS:
        fill(instance, payload)
        if kind == "programme":
            fill(content["call"], payload)
        for url in pages:
            assert_inert(client.get(url), payload)
        assert_inert(client.get(reverse("portal:search"), {"q": "Ulm"}), payload)


def test_event_json_ld_survives_every_payload(client, content):
    event = content["event"]
    for payload in PAYLOADS:
        fill(event, payload)
        fill(content["circle"], payload)
        response = client.get(event.get_absolute_url())
        assert_inert(response, payload)
        assert audit(response.content.decode()).json_ld_blocks >= 1


class _GetFormFields(HTMLParser):
    """The names of the fields of every GET form (search boxes and filters)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif (
            self._in_get_form
            and tag in {"input", "select", "textarea"}
            and attrs.get("name")
            and attrs.get("type") not in {"submit", "button"}
        ):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def query_names(client, url) -> set[str]:
    parser = _GetFormFields()
    parser.feed(client.get(url).content.decode())
    # "page" is left out: a page number that is no number is a 404, as Django's paginator
    # answers it, not a page that renders the value.
    return (parser.names | {"q", "sort", "ordering"}) - {"page"}


@pytest.mark.parametrize("name", LIST_PAGES)
def test_search_boxes_and_filter_query_strings_render_every_payload_inert(client, content, name):
    url = reverse(name)
    names = query_names(client, url)
    assert "q" in names
    for payload in PAYLOADS:
        response = client.get(f"{url}?{urlencode(dict.fromkeys(names, payload))}")
        assert_inert(response, payload)


def test_matcher_form_renders_every_payload_inert(client, content):
    url = reverse("funding:matcher")
    names = query_names(client, url)
    assert "municipality" in names
    for payload in PAYLOADS:
        assert_inert(client.get(url, dict.fromkeys(names, payload)), payload)
        response = client.get(
            reverse("funding:municipality_suggestions"), {"q": payload}, HTTP_ACCEPT="*/*"
        )
        assert response.status_code in {200, 400}
        assert response["Content-Type"].startswith("application/json")


def proposal_data(payload: str, **changes) -> dict:
    data = {
        "title": payload[:200] or "x",
        "summary": payload,
        "description": payload,
        "lead_municipality": "08421000",
        "phase": "running",
        "funding_note": payload,
        "partners": payload,
        "results": payload,
        "lessons_learned": payload,
        "prerequisites": payload,
        "data_needed": payload,
        "contact_office": payload[:120],
        "contact_name": payload[:120],
        "links": payload,
        "submitter_name": payload[:120],
        "submitter_email": "vorschlag@example.org",
        "privacy_consent": "on",
        "themes": [theme("mobilitaet").pk],
    }
    return {**data, **changes}


def test_proposal_form_with_errors_renders_every_payload_inert(content):
    url = reverse("bestpractices:project_proposal")
    client = Client()
    for payload in PAYLOADS:
        cache.clear()
        data = proposal_data(payload)
        del data["privacy_consent"]
        assert_inert(client.post(url, data), payload)


def test_accepted_proposals_render_every_payload_inert_for_the_editors(content, editor_client):
    url = reverse("bestpractices:project_proposal")
    client = Client()
    before = set(Project.objects.values_list("pk", flat=True))
    for payload in PAYLOADS:
        cache.clear()
        # The links must be URLs: a payload there is refused and shown back, inertly.
        refused = client.post(url, proposal_data(payload))
        assert refused.status_code == 200, payload
        assert_inert(refused, payload)
        cache.clear()
        response = client.post(url, proposal_data(payload, links="https://example.org/"))
        if response.status_code == 200:
            # Refused (e.g. a link that is no URL): the form shows the payload back, inertly.
            assert_inert(response, payload)
            continue
        assert response.status_code == 302, payload
        assert_inert(client.get(response["Location"]), payload)
    proposals = Project.objects.exclude(pk__in=before)
    assert proposals.count() >= len(PAYLOADS) // 2
    assert not proposals.filter(status=PublicationStatus.PUBLISHED).exists()
    for proposal in proposals:
        response = editor_client.get(proposal.get_absolute_url())
        assert_inert(response, proposal.description)


def test_every_page_kind_with_payloads_is_checked(content):
    """Guard: the models whose fields are filled above are the editorial ones."""
    filled = {type(instance) for instance in content.values()}
    assert {DigitalProfile, Event, ExpertCircle, FundingProgramme, Project} <= filled
