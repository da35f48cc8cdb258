from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cities.choices import AtlasCriterion, StrategyStatus
from cities.models import DigitalProfile
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def errors_of(profile) -> dict:
    with pytest.raises(ValidationError) as caught:
        profile.full_clean()
    return caught.value.message_dict


def test_adoption_date_requires_status_adopted():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(),
        strategy_status=StrategyStatus.IN_DEVELOPMENT,
        strategy_adopted_on=date(2020, 6, 25),
    )
    assert "beschlossenen Strategie" in errors_of(profile)["strategy_adopted_on"][0]


def test_adoption_date_must_not_lie_in_the_future():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(),
        strategy_status=StrategyStatus.ADOPTED,
        strategy_adopted_on=timezone.localdate() + timedelta(days=1),
    )
    assert "Zukunft" in errors_of(profile)["strategy_adopted_on"][0]


def test_adopted_strategy_with_past_date_and_valid_link_is_valid():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(),
        strategy_status=StrategyStatus.ADOPTED,
        strategy_adopted_on=date(2020, 6, 25),
        strategy_url="https://www.gelsenkirchen.de/vernetztestadt",
    )
    profile.full_clean()


def test_strategy_link_must_be_a_url():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(), strategy_url="keine-adresse"
    )
    assert "strategy_url" in errors_of(profile)


def test_stand_date_must_not_lie_in_the_future():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(), as_of=timezone.localdate() + timedelta(days=3)
    )
    assert "Stand" in errors_of(profile)["as_of"][0]


def test_unit_name_without_unit_flag_is_refused():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(), organisational_unit_name="Stabsstelle Vernetzte Stadt"
    )
    assert "has_organisational_unit" in errors_of(profile)


def test_partners_without_network_flag_are_refused():
    profile = DigitalProfileFactory.build(municipality=MunicipalityFactory(), partners="GELSEN-NET")
    assert "has_partner_network" in errors_of(profile)


def test_unknown_challenge_is_refused():
    profile = DigitalProfileFactory.build(
        municipality=MunicipalityFactory(), challenges=["digital_participation", "langeweile"]
    )
    assert "challenges" in errors_of(profile)


def test_atlas_criteria_are_derived_from_the_facts():
    profile = DigitalProfile(
        strategy_status=StrategyStatus.NONE,
        has_organisational_unit=False,
        has_partner_network=False,
    )
    assert profile.atlas_criteria_met == []
    profile.strategy_status = StrategyStatus.IN_DEVELOPMENT
    profile.has_partner_network = True
    assert profile.atlas_criteria_met == [AtlasCriterion.STRATEGY, AtlasCriterion.PARTNER_NETWORK]
    profile.strategy_status = StrategyStatus.ADOPTED
    profile.has_organisational_unit = True
    assert len(profile.atlas_criteria_met) == 3


def test_unknown_strategy_status_meets_no_strategy_criterion():
    profile = DigitalProfile(strategy_status=StrategyStatus.UNKNOWN)
    assert AtlasCriterion.STRATEGY not in profile.atlas_criteria_met


def test_a_municipality_has_at_most_one_profile():
    profile = DigitalProfileFactory()
    second = DigitalProfileFactory.build(municipality=profile.municipality)
    assert "municipality" in errors_of(second)


def test_the_profile_field_list_names_every_editable_content_field():
    """Admin, the editors' form and the API read one list: a new model field must join it
    (or be named here as left out on purpose)."""
    from cities.api.serializers import DigitalProfileSerializer
    from cities.forms import DigitalProfileForm
    from cities.models import PROFILE_FIELDS, DigitalProfile

    editable = {
        field.name
        for field in DigitalProfile._meta.get_fields()
        if field.concrete and field.editable and not field.primary_key
    }
    holder = {"municipality", "association", "district"}
    publication = {"status", "last_verified_on", "published_at"}
    assert editable - holder - publication == set(PROFILE_FIELDS)
    assert set(DigitalProfileForm.base_fields) == holder | {"status", "last_verified_on"} | set(
        PROFILE_FIELDS
    )
    shown = set(DigitalProfileSerializer().fields)
    assert shown == {"status", "atlas_criteria_met", *PROFILE_FIELDS}
