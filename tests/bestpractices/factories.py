"""Factories for best-practice projects: published unless told otherwise."""

import factory

from bestpractices.choices import ProjectPhase
from bestpractices.models import Project
from portal.choices import PublicationStatus
from tests.cities.factories import MunicipalityFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Eine Kommune erprobt etwas Neues."
    lead_municipality = factory.SubFactory(MunicipalityFactory)
    lead_association = None
    lead_district = None
    # What clean() derives from the lead (factories save without it).
    lead_state = factory.LazyAttribute(
        lambda project: (
            (project.lead_municipality or project.lead_association or project.lead_district).state
            if (project.lead_municipality or project.lead_association or project.lead_district)
            else None
        )
    )
    phase = ProjectPhase.RUNNING
    status = PublicationStatus.PUBLISHED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
