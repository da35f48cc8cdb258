"""The first version of the questionnaire as the demo loads it."""

from io import StringIO

import pytest

from digitalcheck import demo as demo_module
from digitalcheck.choices import DimensionGroup, QuestionnaireStatus
from digitalcheck.models import Level, Question, Questionnaire

pytestmark = pytest.mark.django_db


def test_demo_publishes_version_one_with_eleven_dimensions_and_thirty_questions_once():
    demo_module.load(stdout=StringIO())
    demo_module.load(stdout=StringIO())
    questionnaire = Questionnaire.objects.get()
    assert (questionnaire.version, questionnaire.status) == (1, QuestionnaireStatus.PUBLISHED)
    dimensions = list(questionnaire.dimensions.select_related("theme"))
    assert [d.key for d in dimensions if d.group == DimensionGroup.ATLAS] == [
        "strategie",
        "organisation",
        "netzwerk",
    ]
    assert len(dimensions) == 11
    assert Question.objects.filter(dimension__questionnaire=questionnaire).count() == 30
    assert Level.objects.filter(question__dimension__questionnaire=questionnaire).count() == 150
    themes = {d.key: d.theme.slug for d in dimensions if d.theme}
    assert themes["datenplattform"] == "datenplattform"
    assert themes["it-sicherheit"] == "sicherheit"
    assert all(0 < d.target <= 100 and d.strength_text and d.gap_text for d in dimensions)
    assert "Smart-City-Atlas" in questionnaire.source


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from tests.conftest import demo_for_module

    with demo_for_module(django_db_blocker):
        yield


def test_full_demo_has_example_checks_that_fill_a_comparison_and_say_they_are_examples(
    demo, client
):
    from django.urls import reverse

    from digitalcheck.models import Assessment

    examples = Assessment.objects.filter(is_example=True)
    assert examples.count() == demo_module.EXAMPLE_COUNT
    assert not examples.filter(is_published=True).exists()
    assert not examples.filter(open_to_contact=True).exists()
    assert set(examples.values_list("size_class", "state_id")) == {("kleinstadt", "05")}
    # Nobody sees them as results; the statistics show them, marked as examples.
    assert client.get(examples.first().get_absolute_url()).status_code == 404
    data = client.get(reverse("api:stats-digital-check")).json()
    assert data["example_count"] == data["body_count"] == 12
    small = next(group for group in data["by_size_class"] if group["key"] == "kleinstadt")
    assert small["shown"] and len(small["dimensions"]) == 11
    page = client.get(reverse("cities:atlas")).content.decode()
    assert "Darunter 12 Beispiel-Checks: erfunden" in page
