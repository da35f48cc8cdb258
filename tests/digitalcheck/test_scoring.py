"""Scores against answer sets computed by hand (see the factories' SMALL questionnaire)."""

from decimal import Decimal

import pytest

from digitalcheck.models import Questionnaire
from digitalcheck.scoring import score_answers
from digitalcheck.services import with_structure
from tests.digitalcheck.factories import published_questionnaire, question_ids

pytestmark = pytest.mark.django_db


def result_for(levels: dict[str, int]):
    current = Questionnaire.objects.current()
    questionnaire = (
        with_structure(Questionnaire.objects).get(pk=current.pk)
        if current
        else published_questionnaire()
    )
    ids = question_ids(questionnaire)
    return score_answers(
        questionnaire.dimensions.all(), {ids[key]: level for key, level in levels.items()}
    )


def test_weighted_dimensions_and_the_plain_mean_overall():
    result = result_for(
        {
            # (2/4·100·1 + 3/4·100·3) / 4 = (50 + 225) / 4 = 68.75 → 68.8
            "strategie-beschluss": 2,
            "strategie-massnahmen": 3,
            # 1/4·100 = 25
            "datenplattform-plattform": 1,
            # (100 + 25) / 2 = 62.5
            "mobilitaet-daten": 4,
            "mobilitaet-angebote": 1,
        }
    )
    scores = {row.key: row.score for row in result.dimensions}
    assert scores == {
        "strategie": Decimal("68.8"),
        "datenplattform": Decimal("25.0"),
        "mobilitaet": Decimal("62.5"),
    }
    # (68.8 + 25.0 + 62.5) / 3 = 52.1
    assert result.score == Decimal("52.1")
    assert result.complete


def test_strengths_and_gaps_against_the_targets_largest_gap_first():
    result = result_for(
        {
            "strategie-beschluss": 2,
            "strategie-massnahmen": 3,
            "datenplattform-plattform": 1,
            "mobilitaet-daten": 4,
            "mobilitaet-angebote": 1,
        }
    )
    assert [row.key for row in result.strengths] == ["mobilitaet"]
    # Datenplattform misses its 50 by 25 points, the strategy its 75 by 6.2.
    assert [(row.key, row.gap) for row in result.gaps] == [
        ("datenplattform", Decimal("25.0")),
        ("strategie", Decimal("6.2")),
    ]


def test_a_score_on_the_target_counts_as_reached():
    result = result_for({"datenplattform-plattform": 2})  # 50 of a target of 50
    (datenplattform,) = [row for row in result.dimensions if row.key == "datenplattform"]
    assert datenplattform.score == Decimal("50.0")
    assert datenplattform.reaches_target
    assert datenplattform.gap == 0


def test_unanswered_questions_do_not_count_and_the_result_is_incomplete():
    result = result_for({"strategie-beschluss": 4})
    by_key = result.by_key()
    assert by_key["strategie"].score == Decimal("100.0")
    assert (by_key["strategie"].answered, by_key["strategie"].questions) == (1, 2)
    assert by_key["datenplattform"].score is None
    assert result.score == Decimal("100.0")
    assert not result.complete
    assert (result.answered, result.questions) == (1, 5)


def test_nothing_answered_has_no_score():
    result = result_for({})
    assert result.score is None
    assert result.gaps == [] and result.strengths == []


def test_rounding_is_half_up_to_one_place():
    # strategie: (0·1 + 1/4·100·3) / 4 = 75 / 4 = 18.75 → 18.8
    assert result_for({"strategie-beschluss": 0, "strategie-massnahmen": 1}).by_key()[
        "strategie"
    ].score == Decimal("18.8")
    # All at level 0 and 4 in turn: 0 and 100.
    assert result_for({"datenplattform-plattform": 0}).score == Decimal("0.0")
