from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.choices import PublicationStatus
from portal.history import EditorialHistory
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

    history = EditorialHistory()
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

    def save(self, *args, **kwargs):
        # A timestamp like auto_now: the first publication is stamped whichever channel
        # (admin, API, import) publishes; the API's tombstones rely on it.
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class Illustrative(models.Model):
    """Marks content made up to show what the portal does (the demo's examples), so that
    pages, API, calendars, feeds and exports label it "Beispiel" and never pass it off as
    fact. On the models whose content may be illustrative: events and their series, expert
    circles, funding programmes and calls."""

    is_example = models.BooleanField(
        _("Beispielinhalt"),
        default=False,
        help_text=_(
            "Erfunden, um zu zeigen, wie das Portal funktioniert – keine echte Angabe. Seiten, "
            "Kalender, Feeds, Exporte und die API kennzeichnen den Eintrag als „Beispiel“."
        ),
    )

    class Meta:
        abstract = True


class Partner(models.Model):
    """An organisation that uses the API (ministry, Land, association, company, research)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    notes = models.TextField(_("Notizen der Redaktion"), blank=True)
    # The account under which the partner's changes appear in the admin history; it cannot
    # log in (no usable password, not staff).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner",
        verbose_name=_("Konto"),
        editable=False,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-Partner")
        verbose_name_plural = _("API-Partner")

    def __str__(self):
        return self.name


class APIToken(models.Model):
    """A partner's API token. Only a SHA-256 hash is stored; the key is shown once."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("Partner")
    )
    label = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(_("Kennung"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Berechtigungen"), default=list, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
        editable=False,
    )
    expires_at = models.DateTimeField(_("gültig bis"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["partner", "-created_at"]
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")

    def __str__(self):
        return f"{self.partner} – {self.label} ({self.prefix}…)"


class Tombstone(models.Model):
    """An API object's key that left the published set (deleted, unpublished or replaced by
    a new key), so that partners who mirror the data incrementally can remove it."""

    class Reason(models.TextChoices):
        DELETED = "deleted", _("gelöscht")
        UNPUBLISHED = "unpublished", _("nicht mehr veröffentlicht")
        RENAMED = "renamed", _("Schlüssel geändert")
        DISSOLVED = "dissolved", _("aufgelöst")

    resource = models.CharField(_("Ressource"), max_length=60)
    key = models.CharField(_("Schlüssel"), max_length=200)
    reason = models.CharField(_("Grund"), max_length=16, choices=Reason.choices)
    removed_at = models.DateTimeField(_("entfernt am"), db_index=True)
    # False for the keys of objects that were never published: only those who may read
    # drafts ever saw them, and only they see the tombstone.
    public = models.BooleanField(_("öffentlich"), default=True)

    class Meta:
        ordering = ["removed_at", "pk"]
        verbose_name = _("Löschvermerk")
        verbose_name_plural = _("Löschvermerke")
        constraints = [
            models.UniqueConstraint(fields=["resource", "key"], name="portal_tombstone_unique")
        ]

    def __str__(self):
        return f"{self.resource}/{self.key}"


class TaskFailure(models.Model):
    """A background task that failed after all its retries: kept for the editors, who see
    it in the admin and can run it again (``task_failure_retry``)."""

    task_name = models.CharField(_("Aufgabe"), max_length=200)
    task_id = models.CharField(_("Kennung"), max_length=64, blank=True)
    args = models.JSONField(_("Argumente"), default=list, blank=True)
    kwargs = models.JSONField(_("Schlüsselwort-Argumente"), default=dict, blank=True)
    exception = models.TextField(_("Fehler"), blank=True)
    traceback = models.TextField(_("Ablauf"), blank=True)
    failed_at = models.DateTimeField(_("fehlgeschlagen am"), auto_now_add=True)
    retried_at = models.DateTimeField(_("erneut gestartet am"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("fehlgeschlagene Hintergrundaufgabe")
        verbose_name_plural = _("fehlgeschlagene Hintergrundaufgaben")

    def __str__(self):
        return f"{self.task_name} ({self.failed_at:%d.%m.%Y %H:%M})"
