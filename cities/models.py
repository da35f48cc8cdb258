from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.choices import DistrictKind, MunicipalityKind, size_class_for
from cities.querysets import DistrictQuerySet, MunicipalityQuerySet
from cities.validators import (
    validate_ags,
    validate_ags_matches_ars,
    validate_ars,
    validate_district_key,
)
from portal.models import FederalState

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class District(models.Model):
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

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")

    def __str__(self):
        return f"{self.name} ({self.key})"


class Municipality(models.Model):
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
