"""Writes of the Digital-Check: publishing and copying questionnaire versions, and a body's
check from the first answer to its submission."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.choices import StrategyStatus, size_class_for
from cities.models import DigitalProfile
from digitalcheck.choices import LEVEL_VALUES, AssessmentStatus, QuestionnaireStatus
from digitalcheck.models import (
    Answer,
    Assessment,
    Dimension,
    DimensionScore,
    Level,
    Question,
    Questionnaire,
)
from digitalcheck.scoring import Result, score_answers
from members.models import Membership
from members.selectors import body_field_of, edit_refusal
from members.services import change_submit
from portal.models import Theme


def with_structure(queryset):
    """Questionnaires with their dimensions, questions and levels in four queries."""
    return queryset.prefetch_related(
        Prefetch(
            "dimensions",
            queryset=Dimension.objects.select_related("theme").prefetch_related(
                Prefetch(
                    "questions",
                    queryset=Question.objects.prefetch_related(
                        Prefetch("levels", queryset=Level.objects.order_by("value"))
                    ),
                )
            ),
        )
    )


def structure_problems(questionnaire: Questionnaire) -> list[str]:
    """What keeps a draft version from being published: a dimension without questions, a
    question without its five levels, a question key used twice."""
    problems = []
    dimensions = list(questionnaire.dimensions.all())
    if not dimensions:
        problems.append(_("Der Fragebogen hat noch keine Dimension."))
    keys = set()
    for dimension in dimensions:
        questions = list(dimension.questions.all())
        if not questions:
            problems.append(
                _("Die Dimension „%(name)s“ hat keine Frage.") % {"name": dimension.name}
            )
        for question in questions:
            if question.key in keys:
                problems.append(
                    _("Der Schlüssel „%(key)s“ gehört zu mehr als einer Frage.")
                    % {"key": question.key}
                )
            keys.add(question.key)
            values = sorted(level.value for level in question.levels.all())
            if values != list(LEVEL_VALUES):
                problems.append(
                    _("Die Frage „%(text)s“ braucht genau die Stufen 0 bis 4.")
                    % {"text": question.text}
                )
    return problems


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    """Publish a draft version; the version published until now is retired. From now on
    the version, its dimensions, questions and levels never change."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ValidationError(_("Nur ein Entwurf kann veröffentlicht werden."), code="frozen")
    problems = structure_problems(with_structure(Questionnaire.objects).get(pk=questionnaire.pk))
    if problems:
        raise ValidationError(problems, code="incomplete")
    Questionnaire.objects.published().update(status=QuestionnaireStatus.RETIRED)
    questionnaire.status = QuestionnaireStatus.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    return questionnaire


@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire) -> Questionnaire:
    """A draft copy of ``questionnaire`` under the next version number, to be changed and
    published in its place. Dimensions keep their keys, so results stay comparable."""
    source = with_structure(Questionnaire.objects).get(pk=questionnaire.pk)
    version = (Questionnaire.objects.aggregate(highest=Max("version"))["highest"] or 0) + 1
    copy = Questionnaire.objects.create(
        version=version,
        title=source.title,
        introduction=source.introduction,
        source=source.source,
        minutes=source.minutes,
    )
    for dimension in source.dimensions.all():
        questions = list(dimension.questions.all())
        dimension.pk = None
        dimension.questionnaire = copy
        dimension.save()
        for question in questions:
            levels = list(question.levels.all())
            question.pk = None
            question.dimension = dimension
            question.save()
            Level.objects.bulk_create(
                Level(question=question, value=level.value, description=level.description)
                for level in levels
            )
    return copy


@transaction.atomic
def questionnaire_create(*, version: int, title: str, dimensions: list[dict], **fields):
    """A draft version from plain data (the demo's first version): each dimension a dict
    with its fields and ``questions``, each question with its five ``levels`` as text."""
    questionnaire = Questionnaire(version=version, title=title, **fields)
    questionnaire.full_clean()
    questionnaire.save()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for position, data in enumerate(dimensions):
        dimension = Dimension(
            questionnaire=questionnaire,
            key=data["key"],
            group=data["group"],
            theme=themes.get(data["theme"]) if data.get("theme") else None,
            name=data["name"],
            description=data["description"],
            target=data["target"],
            strength_text=data["strength"],
            gap_text=data["gap"],
            position=position,
        )
        dimension.full_clean()
        dimension.save()
        for question_position, question_data in enumerate(data["questions"]):
            question = Question(
                dimension=dimension,
                key=question_data["key"],
                text=question_data["text"],
                help_text=question_data.get("help", ""),
                weight=question_data.get("weight", 1),
                position=question_position,
            )
            question.full_clean()
            question.save()
            levels = [
                Level(question=question, value=value, description=text)
                for value, text in zip(LEVEL_VALUES, question_data["levels"], strict=True)
            ]
            for level in levels:
                level.full_clean()
            Level.objects.bulk_create(levels)
    return questionnaire


