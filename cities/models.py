from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.choices import (
    AssociationKind,
    AtlasCriterion,
    Challenge,
    DistrictKind,
    MunicipalityKind,
    StrategyStatus,
    size_class_for,
)
from cities.querysets import (
    AssociationQuerySet,
    DigitalProfileQuerySet,
    DistrictQuerySet,
    MunicipalityQuerySet,
    stale_before,
)
from cities.validators import (
    validate_ags,
    validate_ags_matches_ars,
    validate_ars,
    validate_association_key,
    validate_district_key,
)
from portal.history import EditorialHistory
from portal.models import FederalState, Publishable, Theme

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class RegisterEdition(models.Model):
    """An edition of the official register that was imported (Destatis GV100AD): its
    Gebietsstand, and the date its population and area figures refer to, which is not the
    Gebietsstand."""

    territorial_status = models.DateField(_("Gebietsstand"), unique=True)
    figures_date = models.DateField(
        _("Stichtag der Einwohnerzahlen und Flächen"),
        help_text=_("Die Datei nennt Zahlen eines früheren Stichtags als ihren Gebietsstand."),
    )
    source = models.CharField(_("Quelle"), max_length=200)
    imported_at = models.DateTimeField(_("eingelesen am"), auto_now_add=True)
    districts = models.PositiveIntegerField(_("Kreise"), default=0)
    associations = models.PositiveIntegerField(_("Gemeindeverbände"), default=0)
    municipalities = models.PositiveIntegerField(_("Gemeinden"), default=0)

    class Meta:
        ordering = ["-territorial_status"]
        get_latest_by = "territorial_status"
        verbose_name = _("Ausgabe des Gemeindeverzeichnisses")
        verbose_name_plural = _("Ausgaben des Gemeindeverzeichnisses")

    def __str__(self):
        return _("Gemeindeverzeichnis, Gebietsstand %(date)s") % {
            "date": self.territorial_status.strftime("%d.%m.%Y")
        }


