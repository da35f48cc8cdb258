"""Demo content: the first version of the questionnaire, published (the load is idempotent:
a version that exists is left as it is, since a published version never changes)."""

import random

from django.db import transaction
from django.utils import timezone

from cities.choices import SIZE_CLASS_BOUNDS, SizeClass, size_class_for
from cities.models import Municipality
from digitalcheck.choices import AssessmentStatus
from digitalcheck.models import Answer, Assessment, DimensionScore, Questionnaire
from digitalcheck.questionnaire_v1 import DIMENSIONS, SOURCE
from digitalcheck.scoring import score_answers
from digitalcheck.services import questionnaire_create, questionnaire_publish, with_structure

# Example checks (``is_example``, never published, never offered for contact), so that the
# comparisons and the Atlas statistics have groups of five and more to show: small towns of
# North Rhine-Westphalia, last year.
EXAMPLE_STATE = "05"
EXAMPLE_SIZE_CLASS = SizeClass.KLEINSTADT
EXAMPLE_COUNT = 12

INTRODUCTION = (
    "Der Digital-Check zeigt in etwa 15 Minuten, wo Ihre Verwaltung bei der Digitalisierung "
    "steht: in den drei Kriterien des Smart-City-Atlas, in den Handlungsfeldern und bei den "
    "Grundlagen wie Datenplattform, IT-Sicherheit und Qualifizierung. Zu jeder Lücke nennt "
    "das Portal erste Schritte aus seinen Praxisbeispielen, Förderprogrammen und Terminen."
)


def load(*, stdout) -> None:
    questionnaire = Questionnaire.objects.filter(version=1).first()
    if questionnaire is None:
        questionnaire = questionnaire_create(
            version=1,
            title="Digital-Check für Kommunen und Kreise",
            introduction=INTRODUCTION,
            source=SOURCE,
            minutes=15,
            dimensions=DIMENSIONS,
        )
    if not questionnaire.is_frozen:
        questionnaire_publish(questionnaire=questionnaire)
    examples = load_example_checks(questionnaire)
    questions = sum(len(dimension["questions"]) for dimension in DIMENSIONS)
    stdout.write(
        f"Digital-Check: Fragebogen Version {questionnaire.version} mit {len(DIMENSIONS)} "
        f"Dimensionen und {questions} Fragen, {examples} Beispiel-Checks"
    )


@transaction.atomic
def load_example_checks(questionnaire: Questionnaire) -> int:
    """Submitted example checks of real small towns with made-up answers (the same on every
    load), each labelled as an example. Idempotent: a town that has one keeps it."""
    year = timezone.localdate().year - 1
    lower, upper = SIZE_CLASS_BOUNDS[EXAMPLE_SIZE_CLASS]
    towns = list(
        Municipality.objects.filter(
            state_id=EXAMPLE_STATE, population__gte=lower, population__lt=upper
        ).order_by("ags")[:EXAMPLE_COUNT]
    )
    questionnaire = with_structure(Questionnaire.objects).get(pk=questionnaire.pk)
    dimensions = list(questionnaire.dimensions.all())
    existing = set(
        Assessment.objects.filter(is_example=True, municipality__in=towns).values_list(
            "municipality_id", flat=True
        )
    )
    made = 0
    for town in towns:
        if town.pk in existing:
            continue
        rng = random.Random(f"digital-check:{town.ags}")
        # Each town has a general level and varies around it per question.
        base = rng.randint(1, 3)
        answers = {
            question.pk: max(0, min(4, base + rng.choice((-1, 0, 0, 1))))
            for dimension in dimensions
            for question in dimension.questions.all()
        }
        result = score_answers(dimensions, answers)
        check = Assessment.objects.create(
            questionnaire=questionnaire,
            municipality=town,
            year=year,
            status=AssessmentStatus.SUBMITTED,
            state_id=town.state_id,
            size_class=size_class_for(town.population) or "",
            score=result.score,
            is_example=True,
            submitted_at=timezone.now(),
        )
        Answer.objects.bulk_create(
            Answer(assessment=check, question_id=question, value=value)
            for question, value in answers.items()
        )
        DimensionScore.objects.bulk_create(
            DimensionScore(assessment=check, dimension=row.dimension, key=row.key, score=row.score)
            for row in result.dimensions
        )
        made += 1
    return len(existing) + made
