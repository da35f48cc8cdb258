from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.choices import PublicationStatus
from portal.querysets import PublishableQuerySet, ThemeQuerySet


class LocalisedNameMixin:
    """Shows ``name_en`` when the interface is English and an English name exists."""

    @property
    def display_name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Theme(LocalisedNameMixin, models.Model):
    """A Handlungsfeld (field of action) of municipal digitalisation, as in the Smart-City-Atlas."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=80, blank=True)
    slug = models.SlugField(_("Kurzname für URLs"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def __str__(self):
        return self.display_name


class FederalState(LocalisedNameMixin, models.Model):
    """One of the 16 German federal states (Länder), keyed by its official two-digit code."""

    code = models.CharField(
        _("Schlüssel"),
        max_length=2,
        primary_key=True,
        validators=[
            RegexValidator(
                r"^(0[1-9]|1[0-6])$", _("Der Länderschlüssel ist eine Zahl von 01 bis 16.")
            )
        ],
        help_text=_(
            "Amtlicher zweistelliger Länderschlüssel (01 Schleswig-Holstein … 16 Thüringen)."
        ),
    )
    name = models.CharField(_("Name"), max_length=60, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=60, blank=True)
    abbreviation = models.CharField(_("Abkürzung"), max_length=2, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Bundesland")
        verbose_name_plural = _("Bundesländer")

    def __str__(self):
        return self.display_name


class Publishable(models.Model):
    """Base of every editorial model: workflow status, timestamps and the "last verified" date."""

    status = models.CharField(
        _("Status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    last_verified_on = models.DateField(
        _("zuletzt geprüft am"),
        null=True,
        blank=True,
        help_text=_("Wann die Redaktion die Angaben zuletzt auf Richtigkeit geprüft hat."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED
