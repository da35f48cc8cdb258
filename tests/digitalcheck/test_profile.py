"""A submitted check updates the body's Atlas criteria only through the editors' review."""

import pytest
from django.urls import reverse

from cities.choices import StrategyStatus
from members.models import ChangeRequest
from members.services import change_approve
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.digitalcheck.factories import all_at, published_questionnaire, submitted_check
from tests.members.factories import verified_member

pytestmark = pytest.mark.django_db


def test_a_maintainer_proposes_the_criteria_and_they_apply_once_an_editor_approves(client, editor):
    published_questionnaire()
    profile = DigitalProfileFactory(strategy_status=StrategyStatus.IN_DEVELOPMENT)
    check = submitted_check({"municipality": profile.municipality}, all_at(4))
    client.force_login(check.submitted_by)
    response = client.post(reverse("digitalcheck:profile_proposal", args=[check.pk]))
    change = ChangeRequest.objects.get()
    assert response["Location"] == reverse("members:change_detail", args=[change.pk])
    # Strategy at 100: adopted. Nothing changes before the review.
    assert change.data == {"strategy_status": "adopted"}
    profile.refresh_from_db()
    assert profile.strategy_status == StrategyStatus.IN_DEVELOPMENT
    change_approve(change=change, by=editor)
    profile.refresh_from_db()
    assert profile.strategy_status == StrategyStatus.ADOPTED


def test_a_colleague_who_does_not_maintain_the_body_cannot_propose(client):
    published_questionnaire()
    profile = DigitalProfileFactory()
    check = submitted_check({"municipality": profile.municipality}, all_at(4))
    client.force_login(verified_member({"municipality": profile.municipality}))
    response = client.post(reverse("digitalcheck:profile_proposal", args=[check.pk]))
    assert response.status_code == 403
    assert not ChangeRequest.objects.exists()


def test_without_a_profile_the_maintainer_is_told_to_create_it_first(client):
    published_questionnaire()
    town = MunicipalityFactory(name="Ohneprofil")
    check = submitted_check({"municipality": town}, all_at(1))
    client.force_login(check.submitted_by)
    response = client.post(reverse("digitalcheck:profile_proposal", args=[check.pk]), follow=True)
    assert "Ohneprofil hat noch kein Digitalprofil." in response.content.decode()
    assert not ChangeRequest.objects.exists()
