"""The Digital-Check: versioned questionnaires of dimensions, questions and maturity levels,
and the bodies' self-assessments with their answers and scores."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.choices import SizeClass
from digitalcheck.choices import (
    HIGHEST_LEVEL,
    AssessmentStatus,
    DimensionGroup,
    QuestionnaireStatus,
)
from digitalcheck.querysets import AssessmentQuerySet, QuestionnaireQuerySet
from portal.db import exactly_one
from portal.models import Illustrative

# The bodies of the register that take the check (partner organisations do not).
BODY_FIELDS = ("municipality", "association", "district")

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]

FROZEN_MESSAGE = _(
    "Diese Version des Fragebogens ist veröffentlicht und kann nicht mehr geändert werden. "
    "Legen Sie eine neue Version an."
)


class Questionnaire(models.Model):
    """One version of the check. Once published it never changes, so that every answer keeps
    the question it answered; a change is a new version."""

    version = models.PositiveSmallIntegerField(_("Version"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(_("Einleitung"), blank=True)
    source = models.TextField(
        _("Grundlage"), blank=True, help_text=_("Woraus die Fragen entwickelt wurden.")
    )
    minutes = models.PositiveSmallIntegerField(
        _("Dauer in Minuten"), default=15, help_text=_("Wie lange das Ausfüllen etwa dauert.")
    )
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")

    def __str__(self):
        return _("%(title)s, Version %(version)s") % {"title": self.title, "version": self.version}

    def save(self, *args, **kwargs):
        # A published version changes no more, except that it is retired (its status).
        stored = Questionnaire.objects.filter(pk=self.pk).values_list("status", flat=True)
        only_status = set(kwargs.get("update_fields") or ["all"]) <= {"status"}
        frozen = self.pk and stored.first() not in (None, QuestionnaireStatus.DRAFT)
        if frozen and not only_status:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status != QuestionnaireStatus.DRAFT


class FrozenWithQuestionnaire(models.Model):
    """A part of a questionnaire: it cannot be saved or deleted once its version is
    published, whichever way the write comes (admin, shell, import). Bulk ``update()``
    bypasses it, as it bypasses ``save()``; no code of the portal uses one on these."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        self.refuse_if_frozen()

    def stored_questionnaire_status(self) -> str | None:
        raise NotImplementedError

    def refuse_if_frozen(self) -> None:
        status = self.stored_questionnaire_status()
        if status is not None and status != QuestionnaireStatus.DRAFT:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")


class Dimension(FrozenWithQuestionnaire):
    """What the check measures in one area, with the target ("Soll") the centre recommends.
    Its ``key`` stays the same across versions: results are compared by it."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("Fragebogen"),
    )
    key = models.SlugField(
        _("Schlüssel"),
        max_length=40,
        help_text=_(
            "Bleibt über die Versionen gleich: Ergebnisse verschiedener Versionen werden nur "
            "bei gleichem Schlüssel verglichen."
        ),
    )
    group = models.CharField(_("Art"), max_length=10, choices=DimensionGroup.choices)
    theme = models.ForeignKey(
        "portal.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Handlungsfeld"),
        help_text=_(
            "Für „Erste Schritte“: Praxisbeispiele, Förderprogramme, Expertenkreise und Termine "
            "dieses Handlungsfelds."
        ),
    )
    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Beschreibung"))
    target = models.PositiveSmallIntegerField(
        _("Soll (0–100)"), validators=PERCENT, help_text=_("Das empfohlene erste Ziel.")
    )
    strength_text = models.TextField(_("Text bei Erreichen des Solls"))
    gap_text = models.TextField(_("Text bei einer Lücke"))
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["questionnaire", "position", "pk"]
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"],
                name="digitalcheck_dimension_key_once_per_version",
                violation_error_message=_(
                    "Diesen Schlüssel hat schon eine Dimension dieser Version."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def stored_questionnaire_status(self):
        return (
            Questionnaire.objects.filter(pk=self.questionnaire_id)
            .values_list("status", flat=True)
            .first()
        )


class Question(FrozenWithQuestionnaire):
    """A question whose answer is one of five maturity levels described in words."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="questions", verbose_name=_("Dimension")
    )
    key = models.SlugField(_("Schlüssel"), max_length=60)
    text = models.CharField(_("Frage"), max_length=300)
    help_text = models.TextField(_("Erläuterung"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("Gewicht"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 bis 3: wie stark die Frage in die Dimension eingeht."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["dimension__position", "position", "pk"]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key"],
                name="digitalcheck_question_key_once_per_dimension",
                violation_error_message=_(
                    "Diesen Schlüssel hat schon eine Frage dieser Dimension."
                ),
            )
        ]

    def __str__(self):
        return self.text

    def stored_questionnaire_status(self):
        return (
            Questionnaire.objects.filter(dimensions=self.dimension_id)
            .values_list("status", flat=True)
            .first()
        )


