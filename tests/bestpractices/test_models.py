from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bestpractices.models import Project
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import AssociationFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def test_end_before_start_is_rejected_with_a_german_message():
    project = ProjectFactory.build(
        lead_municipality=ProjectFactory().lead_municipality,
        start_date=date(2024, 5, 1),
        end_date=date(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict["end_date"] == ["Das Ende darf nicht vor dem Beginn liegen."]


def test_end_on_the_start_day_is_allowed():
    project = ProjectFactory(start_date=date(2024, 5, 1), end_date=date(2024, 5, 1))
    project.full_clean()


@pytest.mark.parametrize("field", ["investment_costs", "running_costs_per_year"])
def test_negative_costs_are_rejected(field):
    project = ProjectFactory()
    setattr(project, field, Decimal("-1.00"))
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert field in error.value.message_dict


def test_links_must_be_web_addresses_and_the_message_names_the_line():
    project = ProjectFactory(links="https://example.org/a\njavascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "Zeile 2" in error.value.message_dict["links"][0]


def test_repository_url_must_be_valid():
    project = ProjectFactory(repository_url="kein link")
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "repository_url" in error.value.message_dict


def test_personal_contact_name_needs_consent():
    project = ProjectFactory(contact_name="Erika Mustermann", contact_consent=False)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "contact_consent" in error.value.message_dict
    project.contact_consent = True
    project.full_clean()


def test_numeric_slugs_are_refused_because_numbers_are_ids():
    project = ProjectFactory()
    project.slug = "12345"
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "slug" in error.value.message_dict


def test_open_source_is_derived_from_the_licence():
    assert ProjectFactory(licence="EUPL-1.2").is_open_source
    assert not ProjectFactory(licence="proprietary").is_open_source


def test_only_web_addresses_become_links_even_around_validation():
    project = ProjectFactory.build(
        links="https://example.org/a\njavascript:alert(1)\nhttp://example.org/b\ndata:text/html,x"
    )
    assert project.link_list == ["https://example.org/a", "http://example.org/b"]


def test_a_project_without_a_lead_or_with_two_is_refused_naming_the_fields():
    district = DistrictFactory(key="01051")
    for leads in ({"lead_municipality": None}, {"lead_district": district}):
        fields = {"lead_municipality": ProjectFactory().lead_municipality, **leads}
        project = ProjectFactory.build(slug="zwei", **fields)
        with pytest.raises(ValidationError) as error:
            project.full_clean()
        [message] = error.value.message_dict["lead_municipality"]
        assert "genau eine federführende Stelle" in message
        assert "„federführender Kreis“" in message


def test_a_district_or_a_gemeindeverband_leads_a_project():
    district = DistrictFactory(key="01051")
    amt = AssociationFactory(district=district, key="5175")
    by_district = ProjectFactory(lead_municipality=None, lead_district=district)
    by_amt = ProjectFactory(lead_municipality=None, lead_association=amt)
    by_district.full_clean()
    by_amt.full_clean()
    assert (by_district.lead, by_amt.lead) == (district, amt)
    assert by_district.lead_district_key == by_amt.lead_district_key == "01051"


def test_the_database_keeps_one_lead_per_project():
    project = ProjectFactory()
    district = DistrictFactory(key="01051")
    for changes in ({"lead_district": district}, {"lead_municipality": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Project.objects.filter(pk=project.pk).update(**changes)


def test_a_save_without_validation_keeps_the_lead_state_with_the_lead():
    from tests.cities.factories import MunicipalityFactory

    project = ProjectFactory()
    before = project.lead_state_id
    other = MunicipalityFactory(
        district=DistrictFactory(key="09162" if before != "09" else "05513")
    )
    project.lead_municipality = other
    project.save()
    project.refresh_from_db()
    assert project.lead_state_id == other.state_id != before
