import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cities.choices import MunicipalityKind, StrategyStatus
from cities.filters import MunicipalityFilterSet
from cities.models import Municipality
from portal.choices import PublicationStatus
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def names(params, user=None):
    request = RequestFactory().get("/", params)
    request.user = user or AnonymousUser()
    filterset = MunicipalityFilterSet(params, queryset=Municipality.objects.all(), request=request)
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("name", flat=True))


@pytest.fixture
def register():
    gelsenkirchen = MunicipalityFactory(
        name="Gelsenkirchen",
        district=DistrictFactory(key="05513"),
        number=0,
        ags="05513000",
        ars="055130000000",
        kind=MunicipalityKind.KREISFREIE_STADT,
        population=260_654,
    )
    ulm = MunicipalityFactory(
        name="Ulm",
        district=DistrictFactory(key="08421"),
        ags="08421000",
        ars="084210000000",
        kind=MunicipalityKind.KREISFREIE_STADT,
        population=126_329,
    )
    dorf = MunicipalityFactory(name="Dorf", district=DistrictFactory(key="05562"), population=900)
    DigitalProfileFactory(
        municipality=gelsenkirchen,
        strategy_status=StrategyStatus.IN_DEVELOPMENT,
        focus_themes=[theme("verwaltung")],
    )
    # Ulm's profile is a draft: the public must not learn its status or themes.
    DigitalProfileFactory(
        municipality=ulm,
        status=PublicationStatus.DRAFT,
        strategy_status=StrategyStatus.ADOPTED,
        focus_themes=[theme("verwaltung")],
    )
    return {"gelsenkirchen": gelsenkirchen, "ulm": ulm, "dorf": dorf}


def test_q_matches_a_part_of_the_name_or_the_start_of_the_ags(register):
    assert names({"q": "elsen"}) == ["Gelsenkirchen"]
    assert names({"q": "0842"}) == ["Ulm"]
    assert names({"q": "05"}) == ["Dorf", "Gelsenkirchen"]
    assert names({"q": "421"}) == []


def test_state_kind_and_size_class(register):
    assert names({"state": "08"}) == ["Ulm"]
    assert names({"kind": "kreisfreie_stadt"}) == ["Gelsenkirchen", "Ulm"]
    assert names({"size_class": "grossstadt"}) == ["Gelsenkirchen", "Ulm"]
    assert names({"size_class": "landgemeinde"}) == ["Dorf"]


def test_unpublished_profile_looks_like_no_profile_to_the_public(register):
    assert names({"has_profile": "true"}) == ["Gelsenkirchen"]
    assert names({"has_profile": "false"}) == ["Dorf", "Ulm"]
    assert names({"strategy_status": "adopted"}) == []
    assert names({"theme": "verwaltung"}) == ["Gelsenkirchen"]


def test_editors_filter_on_unpublished_profiles_too(register, editor):
    assert names({"has_profile": "true"}, editor) == ["Gelsenkirchen", "Ulm"]
    assert names({"strategy_status": "adopted"}, editor) == ["Ulm"]
    assert names({"theme": "verwaltung"}, editor) == ["Gelsenkirchen", "Ulm"]


def test_logged_in_user_without_rights_sees_only_published_profiles(register, user):
    assert names({"strategy_status": "adopted"}, user) == []
    assert names({"has_profile": "false"}, user) == ["Dorf", "Ulm"]


def test_strategy_status_filter(register):
    assert names({"strategy_status": "in_development"}) == ["Gelsenkirchen"]
