"""The API: same FilterSets, annotated status, validated writes, permissions from each side."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from funding.choices import FundingLevel
from funding.models import FundingCall, FundingProgramme
from portal.choices import PublicationStatus
from portal.models import FederalState
from tests.conftest import token_headers
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.openapi import api_schema

pytestmark = pytest.mark.django_db

PROGRAMMES = "/api/v1/funding-programmes/"
CALLS = "/api/v1/funding-calls/"


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()


def test_programme_list_has_status_and_next_deadline_from_the_calls(client):
    deadline = timezone.now() + timedelta(days=5)
    call = FundingCallFactory(deadline=deadline)
    response = client.get(PROGRAMMES)
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["slug"] == call.programme.slug
    assert item["status"] == "closing_soon"
    assert item["next_deadline"] is not None


def test_programme_list_filters_by_state_applicant_and_status(client):
    nrw = FederalState.objects.get(code="05")
    in_nrw = FundingCallFactory(
        programme__level=FundingLevel.STATE, programme__states=[nrw]
    ).programme
    FundingCallFactory(
        programme__level=FundingLevel.STATE,
        programme__states=[FederalState.objects.get(code="09")],
    )
    FundingProgrammeFactory(applicants=["unternehmen"])
    response = client.get(PROGRAMMES, {"state": "05", "applicant": "kommune", "status": "open"})
    assert [item["slug"] for item in response.json()["results"]] == [in_nrw.slug]


def test_call_list_filters_by_status_and_deadline_range(client):
    now = timezone.now()
    soon = FundingCallFactory(deadline=now + timedelta(days=3))
    FundingCallFactory(deadline=now + timedelta(days=60))
    before = (now + timedelta(days=10)).date().isoformat()
    response = client.get(CALLS, {"status": "closing_soon", "deadline_before": before})
    assert [item["id"] for item in response.json()["results"]] == [soon.pk]
    assert response.json()["results"][0]["status"] == "closing_soon"


def test_invalid_filter_value_is_a_400_naming_the_field(client):
    response = client.get(CALLS, {"status": "vielleicht"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_hidden_programme_is_404_and_its_calls_are_absent_for_anonymous(client):
    draft = FundingCallFactory(programme__status=PublicationStatus.DRAFT)
    assert client.get(f"{PROGRAMMES}{draft.programme.slug}/").status_code == 404
    assert client.get(f"{CALLS}{draft.pk}/").status_code == 404
    assert client.get(CALLS).json()["count"] == 0


def test_read_token_does_not_see_drafts_but_drafts_token_does(client):
    draft = FundingProgrammeFactory(status=PublicationStatus.DRAFT)
    url = f"{PROGRAMMES}{draft.slug}/"
    assert client.get(url, **token_headers()).status_code == 404
    assert client.get(url, **token_headers("read:drafts")).status_code == 200


def test_editor_sees_drafts(editor_client):
    draft = FundingProgrammeFactory(status=PublicationStatus.DRAFT)
    assert editor_client.get(f"{PROGRAMMES}{draft.slug}/").status_code == 200


def new_programme(**changes):
    return {
        "slug": "neues-programm",
        "title": "Neues Programm",
        "funding_body": "Land",
        "level": "federal",
        "kind": "grant",
        **changes,
    }


def test_anonymous_and_plain_user_cannot_write(client, user_client):
    response = client.post(PROGRAMMES, new_programme(), content_type="application/json")
    assert response.status_code in {401, 403}
    response = user_client.post(PROGRAMMES, new_programme(), content_type="application/json")
    assert response.status_code == 403
    assert not FundingProgramme.objects.exists()


def test_token_with_write_scope_creates_a_programme_and_a_call(client):
    headers = token_headers("write:funding.fundingprogramme", "write:funding.fundingcall")
    response = client.post(
        PROGRAMMES,
        new_programme(states=["05"], eligible_applicants=["kommune"], themes=["mobilitaet"]),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "no_call"
    assert response.json()["publication_status"] == "draft"
    deadline = (timezone.now() + timedelta(days=40)).isoformat()
    response = client.post(
        CALLS,
        {"programme": "neues-programm", "title": "Runde 1", "deadline": deadline},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "open"


def test_writes_breaking_rules_across_fields_are_a_409_with_field_names(client):
    headers = token_headers("write:funding.fundingprogramme", "write:funding.fundingcall")
    response = client.post(
        PROGRAMMES,
        new_programme(level="state", funding_rate_min="80", funding_rate_max="50"),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert "funding_rate_max" in response.json()
    response = client.post(
        PROGRAMMES, new_programme(level="state"), content_type="application/json", **headers
    )
    assert response.status_code == 409
    assert "states" in response.json()
    programme = FundingProgrammeFactory()
    now = timezone.now()
    response = client.post(
        CALLS,
        {
            "programme": programme.slug,
            "title": "Falsch",
            "opens_at": (now + timedelta(days=5)).isoformat(),
            "deadline": now.isoformat(),
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert "deadline" in response.json()
    assert not FundingCall.objects.exists()


def test_token_without_the_write_scope_cannot_write(client):
    headers = token_headers("write:funding.fundingcall")
    response = client.post(PROGRAMMES, new_programme(), content_type="application/json", **headers)
    assert response.status_code == 403


def test_a_body_that_is_not_json_is_a_400_in_the_validation_shape(client):
    headers = token_headers("write:funding.fundingprogramme")
    response = client.post(PROGRAMMES, b"\xf0\x0b", content_type="application/json", **headers)
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_modified_since_with_an_unusual_offset_is_answered(client):
    FundingCallFactory()
    response = client.get(PROGRAMMES, {"modified_since": "2026-01-01T08:00:00+16:26"})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_modified_since_out_of_range_is_a_400(client):
    response = client.get(PROGRAMMES, {"modified_since": "0001-01-01T00:00:00+16:26"})
    assert response.status_code == 400
    assert "modified_since" in response.json()


def test_programme_list_counts_once_per_content_generation(client, django_assert_num_queries):
    """The list's SQL holds the time of the request (for the status of the calls), but its
    count does not depend on it: the next request reuses the count."""
    FundingCallFactory.create_batch(3)
    assert client.get(PROGRAMMES).json()["count"] == 3
    # 1 page of programmes with status and next deadline; the count comes from the cache.
    with django_assert_num_queries(1):
        assert client.get(PROGRAMMES, {"page": 1}).json()["count"] == 3
    FundingCallFactory()
    assert client.get(PROGRAMMES).json()["count"] == 4


def test_programme_list_filtered_by_status_counts_at_the_time_of_the_request(client, monkeypatch):
    """A status filter depends on the time: such a count is never reused."""
    soon = timezone.now() + timedelta(minutes=2)
    FundingCallFactory(deadline=soon)
    FundingCallFactory(deadline=timezone.now() + timedelta(days=5))
    assert client.get(PROGRAMMES, {"status": "closing_soon"}).json()["count"] == 2
    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(PROGRAMMES, {"status": "closing_soon"}).json()["count"] == 1


def test_programme_list_reads_only_its_columns(client, django_assert_num_queries):
    FundingProgrammeFactory(summary="Lang. " * 100, requirements="Viele Bedingungen. " * 50)
    # 1 count, 1 page of programmes with their status and next deadline.
    with django_assert_num_queries(2) as queries:
        response = client.get("/api/v1/funding-programmes/")
    [result] = response.json()["results"]
    assert result["status"] and result["url"].endswith(f"/{result['slug']}/")
    page = next(query["sql"] for query in queries.captured_queries if "LIMIT" in query["sql"])
    assert '"summary"' not in page and '"requirements"' not in page


WRITER = ("write:funding.fundingprogramme", "write:funding.fundingcall")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # Derived from the calls: a write cannot set it, and is not silently ignored.
        ({"status": "open"}, "status"),
        ({"next_deadline": "2026-12-15T12:00:00+01:00"}, "next_deadline"),
        ({"url": "https://example.org/"}, "url"),
        ({"foerderquote": "80"}, "foerderquote"),
    ],
)
def test_a_write_with_a_read_only_or_unknown_field_is_a_400_naming_it(client, changes, field):
    programme = FundingProgrammeFactory(title="Alt")
    response = client.patch(
        f"{PROGRAMMES}{programme.slug}/",
        {"title": "Neu", **changes},
        content_type="application/json",
        **token_headers(*WRITER),
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    programme.refresh_from_db()
    assert programme.title == "Alt"


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        (CALLS, {"opens_at": ""}),
        (CALLS, {"deadline": "2026-13-01T12:00:00+01:00"}),
        (PROGRAMMES, {"last_verified_on": ""}),
        (PROGRAMMES, {"funding_rate_min": "-5"}),
        (PROGRAMMES, {"funding_rate_max": "100.5"}),
        (PROGRAMMES, {"max_amount": 5000}),
        (PROGRAMMES, {"own_contribution": ""}),
        # JSON types as the schema gives them: DRF alone would read 0 as "0", "5" as 5.
        (PROGRAMMES, {"contact": 0}),
        (PROGRAMMES, {"population_min": "5"}),
        (PROGRAMMES, {"states": "05"}),
        (CALLS, {"rolling": "yes"}),
        # A required text is more than spaces.
        (PROGRAMMES, {"title": "\u000b"}),
    ],
)
def test_values_the_schema_forbids_are_a_400(client, path, changes):
    programme = FundingProgrammeFactory()
    data = (
        {"programme": programme.slug, "title": "Runde", "rolling": True}
        if path == CALLS
        else new_programme()
    )
    response = client.post(
        path, {**data, **changes}, content_type="application/json", **token_headers(*WRITER)
    )
    assert response.status_code == 400
    assert list(response.json()) == list(changes)


def test_the_schema_states_the_bounds_of_amounts_and_rates():
    schema = api_schema()["components"]["schemas"]["FundingProgrammeRequest"]["properties"]
    rate = schema["funding_rate_min"]["pattern"]
    assert [bool(re.fullmatch(rate, value)) for value in ("0", "80.5", "100", "100.00")] == [
        True
    ] * 4
    assert not any(re.fullmatch(rate, value) for value in ("-5", "100.5", "101", "1e2", ""))
    assert not re.fullmatch(schema["max_amount"]["pattern"], "-1")


def test_a_form_encoded_write_is_a_415(client):
    """Form encodings read an empty field as null: ``opens_at=`` was taken as "no start"."""
    programme = FundingProgrammeFactory()
    data = {"programme": programme.slug, "title": "Runde", "rolling": "true", "opens_at": ""}
    response = client.post(CALLS, data, **token_headers(*WRITER))
    assert response.status_code == 415
    assert "detail" in response.json()
    assert not FundingCall.objects.exists()
