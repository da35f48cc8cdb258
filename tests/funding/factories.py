"""Factories for funding programmes and calls."""

from datetime import timedelta

import factory
from django.utils import timezone

from funding.choices import FundingKind, FundingLevel
from funding.models import Applicant, FundingCall, FundingProgramme
from portal.choices import PublicationStatus


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    """A published federal grant programme open to municipalities (no states = everywhere)."""

    class Meta:
        model = FundingProgramme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Förderprogramm {n}")
    slug = factory.Sequence(lambda n: f"foerderprogramm-{n}")
    funding_body = "Bundesministerium"
    level = FundingLevel.FEDERAL
    kind = FundingKind.GRANT
    status = PublicationStatus.PUBLISHED
    last_verified_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def states(self, create, extracted, **kwargs):
        if create and extracted:
            self.states.set(extracted)

    @factory.post_generation
    def applicants(self, create, extracted, **kwargs):
        if not create:
            return
        slugs = ["kommune"] if extracted is None else extracted
        self.eligible_applicants.set(Applicant.objects.filter(slug__in=slugs))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class FundingCallFactory(factory.django.DjangoModelFactory):
    """An open call whose deadline is 30 days away."""

    class Meta:
        model = FundingCall

    programme = factory.SubFactory(FundingProgrammeFactory)
    title = factory.Sequence(lambda n: f"Aufruf {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    rolling = False
