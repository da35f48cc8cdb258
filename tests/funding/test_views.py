"""The public pages: list, detail, deadlines and the matcher."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from funding.choices import FundingLevel
from portal.choices import PublicationStatus
from portal.models import FederalState
from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def test_list_is_sorted_by_next_deadline_with_programmes_without_deadline_last(client):
    now = timezone.now()
    later = FundingCallFactory(deadline=now + timedelta(days=50)).programme
    sooner = FundingCallFactory(deadline=now + timedelta(days=5)).programme
    without = FundingProgrammeFactory(title="Aaa ohne Aufruf")
    response = client.get(reverse("funding:programme_list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [sooner, later, without]
    assert "Frist endet bald" in response.text


def test_list_filters_by_state_including_programmes_without_states(client):
    nrw, bavaria = FederalState.objects.get(code="05"), FederalState.objects.get(code="09")
    federal = FundingProgrammeFactory()
    in_nrw = FundingProgrammeFactory(level=FundingLevel.STATE, states=[nrw])
    FundingProgrammeFactory(level=FundingLevel.STATE, states=[bavaria])
    response = client.get(reverse("funding:programme_list"), {"state": "05"})
    assert set(response.context["object_list"]) == {federal, in_nrw}


def test_list_filters_by_status_and_text(client):
    open_programme = FundingCallFactory(programme__title="Digitale Dörfer").programme
    FundingProgrammeFactory(title="Digitale Schulen")
    response = client.get(reverse("funding:programme_list"), {"status": "open", "q": "digitale"})
    assert list(response.context["object_list"]) == [open_programme]


def test_list_shows_an_empty_state(client):
    response = client.get(reverse("funding:programme_list"), {"q": "nichts dergleichen"})
    assert "Keine Förderprogramme gefunden" in response.text


def test_detail_shows_calls_with_status(client):
    call = FundingCallFactory(title="Zweiter Aufruf")
    response = client.get(call.programme.get_absolute_url())
    assert response.status_code == 200
    assert "Zweiter Aufruf" in response.text
    assert "funding-badge--open" in response.text


def test_detail_flags_a_programme_not_verified_for_more_than_six_months(client):
    stale = FundingProgrammeFactory(last_verified_on=timezone.localdate() - timedelta(days=200))
    fresh = FundingProgrammeFactory(last_verified_on=timezone.localdate() - timedelta(days=30))
    assert "vor mehr als sechs Monaten" in client.get(stale.get_absolute_url()).text
    assert "vor mehr als sechs Monaten" not in client.get(fresh.get_absolute_url()).text


def test_deadline_list_never_shows_an_expired_call(client):
    now = timezone.now()
    upcoming = FundingCallFactory(deadline=now + timedelta(days=3))
    FundingCallFactory(opens_at=now - timedelta(days=30), deadline=now - timedelta(minutes=1))
    FundingCallFactory(deadline=None, rolling=True)
    response = client.get(reverse("funding:deadline_list"))
    assert list(response.context["object_list"]) == [upcoming]


def test_deadline_list_is_soonest_first_and_filters_by_date_range(client):
    now = timezone.now()
    late = FundingCallFactory(deadline=now + timedelta(days=40))
    early = FundingCallFactory(deadline=now + timedelta(days=2))
    response = client.get(reverse("funding:deadline_list"))
    assert list(response.context["object_list"]) == [early, late]
    after = (now + timedelta(days=20)).date().isoformat()
    response = client.get(reverse("funding:deadline_list"), {"deadline_after": after})
    assert list(response.context["object_list"]) == [late]


def test_matcher_empty_form_shows_no_results(client):
    response = client.get(reverse("funding:matcher"))
    assert response.status_code == 200
    assert response.context["results"] is None


def test_matcher_by_municipality_ags_gives_results_with_reasons(client):
    municipality = MunicipalityFactory(name="Gelsenkirchen", population=260_000)
    programme = FundingCallFactory(programme__themes=[theme("mobilitaet")]).programme
    response = client.get(
        reverse("funding:matcher"), {"municipality": municipality.ags, "themes": "mobilitaet"}
    )
    results = response.context["results"]
    assert [item[0] for item in results] == [programme]
    reasons = results[0][1]
    assert "gilt bundesweit" in reasons
    assert "Kommunen sind antragsberechtigt" in reasons
    assert "passt zu Ihrem Handlungsfeld Mobilität" in reasons


def test_matcher_names_an_unknown_municipality(client):
    response = client.get(reverse("funding:matcher"), {"municipality": "Nirgendwo"})
    assert response.context["results"] is None
    assert "Keine Kommune namens „Nirgendwo“ gefunden" in response.text


def test_matcher_asks_to_choose_between_municipalities_of_the_same_name(client):
    first = MunicipalityFactory(name="Neustadt")
    second = MunicipalityFactory(name="Neustadt")
    response = client.get(reverse("funding:matcher"), {"municipality": "Neustadt"})
    assert "mehrere Kommunen namens" in response.text
    assert first.ags in response.text and second.ags in response.text


def test_matcher_needs_a_municipality_or_a_state(client):
    response = client.get(reverse("funding:matcher"), {"size_class": "kleinstadt"})
    assert "Bitte wählen Sie eine Kommune oder ein Land." in response.text


def test_unpublished_programme_detail_is_404_for_anonymous_and_visible_to_editor(
    client, editor_client
):
    draft = FundingProgrammeFactory(status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert editor_client.get(draft.get_absolute_url()).status_code == 200


def test_logged_in_user_without_permission_does_not_see_drafts(user_client):
    draft = FundingProgrammeFactory(status=PublicationStatus.REVIEW)
    assert user_client.get(draft.get_absolute_url()).status_code == 404


def test_municipality_suggestions_are_bounded_and_match_name_or_ags(client):
    for _ in range(25):
        MunicipalityFactory(name="Neustadt")
    gelsenkirchen = MunicipalityFactory(name="Gelsenkirchen")
    url = reverse("funding:municipality_suggestions")
    assert len(client.get(url, {"q": "neu"}).json()["results"]) == 20
    assert client.get(url, {"q": "Gelsen"}).json()["results"] == [
        {"value": f"Gelsenkirchen ({gelsenkirchen.ags})"}
    ]
    assert (
        client.get(url, {"q": gelsenkirchen.ags})
        .json()["results"][0]["value"]
        .startswith("Gelsenkirchen")
    )
    assert client.get(url, {"q": "G"}).json()["results"] == []


def test_matcher_resolves_a_suggestion_with_its_ags(client):
    first = MunicipalityFactory(name="Neustadt")
    MunicipalityFactory(name="Neustadt")
    FundingCallFactory()
    response = client.get(reverse("funding:matcher"), {"municipality": f"Neustadt ({first.ags})"})
    assert response.context["municipality"] == first
    assert len(response.context["results"]) == 1