class RegisterEntry(models.Model):
    """What every body of the official register has besides its key: the day it ended (the
    Gebietsstand of the first edition without its key) and the body that took it over.
    Ended bodies are never deleted: their profiles, projects and events stay linked."""

    dissolved_on = models.DateField(
        _("aufgelöst zum"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Gebietsstand der ersten Ausgabe des Gemeindeverzeichnisses ohne ihn."),
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("Nachfolger"),
        help_text=_("Wer die Aufgaben übernommen hat, z. B. die Gemeinde nach einer Fusion."),
    )

    class Meta:
        abstract = True

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None


class District(RegisterEntry):
    """A district (Landkreis, Kreis or kreisfreie Stadt) keyed by its 5-digit official key."""

    key = models.CharField(
        _("Kreisschlüssel"), max_length=5, unique=True, validators=[validate_district_key]
    )
    name = models.CharField(_("Name"), max_length=120)
    kind = models.CharField(_("Art"), max_length=24, choices=DistrictKind.choices)
    state = models.ForeignKey(
        FederalState, on_delete=models.PROTECT, related_name="districts", verbose_name=_("Land")
    )
    nuts3 = models.CharField(_("NUTS-3-Code"), max_length=5, blank=True)
    area_km2 = models.DecimalField(
        _("Fläche (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_date = models.DateField(_("Stichtag der Einwohnerzahl"), null=True, blank=True)
    seat = models.CharField(_("Sitz der Kreisverwaltung"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    history = EditorialHistory()
    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")

    def __str__(self):
        return f"{self.name} ({self.key})"

    def get_absolute_url(self):
        return reverse("cities:district_detail", kwargs={"key": self.key})


class Association(RegisterEntry):
    """A Gemeindeverband (Amt, Samtgemeinde, Verbandsgemeinde, Verwaltungsgemeinschaft …):
    municipalities that share their administration, keyed by the first 9 digits of their
    ARS."""

    key = models.CharField(
        _("Verbandsschlüssel"),
        max_length=9,
        unique=True,
        validators=[validate_association_key],
        help_text=_("Die ersten 9 Stellen des ARS der Mitgliedsgemeinden."),
    )
    name = models.CharField(_("Name"), max_length=120, db_index=True)
    kind = models.CharField(_("Art"), max_length=24, choices=AssociationKind.choices)
    seat = models.CharField(_("Verwaltungssitz"), max_length=120, blank=True)
    state = models.ForeignKey(
        FederalState,
        on_delete=models.PROTECT,
        related_name="associations",
        verbose_name=_("Land"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="associations",
        verbose_name=_("Kreis"),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    history = EditorialHistory()
    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("Gemeindeverband")
        verbose_name_plural = _("Gemeindeverbände")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cities:association_detail", kwargs={"key": self.key})

    def clean(self):
        super().clean()
        if self.key and self.district_id and self.district.key != self.key[:5]:
            raise ValidationError(
                {
                    "district": _("Der Verbandsschlüssel %(key)s gehört zum Kreis %(district)s.")
                    % {"key": self.key, "district": self.key[:5]}
                }
            )


class Municipality(RegisterEntry):
    """A municipality of the official register, keyed by AGS and ARS."""

    ags = models.CharField(
        _("AGS"),
        max_length=8,
        unique=True,
        validators=[validate_ags],
        help_text=_("Amtlicher Gemeindeschlüssel, 8 Ziffern, z. B. 05513000 für Gelsenkirchen."),
    )
    ars = models.CharField(
        _("ARS"),
        max_length=12,
        unique=True,
        validators=[validate_ars],
        help_text=_("Amtlicher Regionalschlüssel, 12 Ziffern, z. B. 055130000000."),
    )
    name = models.CharField(_("Name"), max_length=120, db_index=True)
    kind = models.CharField(_("Art"), max_length=24, choices=MunicipalityKind.choices)
    state = models.ForeignKey(
        FederalState,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("Land"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("Kreis"),
        null=True,
        blank=True,
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("Gemeindeverband"),
        null=True,
        blank=True,
    )
    postal_code = models.CharField(
        _("Postleitzahl"),
        max_length=5,
        blank=True,
        help_text=_("Bei mehreren Postleitzahlen die des Verwaltungssitzes."),
    )
    population = models.PositiveIntegerField(
        _("Einwohnerzahl"), null=True, blank=True, db_index=True
    )
    population_date = models.DateField(_("Stichtag der Einwohnerzahl"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("Fläche (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    latitude = models.FloatField(
        _("Breitengrad"), null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.FloatField(
        _("Längengrad"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    website = models.URLField(_("Website"), blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    history = EditorialHistory()
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name", "ags"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        indexes = [models.Index(fields=["state", "name"], name="cities_mun_state_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cities:municipality_detail", kwargs={"ags": self.ags})

    def clean(self):
        super().clean()
        validate_ags_matches_ars(self.ags, self.ars)
        if self.ags and self.state_id and self.ags[:2] != self.state_id:
            raise ValidationError(
                {
                    "state": _("Der AGS %(ags)s gehört zum Land %(code)s.")
                    % {"ags": self.ags, "code": self.ags[:2]}
                }
            )
        if self.ars and self.association_id and self.association.key != self.ars[:9]:
            raise ValidationError(
                {
                    "association": _("Der ARS %(ars)s gehört zum Gemeindeverband %(key)s.")
                    % {"ars": self.ars, "key": self.ars[:9]}
                }
            )
        if self.ags and self.district_id and self.district.key != self.ags[:5]:
            raise ValidationError(
                {
                    "district": _("Der AGS %(ags)s gehört zum Kreis %(key)s.")
                    % {"ags": self.ags, "key": self.ags[:5]}
                }
            )

    @property
    def size_class(self) -> str | None:
        return size_class_for(self.population)


HOLDERS = ("municipality", "association", "district")


class DigitalProfile(Publishable):
    """The editorial digital profile of one body of the register — a municipality, a
    Gemeindeverband or a district, which often owns the strategy and the IT for its small
    municipalities: strategy, organisation, partners, themes and challenges, as of its
    "Stand" date."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
    )
    association = models.OneToOneField(
        Association,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("Gemeindeverband"),
        null=True,
        blank=True,
    )
    district = models.OneToOneField(
        District,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("Kreis"),
        null=True,
        blank=True,
    )
    as_of = models.DateField(
        _("Stand"), help_text=_("Zeitpunkt, auf den sich die Angaben des Profils beziehen.")
    )
    summary = models.TextField(
        _("Zusammenfassung"), blank=True, help_text=_("Kurzer Überblick, Markdown erlaubt.")
    )
    strategy_status = models.CharField(
        _("Stand der Digitalstrategie"),
        max_length=16,
        choices=StrategyStatus.choices,
        default=StrategyStatus.UNKNOWN,
        db_index=True,
    )
    strategy_title = models.CharField(_("Titel der Strategie"), max_length=200, blank=True)
    strategy_adopted_on = models.DateField(
        _("Strategie beschlossen am"),
        null=True,
        blank=True,
        help_text=_("Nur bei beschlossener Strategie."),
    )
    strategy_url = models.URLField(_("Link zum Strategiedokument"), blank=True)
    has_organisational_unit = models.BooleanField(
        _("Ressortübergreifende Organisationseinheit vorhanden"), default=False
    )
    organisational_unit_name = models.CharField(
        _("Name der Organisationseinheit"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Stabsstelle Vernetzte Stadt“"),
    )
    organisational_unit_lead = models.CharField(
        _("Leitung (Funktion)"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Chief Digital Officer (CDO) oder Beauftragte für Digitalisierung"),
    )
    has_partner_network = models.BooleanField(_("Lokales Partnernetzwerk vorhanden"), default=False)
    partner_network_description = models.TextField(
        _("Beschreibung des Partnernetzwerks"), blank=True
    )
    partners = models.TextField(_("Partner"), blank=True, help_text=_("Ein Partner pro Zeile."))
    citizen_participation = models.TextField(_("Bürgerbeteiligung"), blank=True)
    focus_themes = models.ManyToManyField(
        Theme,
        related_name="focus_profiles",
        blank=True,
        verbose_name=_("Schwerpunkte (Handlungsfelder)"),
    )
    lighthouse_themes = models.ManyToManyField(
        Theme,
        related_name="lighthouse_profiles",
        blank=True,
        verbose_name=_("Handlungsfelder mit Leuchtturmprojekten"),
        help_text=_("Handlungsfelder, in denen die Kommune Leuchtturmprojekte benennt."),
    )
    challenges = models.JSONField(
        _("Herausforderungen"),
        default=list,
        blank=True,
        help_text=_("Schlüssel aus der Liste der Herausforderungen."),
    )
    awards_and_networks = models.TextField(
        _("Auszeichnungen und Netzwerke"),
        blank=True,
        help_text=_("Eine Auszeichnung oder Mitgliedschaft pro Zeile."),
    )
    sources = models.TextField(
        _("Quellen"), blank=True, help_text=_("Woher die Angaben stammen, eine Quelle pro Zeile.")
    )

    history = EditorialHistory(m2m_fields=[focus_themes, lighthouse_themes])
    objects = DigitalProfileQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("Digitalprofil")
        verbose_name_plural = _("Digitalprofile")
        indexes = [
            models.Index(fields=["status", "strategy_status"], name="cities_profile_status_idx")
        ]
        constraints = [
            # What clean() checks, kept by the database too.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        municipality__isnull=False, association__isnull=True, district__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, association__isnull=False, district__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, association__isnull=True, district__isnull=False
                    )
                ),
                name="cities_profile_one_holder",
                violation_error_message=_(
                    "Ein Digitalprofil gehört zu genau einer Kommune, einem Gemeindeverband oder "
                    "einem Kreis."
                ),
            )
        ]

    def __str__(self):
        holder = self.holder
        return str(_("Digitalprofil %(name)s") % {"name": holder.name if holder else "–"})

    @property
    def holder(self):
        """The body the profile describes (municipality, Gemeindeverband or district)."""
        for name in HOLDERS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    def get_absolute_url(self):
        return self.holder.get_absolute_url()

    def clean(self):
        super().clean()
        errors = {}
        if sum(getattr(self, f"{name}_id") is not None for name in HOLDERS) != 1:
            errors["municipality"] = _(
                "Ein Digitalprofil gehört zu genau einer Kommune, einem Gemeindeverband oder "
                "einem Kreis: bitte genau eines der drei Felder ausfüllen."
            )
        today = timezone.localdate()
        if self.as_of and self.as_of > today:
            errors["as_of"] = _("Der Stand darf nicht in der Zukunft liegen.")
        if self.strategy_adopted_on:
            if self.strategy_status != StrategyStatus.ADOPTED:
                errors["strategy_adopted_on"] = _(
                    "Ein Beschlussdatum gibt es nur bei einer beschlossenen Strategie: "
                    "Stand der Digitalstrategie auf „Strategie beschlossen“ setzen oder das "
                    "Datum leeren."
                )
            elif self.strategy_adopted_on > today:
                errors["strategy_adopted_on"] = _(
                    "Das Beschlussdatum darf nicht in der Zukunft liegen."
                )
        if not self.has_organisational_unit and (
            self.organisational_unit_name or self.organisational_unit_lead
        ):
            errors["has_organisational_unit"] = _(
                "Name und Leitung einer Organisationseinheit sind angegeben: bitte auch "
                "„Organisationseinheit vorhanden“ ankreuzen."
            )
        if not self.has_partner_network and (self.partner_network_description or self.partners):
            errors["has_partner_network"] = _(
                "Partner sind angegeben: bitte auch „Partnernetzwerk vorhanden“ ankreuzen."
            )
        if not isinstance(self.challenges, list) or any(
            value not in Challenge.values for value in self.challenges
        ):
            errors["challenges"] = _("Unbekannte Herausforderung; erlaubt sind: %(values)s.") % {
                "values": ", ".join(Challenge.values)
            }
        if errors:
            raise ValidationError(errors)

    @property
    def is_stale(self) -> bool:
        """The "Stand" is more than twelve months ago."""
        return self.as_of is not None and self.as_of < stale_before()

    @property
    def atlas_criteria_met(self) -> list[str]:
        """The Smart-City-Atlas's conditions for inclusion that this profile fulfils, derived
        from its facts (never entered by hand)."""
        return atlas_criteria_met(
            strategy_status=self.strategy_status,
            has_organisational_unit=self.has_organisational_unit,
            has_partner_network=self.has_partner_network,
        )

    @property
    def challenge_labels(self) -> list[str]:
        labels = dict(Challenge.choices)
        return [labels[value] for value in self.challenges if value in labels]

    @property
    def partner_list(self) -> list[str]:
        return _lines(self.partners)

    @property
    def award_list(self) -> list[str]:
        return _lines(self.awards_and_networks)

    @property
    def source_list(self) -> list[str]:
        return _lines(self.sources)


# A profile's content fields, in the groups the admin shows them in: the admin, the editors'
# form and the API read them from here (the publication workflow adds status and "last
# verified", the form the holder).
PROFILE_FIELD_GROUPS = [
    (None, ["as_of", "summary"]),
    (
        _("Digitalstrategie"),
        ["strategy_status", "strategy_title", "strategy_adopted_on", "strategy_url"],
    ),
    (
        _("Organisation und Partner"),
        [
            "has_organisational_unit",
            "organisational_unit_name",
            "organisational_unit_lead",
            "has_partner_network",
            "partner_network_description",
            "partners",
            "citizen_participation",
        ],
    ),
    (
        _("Themen und Herausforderungen"),
        ["focus_themes", "lighthouse_themes", "challenges", "awards_and_networks", "sources"],
    ),
]
PROFILE_FIELDS = [name for _label, names in PROFILE_FIELD_GROUPS for name in names]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def atlas_criteria_met(
    *, strategy_status: str, has_organisational_unit: bool, has_partner_network: bool
) -> list[str]:
    """Which Atlas conditions hold: an integrated digital strategy developed (adopted or in
    development), a cross-departmental organisational unit, a local partner network."""
    met = []
    if strategy_status in {StrategyStatus.ADOPTED, StrategyStatus.IN_DEVELOPMENT}:
        met.append(AtlasCriterion.STRATEGY)
    if has_organisational_unit:
        met.append(AtlasCriterion.ORGANISATIONAL_UNIT)
    if has_partner_network:
        met.append(AtlasCriterion.PARTNER_NETWORK)
    return met
