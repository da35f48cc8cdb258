"""Demo content: the first version of the questionnaire, published (the load is idempotent:
a version that exists is left as it is, since a published version never changes)."""

from digitalcheck.models import Questionnaire
from digitalcheck.questionnaire_v1 import DIMENSIONS, SOURCE
from digitalcheck.services import questionnaire_create, questionnaire_publish

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
    questions = sum(len(dimension["questions"]) for dimension in DIMENSIONS)
    stdout.write(
        f"Digital-Check: Fragebogen Version {questionnaire.version} mit {len(DIMENSIONS)} "
        f"Dimensionen und {questions} Fragen"
    )
