"""Versions: a published version never changes; a new version is a draft copy whose
dimensions keep their keys."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from digitalcheck.choices import QuestionnaireStatus
from digitalcheck.models import Dimension, Level, Question, Questionnaire
from digitalcheck.services import (
    questionnaire_create,
    questionnaire_new_version,
    questionnaire_publish,
)
from tests.digitalcheck.factories import SMALL, published_questionnaire

pytestmark = pytest.mark.django_db


def test_a_published_version_cannot_be_changed_in_any_part():
    questionnaire = published_questionnaire()
    dimension = questionnaire.dimensions.all()[0]
    question = dimension.questions.all()[0]
    level = question.levels.all()[0]
    for part, change in [
        (questionnaire, {"title": "Anders"}),
        (dimension, {"target": 10}),
        (question, {"text": "Andere Frage?"}),
        (level, {"description": "Anders"}),
    ]:
        for name, value in change.items():
            setattr(part, name, value)
        with pytest.raises(ValidationError, match="veröffentlicht"):
            part.save()
        with pytest.raises(ValidationError):
            part.delete()
    with pytest.raises(ValidationError):
        Question.objects.create(dimension=dimension, key="neu", text="Neu?")
    with pytest.raises(ValidationError):
        Level.objects.create(question=question, value=4, description="x")
    assert Question.objects.get(pk=question.pk).text != "Andere Frage?"
    assert Dimension.objects.get(pk=dimension.pk).target == 75


def test_the_admin_shows_a_published_version_read_only(editor_client):
    questionnaire = published_questionnaire()
    question = questionnaire.dimensions.all()[0].questions.all()[0]
    url = reverse("admin:digitalcheck_question_change", args=[question.pk])
    response = editor_client.post(url, {"text": "Geändert?", "key": question.key, "weight": 1})
    assert response.status_code == 403
    assert Question.objects.get(pk=question.pk).text == question.text


def test_a_new_version_is_an_editable_draft_with_the_same_keys_and_the_old_one_is_retired():
    first = published_questionnaire()
    second = questionnaire_new_version(questionnaire=first)
    assert (second.version, second.status) == (2, QuestionnaireStatus.DRAFT)
    assert list(second.dimensions.values_list("key", flat=True)) == [d["key"] for d in SMALL]
    dimension = second.dimensions.get(key="strategie")
    dimension.target = 80
    dimension.save()
    assert Level.objects.filter(question__dimension__questionnaire=second).count() == 25
    questionnaire_publish(questionnaire=second)
    first.refresh_from_db()
    assert first.status == QuestionnaireStatus.RETIRED
    assert Questionnaire.objects.current() == second
    assert first.dimensions.get(key="strategie").target == 75


def test_publishing_refuses_an_incomplete_version_and_names_the_question():
    broken = [dict(SMALL[0], questions=[dict(SMALL[0]["questions"][0])])]
    questionnaire = questionnaire_create(version=1, title="Unvollständig", dimensions=broken)
    Level.objects.filter(question__dimension__questionnaire=questionnaire, value=4).delete()
    with pytest.raises(ValidationError) as error:
        questionnaire_publish(questionnaire=questionnaire)
    assert error.value.messages == ["Die Frage „Beschlossen?“ braucht genau die Stufen 0 bis 4."]
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.DRAFT


def test_publishing_twice_is_refused():
    questionnaire = published_questionnaire()
    with pytest.raises(ValidationError):
        questionnaire_publish(questionnaire=questionnaire)