# --- A body's check -----------------------------------------------------------------------


def take_refusal(user, body) -> str | None:
    """Why ``user`` may not fill in the check of ``body``, or None: its verified members
    may (any role); submitting it is for its maintainers (``submit_refusal``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Bitte melden Sie sich an.")
    verified = (
        Membership.objects.verified().filter(user=user, **{body_field_of(body): body}).exists()
    )
    if not verified:
        return _("Den Digital-Check von %(body)s füllen nur ihre bestätigten Mitglieder aus.") % {
            "body": body
        }
    return None


def submit_refusal(user, body) -> str | None:
    """Why ``user`` may not submit or publish the check of ``body``, or None: the same rule
    as for the body's other content, its verified maintainers."""
    return edit_refusal(user, body)


def assessment_draft(*, body, user, year: int | None = None) -> Assessment:
    """The body's draft of this year, started now if there is none. Verified members of
    the body share one draft."""
    refusal = take_refusal(user, body)
    if refusal:
        raise PermissionDenied(refusal)
    year = year or timezone.localdate().year
    field = body_field_of(body)
    existing = Assessment.objects.drafts().filter(**{field: body}, year=year).first()
    if existing is not None:
        return existing
    questionnaire = Questionnaire.objects.current()
    if questionnaire is None:
        raise ValidationError(_("Es ist noch kein Fragebogen veröffentlicht."), code="none")
    draft = Assessment(questionnaire=questionnaire, year=year, created_by=user, **{field: body})
    draft.full_clean()
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        # A colleague started the draft at the same moment: theirs is the one.
        return Assessment.objects.drafts().get(**{field: body}, year=year)
    return draft


@transaction.atomic
def answers_save(*, assessment: Assessment, answers: dict[int, int], user) -> None:
    """Keep ``answers`` (question id → level) in a draft; other answers stay as they are."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    refusal = take_refusal(user, assessment.body)
    if refusal:
        raise PermissionDenied(refusal)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Ein eingereichter Check kann nicht mehr geändert werden."))
    questions = set(
        Question.objects.filter(
            dimension__questionnaire=assessment.questionnaire_id, pk__in=answers
        ).values_list("pk", flat=True)
    )
    unknown = set(answers) - questions
    if unknown or any(value not in LEVEL_VALUES for value in answers.values()):
        raise ValidationError(_("Die Antworten passen nicht zu diesem Fragebogen."))
    existing = {
        answer.question_id: answer
        for answer in Answer.objects.filter(assessment=assessment, question__in=answers)
    }
    changed = []
    for question_id, value in answers.items():
        answer = existing.get(question_id)
        if answer is None:
            existing[question_id] = Answer(
                assessment=assessment, question_id=question_id, value=value
            )
        elif answer.value != value:
            answer.value = value
            changed.append(answer)
    Answer.objects.bulk_create([answer for answer in existing.values() if answer.pk is None])
    Answer.objects.bulk_update(changed, ["value"])
    assessment.save(update_fields=["updated_at"])


def answers_of(assessment: Assessment) -> dict[int, int]:
    return dict(assessment.answers.values_list("question_id", "value"))


def result_of(assessment: Assessment, questionnaire: Questionnaire | None = None) -> Result:
    """The scores of a check from its answers (``questionnaire`` with its structure)."""
    questionnaire = questionnaire or with_structure(Questionnaire.objects).get(
        pk=assessment.questionnaire_id
    )
    return score_answers(questionnaire.dimensions.all(), answers_of(assessment))


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, user, is_published: bool = False, open_to_contact: bool = False
) -> Assessment:
    """Submit a complete draft: its scores are computed and kept, the body's state and
    size class recorded, and it counts for comparisons from now on."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("municipality", "association", "district")
        .get(pk=assessment.pk)
    )
    refusal = submit_refusal(user, assessment.body)
    if refusal:
        raise PermissionDenied(refusal)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Dieser Check ist schon eingereicht."), code="submitted")
    result = result_of(assessment)
    if not result.complete:
        raise ValidationError(
            _(
                "Bitte beantworten Sie zuerst alle Fragen: %(answered)s von %(questions)s "
                "sind beantwortet."
            )
            % {"answered": result.answered, "questions": result.questions},
            code="incomplete",
        )
    body = assessment.body
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_by = user
    assessment.submitted_at = timezone.now()
    assessment.score = result.score
    assessment.state_id = body.state_id
    assessment.size_class = size_class_for(getattr(body, "population", None)) or ""
    assessment.is_published = is_published
    assessment.open_to_contact = open_to_contact
    try:
        assessment.validate_constraints()
    except ValidationError as error:
        raise ValidationError(error.messages, code="unique") from error
    assessment.save()
    DimensionScore.objects.bulk_create(
        DimensionScore(
            assessment=assessment,
            dimension=dimension_result.dimension,
            key=dimension_result.key,
            score=dimension_result.score,
        )
        for dimension_result in result.dimensions
    )
    return assessment


