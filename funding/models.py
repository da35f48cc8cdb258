from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.choices import STATUS_RANK, FundingKind, FundingLevel
from funding.querysets import FundingCallQuerySet, FundingProgrammeQuerySet
from funding.status import call_status, programme_status_from_ranks
from portal.history import EditorialHistory
from portal.models import FederalState, Illustrative, LocalisedNameMixin, Publishable, Theme

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
# Fixed pages under /foerderprogramme/ that a programme's slug must not hide.
RESERVED_SLUGS = {"fristen", "passt-zu-meiner-kommune"}


def verification_max_age() -> timedelta:
    """After this long without a check a programme is flagged (six months by default)."""
    return timedelta(days=getattr(settings, "FUNDING_VERIFICATION_MAX_AGE_DAYS", 183))


class Applicant(LocalisedNameMixin, models.Model):
    """A kind of eligible applicant (municipality, district, non-profit, …), seeded by
    migration."""

    slug = models.SlugField(_("Kurzname"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=80, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Antragsberechtigte")
        verbose_name_plural = _("Antragsberechtigte")

    def __str__(self):
        return self.display_name


class FundingProgramme(Illustrative, Publishable):
    """A funding programme of the EU, the federal government, a Land or another body."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname für URLs"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzbezeichnung"), max_length=60, blank=True)
    funding_body = models.CharField(_("Fördergeber"), max_length=200, blank=True)
    level = models.CharField(_("Ebene"), max_length=16, choices=FundingLevel.choices)
    states = models.ManyToManyField(
        FederalState,
        blank=True,
        related_name="funding_programmes",
        verbose_name=_("Länder"),
        help_text=_(
            "Wo das Programm gilt. Leer bei EU- und Bundesprogrammen heißt: überall. "
            "Landesprogramme nennen ihr Land."
        ),
    )
    eligible_applicants = models.ManyToManyField(
        Applicant,
        blank=True,
        related_name="programmes",
        verbose_name=_("Antragsberechtigte"),
    )
    population_min = models.PositiveIntegerField(
        _("Mindesteinwohnerzahl"),
        null=True,
        blank=True,
        help_text=_("Nur Kommunen mit mindestens so vielen Einwohnern sind antragsberechtigt."),
    )
    population_max = models.PositiveIntegerField(
        _("Höchsteinwohnerzahl"),
        null=True,
        blank=True,
        help_text=_("Nur Kommunen mit höchstens so vielen Einwohnern sind antragsberechtigt."),
    )
    kind = models.CharField(_("Förderart"), max_length=16, choices=FundingKind.choices)
    funding_rate_min = models.DecimalField(
        _("Förderquote von (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    funding_rate_max = models.DecimalField(
        _("Förderquote bis (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    max_amount = models.DecimalField(
        _("Höchstbetrag (Euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    own_contribution = models.DecimalField(
        _("Eigenanteil (Euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Mindestens aufzubringender Eigenanteil in Euro."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="funding_programmes", verbose_name=_("Handlungsfelder")
    )
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    funded_activities = models.TextField(
        _("Was wird gefördert?"), blank=True, help_text=_("Markdown.")
    )
    requirements = models.TextField(_("Voraussetzungen"), blank=True, help_text=_("Markdown."))
    legal_basis = models.TextField(_("Rechtsgrundlage"), blank=True)
    contact = models.TextField(_("Ansprechpartner"), blank=True)
    link = models.URLField(_("Quelle/Link"), max_length=500, blank=True)

    history = EditorialHistory(m2m_fields=[states, eligible_applicants, themes])
    objects = FundingProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        indexes = [
            models.Index(fields=["level", "kind"], name="funding_prog_level_kind_idx"),
            models.Index(fields=["last_verified_on"], name="funding_prog_verified_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funding_rate_min__isnull=True)
                | models.Q(funding_rate_max__isnull=True)
                | models.Q(funding_rate_min__lte=models.F("funding_rate_max")),
                name="funding_prog_rate_min_lte_max",
            ),
            models.CheckConstraint(
                condition=models.Q(population_min__isnull=True)
                | models.Q(population_max__isnull=True)
                | models.Q(population_min__lte=models.F("population_max")),
                name="funding_prog_population_min_lte_max",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:programme_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Dieser Kurzname ist für eine Seite des Portals reserviert.")
        if (
            self.funding_rate_min is not None
            and self.funding_rate_max is not None
            and self.funding_rate_min > self.funding_rate_max
        ):
            errors["funding_rate_max"] = _(
                "Die höchste Förderquote muss mindestens so groß sein wie die niedrigste."
            )
        if (
            self.population_min is not None
            and self.population_max is not None
            and self.population_min > self.population_max
        ):
            errors["population_max"] = _(
                "Die Höchsteinwohnerzahl muss mindestens so groß sein wie die Mindesteinwohnerzahl."
            )
        if errors:
            raise ValidationError(errors)

    def status_from_calls(self, now=None) -> str:
        """The programme's status computed in Python from its (prefetched) calls; the
        ``funding_status`` annotation gives the same in SQL."""
        now = now or timezone.now()
        return programme_status_from_ranks(
            STATUS_RANK[call.status_at(now)] for call in self.calls.all()
        )

    @property
    def verification_overdue(self) -> bool:
        """Not checked by the editors for longer than the allowed age (or never)."""
        if self.last_verified_on is None:
            return True
        return self.last_verified_on < timezone.localdate() - verification_max_age()


def validate_programme_states(level: str, states) -> None:
    """A Land's programme must name its state(s); used by the admin form, the API and the
    import, since many-to-many values are not known to ``Model.clean``."""
    if level == FundingLevel.STATE and not list(states):
        raise ValidationError({"states": _("Ein Landesprogramm muss mindestens ein Land nennen.")})


# A programme's editable fields, in the groups the admin shows them in: the admin form, the
# spreadsheet import and the API read them from here (the publication workflow adds status
# and "last verified").
PROGRAMME_FIELD_GROUPS = [
    (None, ["title", "slug", "short_name", "funding_body", "level", "kind", "link", "is_example"]),
    (_("Wer und wo"), ["states", "eligible_applicants", "population_min", "population_max"]),
    (
        _("Konditionen"),
        ["funding_rate_min", "funding_rate_max", "max_amount", "own_contribution"],
    ),
    (
        _("Inhalt"),
        ["themes", "summary", "funded_activities", "requirements", "legal_basis", "contact"],
    ),
]
PROGRAMME_FIELDS = [name for _label, names in PROGRAMME_FIELD_GROUPS for name in names]


class FundingCall(Illustrative):
    """One round (call for proposals) of a programme, with its opening and deadline."""

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name=_("Förderprogramm"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    opens_at = models.DateTimeField(_("Beginn der Antragsfrist"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("Frist"),
        null=True,
        blank=True,
        help_text=_("Datum und Uhrzeit (deutsche Zeit), bis zu der Anträge eingehen müssen."),
    )
    rolling = models.BooleanField(
        _("laufend (ohne Frist)"),
        default=False,
        help_text=_("Anträge sind jederzeit möglich; dann ohne Frist."),
    )
    budget = models.DecimalField(
        _("Budget (Euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    link = models.URLField(_("Link zum Aufruf"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    history = EditorialHistory()
    objects = FundingCallQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("Förderaufruf")
        verbose_name_plural = _("Förderaufrufe")
        indexes = [
            models.Index(fields=["deadline"], name="funding_call_deadline_idx"),
            # A programme's next deadline (``with_status``): the first entry after now.
            models.Index(fields=["programme", "deadline"], name="funding_call_prog_deadline_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="funding_call_unique_title"
            ),
            models.CheckConstraint(
                condition=models.Q(rolling=False) | models.Q(deadline__isnull=True),
                name="funding_call_rolling_without_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.title}"

    def get_absolute_url(self):
        return f"{self.programme.get_absolute_url()}#aufruf-{self.pk}"

    def clean(self):
        super().clean()
        if self.rolling and self.deadline is not None:
            raise ValidationError(
                {"deadline": _("Ein laufender Aufruf hat keine Frist: Frist leeren.")}
            )
        if not self.rolling and self.deadline is None:
            raise ValidationError(
                {"deadline": _("Bitte eine Frist angeben oder „laufend“ ankreuzen.")}
            )
        if self.opens_at and self.deadline and self.deadline <= self.opens_at:
            raise ValidationError(
                {"deadline": _("Die Frist muss nach dem Beginn der Antragsfrist liegen.")}
            )

    def status_at(self, now) -> str:
        return call_status(
            opens_at=self.opens_at, deadline=self.deadline, rolling=self.rolling, now=now
        )

    @property
    def status(self) -> str:
        """Derived from the dates now (the ``call_status`` annotation uses the same rule)."""
        return self.status_at(timezone.now())

    @property
    def status_label(self) -> str:
        from funding.choices import CallStatus

        return CallStatus(getattr(self, "call_status", None) or self.status).label


class ProgrammeVerificationDue(FundingProgramme):
    """The editors' queue: programmes not verified for too long (admin only)."""

    class Meta:
        proxy = True
        verbose_name = _("Prüfung fällig")
        verbose_name_plural = _("Prüfung fällig")
