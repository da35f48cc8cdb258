"""Factories for the municipality register: valid keys, a real state, a point in Germany."""

from datetime import date

import factory

from cities.choices import AssociationKind, DistrictKind, MunicipalityKind, StrategyStatus
from cities.models import Association, DigitalProfile, District, Municipality
from portal.choices import PublicationStatus
from portal.models import FederalState


class DistrictFactory(factory.django.DjangoModelFactory):
    """A Landkreis in North Rhine-Westphalia (state 05) unless told otherwise."""

    class Meta:
        model = District
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"05{(n % 900) + 100:03d}")
    name = factory.Sequence(lambda n: f"Kreis {n}")
    kind = DistrictKind.LANDKREIS
    state = factory.LazyAttribute(lambda district: FederalState.objects.get(code=district.key[:2]))


class AssociationFactory(factory.django.DjangoModelFactory):
    """An Amt of a district: its key is the district key and a 4-digit number."""

    class Meta:
        model = Association
        django_get_or_create = ("key",)

    district = factory.SubFactory(DistrictFactory)
    key = factory.Sequence(lambda n: f"{n % 9000 + 1000:04d}")
    name = factory.Sequence(lambda n: f"Amt {n}")
    kind = AssociationKind.AMT
    state = factory.LazyAttribute(lambda association: association.district.state)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["key"] = kwargs["district"].key + kwargs["key"][-4:]
        return super()._create(model_class, *args, **kwargs)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A municipality with a consistent AGS/ARS pair derived from its district."""

    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)

    class Params:
        number = factory.Sequence(lambda n: n % 999 + 1)

    district = factory.SubFactory(DistrictFactory)
    ags = factory.LazyAttribute(lambda m: f"{m.district.key}{m.number:03d}")
    association = None
    # ARS = district key + Gemeindeverband (4 digits) + municipality number.
    ars = factory.LazyAttribute(
        lambda m: f"{m.association.key if m.association else m.district.key + '0000'}{m.number:03d}"
    )
    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    kind = MunicipalityKind.GEMEINDE
    state = factory.LazyAttribute(lambda m: m.district.state)
    population = 12_000
    latitude = factory.Sequence(lambda n: 48.0 + (n % 50) * 0.1)
    longitude = factory.Sequence(lambda n: 7.0 + (n % 60) * 0.1)


class DigitalProfileFactory(factory.django.DjangoModelFactory):
    """A published profile of a new municipality: strategy in development, no themes."""

    class Meta:
        model = DigitalProfile
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    as_of = date(2020, 7, 1)
    status = PublicationStatus.PUBLISHED
    strategy_status = StrategyStatus.IN_DEVELOPMENT

    @factory.post_generation
    def focus_themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_themes.set(extracted)

    @factory.post_generation
    def lighthouse_themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.lighthouse_themes.set(extracted)