@transaction.atomic
def assessment_sharing(
    *, assessment: Assessment, user, is_published: bool, open_to_contact: bool
) -> Assessment:
    """A maintainer publishes a submitted result (or takes it back) and says whether other
    bodies may contact them about their strengths."""
    refusal = submit_refusal(user, assessment.body)
    if refusal:
        raise PermissionDenied(refusal)
    assessment.is_published = is_published
    assessment.open_to_contact = open_to_contact
    assessment.save(update_fields=["is_published", "open_to_contact", "updated_at"])
    return assessment


# --- The body's digital profile -----------------------------------------------------------

# What a submitted check says about the three criteria of the Smart-City-Atlas, from the
# scores of the dimensions with these keys: a strategy from 75 on counts as adopted (its
# questions then say "beschlossen" and "umgesetzt"), from 25 on as in development; a unit
# and a partner network count from 50 on ("in place for part of the administration").
STRATEGY_ADOPTED_FROM = 75
STRATEGY_IN_DEVELOPMENT_FROM = 25
CRITERION_FROM = 50


def profile_criteria(scores: dict[str, Decimal], profile: DigitalProfile) -> dict:
    """The values of the profile's Atlas criteria that the scores stand for, with the
    details that would contradict them cleared (the editors see both in the review)."""
    values = {}
    if "strategie" in scores:
        score = scores["strategie"]
        values["strategy_status"] = (
            StrategyStatus.ADOPTED
            if score >= STRATEGY_ADOPTED_FROM
            else StrategyStatus.IN_DEVELOPMENT
            if score >= STRATEGY_IN_DEVELOPMENT_FROM
            else StrategyStatus.NONE
        )
        if values["strategy_status"] != StrategyStatus.ADOPTED and profile.strategy_adopted_on:
            values["strategy_adopted_on"] = None
    if "organisation" in scores:
        values["has_organisational_unit"] = scores["organisation"] >= CRITERION_FROM
        if not values["has_organisational_unit"]:
            values |= {"organisational_unit_name": "", "organisational_unit_lead": ""}
    if "netzwerk" in scores:
        values["has_partner_network"] = scores["netzwerk"] >= CRITERION_FROM
    return {
        name: str(value) if name == "strategy_status" else value for name, value in values.items()
    }


def profile_update_propose(*, assessment: Assessment, user):
    """Propose the Atlas criteria of a submitted check for the body's digital profile. Like
    any change of a profile it waits for an editor's review (``members.change_submit``,
    which also checks that ``user`` maintains the body)."""
    if not assessment.is_submitted:
        raise ValidationError(_("Nur ein eingereichter Check kann das Profil ändern."))
    body = assessment.body
    profile = DigitalProfile.objects.filter(**{body_field_of(body): body}).first()
    if profile is None:
        raise ValidationError(
            _(
                "%(body)s hat noch kein Digitalprofil. Legen Sie es zuerst an; danach können "
                "Sie die Kriterien aus dem Check übernehmen."
            )
            % {"body": body},
            code="no_profile",
        )
    scores = dict(assessment.scores.values_list("key", "score"))
    return change_submit(
        model=DigitalProfile,
        instance=profile,
        body=body,
        values=profile_criteria(scores, profile),
        user=user,
    )
