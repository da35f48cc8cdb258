"""The brief forms of API lists: written out for speed, equal to their declared fields."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers

from bestpractices.api.serializers import ProjectListSerializer
from bestpractices.models import Project
from events.api.serializers import EventListSerializer
from events.models import Event
from funding.api.serializers import FundingProgrammeListSerializer
from funding.models import FundingProgramme
from portal.models import Theme
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import MunicipalityFactory
from tests.events.factories import AllDayEventFactory, EventFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def theme(slug):
    return Theme.objects.get(slug=slug)


def projects():
    ProjectFactory(themes=[theme("verwaltung"), theme("bildung")], licence="MIT")
    ProjectFactory(themes=[], is_lighthouse=True)
    ProjectFactory(themes=[theme("mobilitaet")])
    return list(Project.objects.select_related("lead_municipality").order_by("pk"))


def events():
    EventFactory(venue_municipality=MunicipalityFactory()).themes.set(
        [theme("verwaltung"), theme("bildung")]
    )
    AllDayEventFactory(cancelled=True)
    EventFactory(venue_name="", online_link="https://meet.example.org/x").themes.set(
        [theme("mobilitaet")]
    )
    return list(Event.objects.select_related("venue_municipality").order_by("pk"))


def programmes():
    FundingCallFactory(programme=FundingProgrammeFactory(short_name="DS"))
    FundingProgrammeFactory(last_verified_on=None)
    return list(FundingProgramme.objects.with_status().order_by("pk"))


@pytest.mark.parametrize(
    ("serializer_class", "make"),
    [
        (ProjectListSerializer, projects),
        (EventListSerializer, events),
        (FundingProgrammeListSerializer, programmes),
    ],
    ids=["projects", "events", "programmes"],
)
def test_brief_lists_equal_their_declared_fields(serializer_class, make):
    """The written-out list (one query for the theme slugs, one reverse() for the addresses)
    gives exactly what DRF's declared fields give: values, None, theme order, addresses."""
    objects = make()
    context = {"request": RequestFactory().get("/api/v1/")}
    declared = [
        serializers.ModelSerializer.to_representation(serializer_class(obj, context=context), obj)
        for obj in objects
    ]
    assert serializer_class(objects, many=True, context=context).data == declared
    assert serializer_class(objects[0], context=context).data == declared[0]
    assert declared[0]["url"] == f"http://testserver{objects[0].get_absolute_url()}"
    if "themes" not in declared[0]:
        return
    in_theme_order = Theme.objects.filter(slug__in=["bildung", "verwaltung"])
    assert declared[0]["themes"] == [item.slug for item in in_theme_order]
    assert declared[1]["themes"] == []