class Level(FrozenWithQuestionnaire):
    """One maturity level of a question: 0 (nothing yet) to 4 (established and reviewed)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="levels", verbose_name=_("Frage")
    )
    value = models.PositiveSmallIntegerField(
        _("Stufe"), validators=[MaxValueValidator(HIGHEST_LEVEL)]
    )
    description = models.CharField(_("Beschreibung"), max_length=300)

    class Meta:
        ordering = ["question", "value"]
        verbose_name = _("Reifegradstufe")
        verbose_name_plural = _("Reifegradstufen")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "value"],
                name="digitalcheck_level_once_per_question",
                violation_error_message=_("Diese Stufe hat die Frage schon."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__lte=HIGHEST_LEVEL),
                name="digitalcheck_level_value_range",
            ),
        ]

    def __str__(self):
        return f"{self.value}: {self.description}"

    def stored_questionnaire_status(self):
        return (
            Questionnaire.objects.filter(dimensions__questions=self.question_id)
            .values_list("status", flat=True)
            .first()
        )


class Assessment(Illustrative):
    """A body's check in one year: a draft its verified members fill in, submitted by one of
    its maintainers. At most one draft and one submitted check per body and year."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("Fragebogen"),
    )
    municipality = models.ForeignKey(
        "cities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    association = models.ForeignKey(
        "cities.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gemeindeverband"),
    )
    district = models.ForeignKey(
        "cities.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kreis"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    # Copied from the body when the check is submitted: the peer groups and statistics are
    # those of the body as it was then, and need no join to three tables.
    state = models.ForeignKey(
        "portal.FederalState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Land"),
        null=True,
        blank=True,
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=16, choices=SizeClass.choices, blank=True
    )
    score = models.DecimalField(
        _("Gesamtwert"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    is_published = models.BooleanField(
        _("Ergebnis veröffentlicht"),
        default=False,
        help_text=_("Sonst sehen das Ergebnis nur die Mitglieder der Stelle und die Redaktion."),
    )
    open_to_contact = models.BooleanField(
        _("Ansprechbar für andere Stellen"),
        default=False,
        help_text=_(
            "Andere Stellen, denen in einer Dimension etwas fehlt, in der diese Stelle stark "
            "ist, sehen sie unter „Erste Schritte“ und können sie über das Portal ansprechen."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingereicht von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-submitted_at", "-pk"]
        verbose_name = _("Digital-Check einer Stelle")
        verbose_name_plural = _("Digital-Checks der Stellen")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(BODY_FIELDS),
                name="digitalcheck_assessment_one_body",
                violation_error_message=_("Ein Digital-Check gilt genau einer Stelle."),
            ),
            *(
                models.UniqueConstraint(
                    fields=[name, "year"],
                    condition=models.Q(status=status, **{f"{name}__isnull": False}),
                    name=f"digitalcheck_one_{status}_per_{name}_and_year",
                    violation_error_message=message,
                )
                for name in BODY_FIELDS
                for status, message in (
                    (
                        AssessmentStatus.SUBMITTED,
                        _("Für diese Stelle ist in diesem Jahr schon ein Check eingereicht."),
                    ),
                    (
                        AssessmentStatus.DRAFT,
                        _("Für diese Stelle gibt es in diesem Jahr schon einen Entwurf."),
                    ),
                )
            ),
        ]
        indexes = [models.Index(fields=["status", "size_class"], name="dc_assessment_peers")]

    def __str__(self):
        return _("Digital-Check %(year)s von %(body)s") % {"year": self.year, "body": self.body}

    def get_absolute_url(self):
        return reverse("digitalcheck:assessment_detail", args=[self.pk])

    @property
    def body(self):
        for name in BODY_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def body_field(self) -> str | None:
        return next((n for n in BODY_FIELDS if getattr(self, f"{n}_id") is not None), None)

    def body_filter(self) -> dict:
        name = self.body_field
        return {f"{name}_id": getattr(self, f"{name}_id")} if name else {}

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class Answer(models.Model):
    """The level a body chose for one question of its check."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("Check")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("Frage")
    )
    value = models.PositiveSmallIntegerField(
        _("Stufe"), validators=[MaxValueValidator(HIGHEST_LEVEL)]
    )

    class Meta:
        ordering = ["assessment", "question__dimension__position", "question__position"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="digitalcheck_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(value__lte=HIGHEST_LEVEL),
                name="digitalcheck_answer_value_range",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class DimensionScore(models.Model):
    """The score of a submitted check in one dimension, kept for the comparisons and the
    statistics. ``key`` is the dimension's key, which is the same in every version."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("Check")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="+", verbose_name=_("Dimension")
    )
    key = models.SlugField(_("Schlüssel der Dimension"), max_length=40, db_index=True)
    score = models.DecimalField(_("Wert"), max_digits=4, decimal_places=1, validators=PERCENT)

    class Meta:
        ordering = ["assessment", "dimension__position"]
        verbose_name = _("Wert einer Dimension")
        verbose_name_plural = _("Werte der Dimensionen")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="digitalcheck_score_once_per_dimension"
            )
        ]

    def __str__(self):
        return f"{self.key}: {self.score}"
