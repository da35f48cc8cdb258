"""The first version of the questionnaire as the demo loads it."""

from io import StringIO

import pytest

from digitalcheck import demo
from digitalcheck.choices import DimensionGroup, QuestionnaireStatus
from digitalcheck.models import Level, Question, Questionnaire

pytestmark = pytest.mark.django_db


def test_demo_publishes_version_one_with_eleven_dimensions_and_thirty_questions_once():
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
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
