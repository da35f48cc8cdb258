from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bestpractices.choices import OPEN_SOURCE_LICENCES, Licence, ProjectPhase, TransferEffort
from bestpractices.querysets import ProjectQuerySet
from bestpractices.validators import link_lines, validate_links, validate_project_slug
from portal.db import exactly_one
from portal.history import EditorialHistory
from portal.models import Publishable

EURO = {"max_digits": 14, "decimal_places": 2}
# The fields that may name a project's lead, one of which is set.
LEAD_FIELDS = ("lead_municipality", "lead_association", "lead_district")
ONE_LEAD_MESSAGE = _(
    "Ein Praxisbeispiel hat genau eine federführende Stelle: bitte genau eines der Felder "
    "„federführende Kommune“, „federführender Gemeindeverband“ oder „federführender Kreis“ "
    "ausfüllen."
)


def lead_columns(*columns: str) -> list[str]:
    """``columns`` of each possible lead, for ``.only()`` beside
    ``.select_related(*LEAD_FIELDS)``."""
    return [f"{lead}__{column}" for lead in LEAD_FIELDS for column in columns]


class Project(Publishable):
    """A municipal digitalisation project: what was done, where, with whom, at what cost, what
    came out, and how another municipality can take it over."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname für URLs"), max_length=200, unique=True, validators=[validate_project_slug]
    )
    summary = models.TextField(
        _("Kurzbeschreibung"), max_length=600, help_text=_("Zwei, drei Sätze für Listen.")
    )
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Markdown; HTML wird entfernt.")
    )
    # The lead is exactly one body of the register: a municipality, a Gemeindeverband or a
    # district (``lead``); the check constraint ``bp_project_one_lead`` keeps it so.
    lead_municipality = models.ForeignKey(
        "cities.Municipality",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("federführende Kommune"),
        null=True,
        blank=True,
    )
    lead_association = models.ForeignKey(
        "cities.Association",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("federführender Gemeindeverband"),
        null=True,
        blank=True,
    )
    lead_district = models.ForeignKey(
        "cities.District",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("federführender Kreis"),
        null=True,
        blank=True,
    )
    # The lead's state, taken from it in clean(): the state facet counts it from the facet
    # index (migration 0013) without looking up the lead.
    lead_state = models.ForeignKey(
        "portal.FederalState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Land der federführenden Stelle"),
        editable=False,
        blank=True,
    )
    participating_municipalities = models.ManyToManyField(
        "cities.Municipality",
        related_name="participating_projects",
        blank=True,
        verbose_name=_("beteiligte Kommunen"),
    )
    themes = models.ManyToManyField(
        "portal.Theme", related_name="projects", blank=True, verbose_name=_("Handlungsfelder")
    )
    phase = models.CharField(
        _("Projektstand"),
        max_length=16,
        choices=ProjectPhase.choices,
        default=ProjectPhase.RUNNING,
        db_index=True,
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    is_lighthouse = models.BooleanField(_("Leuchtturmprojekt"), default=False, db_index=True)
    investment_costs = models.DecimalField(
        _("Investitionskosten (Euro)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **EURO,
    )
    running_costs_per_year = models.DecimalField(
        _("laufende Kosten pro Jahr (Euro)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **EURO,
    )
    funding_note = models.TextField(
        _("Finanzierung und Förderung"),
        blank=True,
        help_text=_("Eigenmittel, Förderprogramme, Partner – als freier Text."),
    )
    funding_programmes = models.ManyToManyField(
        "funding.FundingProgramme",
        blank=True,
        related_name="funded_projects",
        verbose_name=_("Förderprogramme"),
        help_text=_("Programme des Förderkatalogs, aus denen das Projekt gefördert wurde."),
    )
    partners = models.TextField(_("Partner"), blank=True)
    results = models.TextField(_("Ergebnisse und Wirkung"), blank=True)
    lessons_learned = models.TextField(_("Erfahrungen und Lehren"), blank=True)
    prerequisites = models.TextField(_("Voraussetzungen für die Übertragung"), blank=True)
    data_needed = models.TextField(_("benötigte Daten"), blank=True)
    effort = models.CharField(
        _("Aufwand der Übertragung"), max_length=8, choices=TransferEffort.choices, blank=True
    )
    licence = models.CharField(
        _("Lizenz der Software"), max_length=16, choices=Licence.choices, blank=True, db_index=True
    )
    repository_url = models.URLField(_("Quellcode-Repository"), blank=True)
    adopted_by = models.ManyToManyField(
        "cities.Municipality",
        related_name="adopted_projects",
        blank=True,
        verbose_name=_("übernommen von"),
    )
    contact_office = models.CharField(
        _("Ansprechstelle"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Stabsstelle Digitalisierung“"),
    )
    contact_email = models.EmailField(
        _("Kontakt-E-Mail"), blank=True, help_text=_("Eine Funktionsadresse, keine persönliche.")
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=120, blank=True)
    contact_consent = models.BooleanField(
        _("Einwilligung der Ansprechperson"),
        default=False,
        help_text=_("Die genannte Person ist mit der Veröffentlichung ihres Namens einverstanden."),
    )
    links = models.TextField(
        _("Links"),
        blank=True,
        validators=[validate_links],
        help_text=_("Eine Webadresse pro Zeile."),
    )
    submitter_name = models.CharField(_("Name der Einreichenden"), max_length=120, blank=True)
    submitter_email = models.EmailField(_("E-Mail der Einreichenden"), blank=True)
    editor_comment = models.TextField(
        _("Kommentar der Redaktion"),
        blank=True,
        help_text=_("Wird beim Zurückgeben eines Vorschlags an die Einreichenden geschickt."),
    )

    history = EditorialHistory(
        m2m_fields=[participating_municipalities, themes, funding_programmes, adopted_by]
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="bp_project_status_pub_idx"),
            models.Index(fields=["title"], name="bp_project_title_idx"),
        ]
        constraints = [
            # What clean() checks, kept by the database too.
            models.CheckConstraint(
                condition=exactly_one(LEAD_FIELDS),
                name="bp_project_one_lead",
                violation_error_message=ONE_LEAD_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="bp_project_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(investment_costs__isnull=True)
                | models.Q(investment_costs__gte=0),
                name="bp_project_investment_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(running_costs_per_year__isnull=True)
                | models.Q(running_costs_per_year__gte=0),
                name="bp_project_running_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bestpractices:project_detail", kwargs={"slug": self.slug})

    @property
    def lead(self):
        """The body that leads the project (municipality, Gemeindeverband or district)."""
        for name in LEAD_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def lead_district_key(self) -> str:
        """The 5-digit key of the district the lead lies in (what the map outlines)."""
        lead = self.lead
        if lead is None:
            return ""
        return (lead.ags if self.lead_municipality_id else lead.key)[:5]

    def clean(self):
        super().clean()
        errors = {}
        if sum(getattr(self, f"{name}_id") is not None for name in LEAD_FIELDS) != 1:
            errors["lead_municipality"] = ONE_LEAD_MESSAGE
        else:
            self.lead_state_id = self.lead.state_id
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        if self.contact_name and not self.contact_consent:
            errors["contact_consent"] = _(
                "Ein Personenname wird nur mit Einwilligung der Person veröffentlicht."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Also here, not only in clean(): saves that skip validation (services, the shell)
        # must not leave the state facet counting the previous lead's state.
        lead = self.lead
        if lead is not None:
            self.lead_state_id = lead.state_id
        super().save(*args, **kwargs)

    @property
    def is_open_source(self) -> bool:
        return self.licence in OPEN_SOURCE_LICENCES

    @property
    def link_list(self) -> list[str]:
        """The web addresses to show as links: only http(s), even for text that reached the
        database around the field's validation (an import, a database change)."""
        return [line for line in link_lines(self.links) if line.startswith(("https://", "http://"))]


class ProjectProposal(Project):
    """The proposals queue: projects submitted through the public form, awaiting review."""

    class Meta:
        proxy = True
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
