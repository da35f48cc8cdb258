"""A small questionnaire of known structure, and submitted checks of bodies, for tests."""

from digitalcheck.choices import AssessmentStatus
from digitalcheck.models import Assessment, Questionnaire
from digitalcheck.services import (
    answers_save,
    assessment_draft,
    assessment_submit,
    questionnaire_create,
    questionnaire_publish,
    with_structure,
)
from members.choices import MembershipRole
from tests.members.factories import verified_member


def levels(name: str) -> list[str]:
    return [f"{name}: Stufe {value}" for value in range(5)]


# Three dimensions: "strategie" (two questions, weights 1 and 3), "datenplattform" (one
# question, weight 2, theme datenplattform) and "mobilitaet" (two questions of weight 1).
SMALL = [
    {
        "key": "strategie",
        "group": "atlas",
        "theme": None,
        "name": "Digitalstrategie",
        "description": "Ob es eine Strategie gibt.",
        "target": 75,
        "strength": "Die Strategie trägt.",
        "gap": "Eine Strategie fehlt.",
        "questions": [
            {
                "key": "strategie-beschluss",
                "text": "Beschlossen?",
                "weight": 1,
                "levels": levels("Beschluss"),
            },
            {
                "key": "strategie-massnahmen",
                "text": "Maßnahmen?",
                "weight": 3,
                "levels": levels("Maßnahmen"),
            },
        ],
    },
    {
        "key": "datenplattform",
        "group": "enabler",
        "theme": "datenplattform",
        "name": "Datenplattform",
        "description": "Ob Daten geteilt werden.",
        "target": 50,
        "strength": "Die Daten fließen.",
        "gap": "Eine Datenplattform fehlt.",
        "questions": [
            {
                "key": "datenplattform-plattform",
                "text": "Plattform?",
                "weight": 2,
                "levels": levels("Plattform"),
            },
        ],
    },
    {
        "key": "mobilitaet",
        "group": "field",
        "theme": "mobilitaet",
        "name": "Mobilität",
        "description": "Ob Verkehr digital gesteuert wird.",
        "target": 50,
        "strength": "Der Verkehr ist digital.",
        "gap": "Die Mobilität ist analog.",
        "questions": [
            {
                "key": "mobilitaet-daten",
                "text": "Verkehrsdaten?",
                "weight": 1,
                "levels": levels("Verkehr"),
            },
            {
                "key": "mobilitaet-angebote",
                "text": "Angebote?",
                "weight": 1,
                "levels": levels("Angebote"),
            },
        ],
    },
]


def published_questionnaire(version: int = 1, dimensions=None) -> Questionnaire:
    questionnaire = questionnaire_create(
        version=version, title="Test-Check", dimensions=dimensions or SMALL
    )
    questionnaire_publish(questionnaire=questionnaire)
    return with_structure(Questionnaire.objects).get(pk=questionnaire.pk)


def question_ids(questionnaire) -> dict[str, int]:
    return {
        question.key: question.pk
        for dimension in questionnaire.dimensions.all()
        for question in dimension.questions.all()
    }


def submitted_check(body: dict, levels_by_key: dict[str, int], *, year=2026, **sharing):
    """A body's (``municipality=…``) submitted check with the given levels (key → level)."""
    questionnaire = Questionnaire.objects.current()
    maintainer = verified_member(body, role=MembershipRole.MAINTAINER)
    draft = assessment_draft(body=next(iter(body.values())), user=maintainer, year=year)
    ids = question_ids(with_structure(Questionnaire.objects).get(pk=questionnaire.pk))
    answers_save(
        assessment=draft,
        answers={ids[key]: level for key, level in levels_by_key.items()},
        user=maintainer,
    )
    submitted = assessment_submit(assessment=draft, user=maintainer, **sharing)
    assert submitted.status == AssessmentStatus.SUBMITTED
    return Assessment.objects.get(pk=submitted.pk)


def all_at(level: int) -> dict[str, int]:
    return {question["key"]: level for dimension in SMALL for question in dimension["questions"]}
