from io import StringIO

import pytest

from bestpractices import demo
from bestpractices.models import Project
from portal.choices import PublicationStatus

pytestmark = pytest.mark.django_db


def test_demo_loads_the_eight_seed_projects_published_and_idempotent():
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    projects = Project.objects.select_related("lead_municipality")
    assert projects.count() == 8
    assert {p.status for p in projects} == {PublicationStatus.PUBLISHED}
    leads = {p.slug: p.lead_municipality.ags for p in projects}
    assert leads["gelsenkirchen-freewifi"] == "05513000"
    assert leads["ulm-chatbot-ulmer-spatz"] == "08421000"
    assert leads["cottbus-datendrehscheibe"] == "12052000"
    assert leads["moenchengladbach-smart-city-app"] == "05116000"
    assert leads["bamberg-open-data-portal"] == "09461000"
    assert Project.objects.get(slug="gelsenkirchen-open-innovation-lab-arena-park").is_lighthouse


def test_demo_lead_municipalities_are_the_kreisfreie_staedte_of_the_register():
    demo.load(stdout=StringIO())
    names = set(Project.objects.values_list("lead_municipality__name", flat=True))
    assert {name.split(",")[0] for name in names} == {
        "Gelsenkirchen",
        "Ulm",
        "Cottbus/Chóśebuz",  # the official name since the Sorbian names are part of it
        "Mönchengladbach",
        "Bamberg",
    }
