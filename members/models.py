"""Members: the accounts of municipal staff and partners, the bodies they belong to, and
the e-mail domains by which a body recognises its own staff."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import Association, District, Municipality
from members.choices import (
    DIRECTED_KINDS,
    ChangeStatus,
    ContactAbout,
    DirectoryRole,
    MembershipRole,
    MembershipStatus,
    OrganisationKind,
    RelationKind,
    RelationStatus,
    VerificationMethod,
)
from members.querysets import (
    REGISTER_FIELDS,
    BodyRelationQuerySet,
    ChangeRequestQuerySet,
    ContactMessageQuerySet,
    DirectoryEntryQuerySet,
    MembershipQuerySet,
    side_fields,
)
from portal.db import exactly_one
from portal.models import Theme

# The bodies a member can belong to: one of the register's three kinds, or a partner
# organisation. Each membership and each e-mail domain names exactly one of them.
BODY_FIELDS = ("municipality", "association", "district", "organisation")

validate_domain = RegexValidator(
    r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Bitte geben Sie eine Domain wie „stadt-beispiel.de“ an, ohne „@“ und ohne „www.“."),
)


class PartnerOrganisation(models.Model):
    """An organisation outside the register whose staff take part: a company, a university,
    an association or a state agency."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("Website"), blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Partnerorganisation")
        verbose_name_plural = _("Partnerorganisationen")

    def __str__(self):
        return self.name

    @property
    def is_company(self) -> bool:
        """Companies are marked wherever their staff appear (vendor neutrality)."""
        return self.kind == OrganisationKind.COMPANY


class BodyLink(models.Model):
    """Exactly one body: a municipality, a Gemeindeverband, a district or a partner
    organisation."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gemeindeverband"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kreis"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Partnerorganisation"),
    )

    class Meta:
        abstract = True

    @property
    def body(self):
        for name in BODY_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def body_kind_label(self) -> str:
        """ "Kommune", "Gemeindeverband", "Kreis" or "Partnerorganisation"."""
        name = self.body_field
        return self._meta.get_field(name).verbose_name if name else ""

    @property
    def body_field(self) -> str | None:
        return next((n for n in BODY_FIELDS if getattr(self, f"{n}_id") is not None), None)

    def body_filter(self) -> dict:
        """The lookup that finds rows about the same body."""
        name = self.body_field
        return {f"{name}_id": getattr(self, f"{name}_id")} if name else {}

    def clean(self):
        super().clean()
        if sum(getattr(self, f"{name}_id") is not None for name in BODY_FIELDS) != 1:
            raise ValidationError(
                _(
                    "Bitte wählen Sie genau eine Stelle: eine Kommune, einen Gemeindeverband, "
                    "einen Kreis oder eine Partnerorganisation."
                ),
                code="one_body",
            )


class EmailDomain(BodyLink):
    """An e-mail domain of a body, kept by the editors: a member whose verified address is
    at this domain is confirmed as staff of the body without further checks."""

    domain = models.CharField(
        _("Domain"),
        max_length=253,
        unique=True,
        validators=[validate_domain],
        help_text=_("Ohne „@“, z. B. „gelsenkirchen.de“. Subdomains zählen mit."),
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = _("E-Mail-Domain")
        verbose_name_plural = _("E-Mail-Domains")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(BODY_FIELDS),
                name="members_emaildomain_one_body",
                violation_error_message=_("Eine Domain gehört zu genau einer Stelle."),
            )
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class Membership(BodyLink):
    """A member's affiliation with one body: requested by the member, then confirmed by the
    body's e-mail domain, by an editor or by a verified colleague."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Mitglied"),
    )
    role = models.CharField(
        _("Rolle"), max_length=12, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
        db_index=True,
    )
    verification = models.CharField(
        _("bestätigt"), max_length=10, choices=VerificationMethod.choices, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    verified_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    requested_at = models.DateTimeField(_("beantragt am"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("Zugehörigkeit")
        verbose_name_plural = _("Zugehörigkeiten")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(BODY_FIELDS),
                name="members_membership_one_body",
                violation_error_message=_("Eine Zugehörigkeit gilt genau einer Stelle."),
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", name],
                    condition=models.Q(**{f"{name}__isnull": False}),
                    name=f"members_membership_once_per_{name}",
                    violation_error_message=_("Sie gehören dieser Stelle bereits an."),
                )
                for name in BODY_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.body}"

    def get_absolute_url(self):
        return reverse("members:account")

    @property
    def is_verified(self) -> bool:
        return self.status == MembershipStatus.VERIFIED

    @property
    def is_maintainer(self) -> bool:
        return self.is_verified and self.role == MembershipRole.MAINTAINER


class ContactMessage(models.Model):
    """A message a verified member sent through the portal ("Kontakt aufnehmen"): relayed
    by e-mail to each recipient, whose address the sender never sees; kept for abuse
    reports."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contact_messages_sent",
        verbose_name=_("Absender"),
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="contact_messages_received",
        blank=True,
        verbose_name=_("Empfänger"),
    )
    via_editors = models.BooleanField(
        _("an die Redaktion"),
        default=False,
        help_text=_("Die Stelle hatte niemanden, der ihre Inhalte pflegt."),
    )
    about_kind = models.CharField(_("betrifft"), max_length=10, choices=ContactAbout.choices)
    about_title = models.CharField(_("Titel"), max_length=300)
    about_url = models.CharField(_("Adresse"), max_length=500, blank=True)
    subject = models.CharField(_("Betreff"), max_length=150)
    text = models.TextField(_("Nachricht"), max_length=5000)
    created_at = models.DateTimeField(_("gesendet am"), auto_now_add=True, db_index=True)
    delivered_count = models.PositiveSmallIntegerField(_("zugestellte E-Mails"), default=0)
    reported_at = models.DateTimeField(_("gemeldet am"), null=True, blank=True, db_index=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeldet von"),
    )
    report_reason = models.TextField(_("Grund der Meldung"), blank=True, max_length=2000)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Kontaktnachricht")
        verbose_name_plural = _("Kontaktnachrichten")

    def __str__(self):
        return self.subject


class ContactBlock(models.Model):
    """An editor's decision that a member may no longer send contact messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_block",
        verbose_name=_("Mitglied"),
    )
    reason = models.TextField(_("Grund"), blank=True)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesperrt von"),
    )
    created_at = models.DateTimeField(_("gesperrt am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Kontaktsperre")
        verbose_name_plural = _("Kontaktsperren")

    def __str__(self):
        return str(self.user)


class ChangeRequest(BodyLink):
    """A change that a maintainer proposed in the public site for content of their body (its
    digital profile, its projects): kept apart from the published object until an editor
    approves it. ``base`` holds the changed fields' values when the change was proposed,
    ``data`` the proposed ones (as JSON: see ``members.changes``)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("Art")
    )
    object_id = models.PositiveBigIntegerField(
        _("Objekt"), null=True, blank=True, help_text=_("Leer bei einem neuen Objekt.")
    )
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("betrifft"), max_length=300)
    base = models.JSONField(_("bisherige Werte"), default=dict, blank=True)
    data = models.JSONField(_("vorgeschlagene Werte"), default=dict)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=ChangeStatus.choices,
        default=ChangeStatus.PENDING,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="change_requests",
        verbose_name=_("vorgeschlagen von"),
    )
    proposed_at = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    review_comment = models.TextField(
        _("Anmerkung der Redaktion"),
        blank=True,
        max_length=2000,
        help_text=_("Wird der vorschlagenden Person gezeigt, besonders bei einer Ablehnung."),
    )

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("members:change_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeStatus.PENDING

    @property
    def is_new(self) -> bool:
        return self.object_id is None


class DirectoryEntry(models.Model):
    """A member's entry in "Wer macht was". Nothing is shown unless the member chose it
    (DSGVO): the entry itself, and each of its fields."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="directory_entry",
        verbose_name=_("Mitglied"),
    )
    listed = models.BooleanField(
        _("im Verzeichnis „Wer macht was“ erscheinen"),
        default=False,
        help_text=_("Nur angemeldete, bestätigte Mitglieder sehen das Verzeichnis."),
    )
    show_name = models.BooleanField(_("Namen zeigen"), default=False)
    role = models.CharField(_("Rolle"), max_length=20, choices=DirectoryRole.choices, blank=True)
    role_title = models.CharField(
        _("Funktion in eigenen Worten"),
        max_length=150,
        blank=True,
        help_text=_(
            "z. B. „Leiterin der Stabsstelle Digitalisierung“. Leer lassen, um keine zu zeigen."
        ),
    )
    show_bodies = models.BooleanField(_("Stellen zeigen, denen ich angehöre"), default=False)
    themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="+",
        verbose_name=_("Themen, zu denen ich Erfahrung teile"),
    )
    show_projects = models.BooleanField(
        _("Praxisbeispiele zeigen, die ich über das Portal gepflegt habe"), default=False
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = DirectoryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Eintrag in „Wer macht was“")
        verbose_name_plural = _("Einträge in „Wer macht was“")

    def __str__(self):
        return str(self.user)

    @property
    def display_name(self) -> str:
        name = f"{self.user.first_name} {self.user.last_name}".strip()
        return name if self.show_name and name else _("Ein Mitglied")


def _side(model, label):
    """One of the three nullable foreign keys of a relation's side (one of them is set)."""
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=f"{label}: {model._meta.verbose_name}",
    )


class BodyRelation(models.Model):
    """A link between two bodies of the register in the network of municipalities: one was
    the model for the other, they exchange experience, develop together, or one took over
    the other's solution (a project of the portal). Proposed by a maintainer of one side,
    public once the other side or an editor confirmed it.

    For the directed kinds the source gave (the model, the solution) and the target took;
    for the others the sides are alike."""

    source_municipality = _side(Municipality, _("Ausgangsstelle"))
    source_association = _side(Association, _("Ausgangsstelle"))
    source_district = _side(District, _("Ausgangsstelle"))
    target_municipality = _side(Municipality, _("Partnerstelle"))
    target_association = _side(Association, _("Partnerstelle"))
    target_district = _side(District, _("Partnerstelle"))
    kind = models.CharField(_("Art"), max_length=10, choices=RelationKind.choices)
    description = models.TextField(
        _("Beschreibung"),
        max_length=600,
        blank=True,
        help_text=_("Worum ging es? Höchstens 600 Zeichen, öffentlich sichtbar."),
    )
    # The solution taken over: a project of a higher layer, named generically (as a change
    # request names its object); the apps that have solutions say so in ``<app>/network.py``.
    solution_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Art der Lösung"),
    )
    solution_id = models.PositiveBigIntegerField(_("Lösung"), null=True, blank=True)
    solution = GenericForeignKey("solution_type", "solution_id")
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=RelationStatus.choices,
        default=RelationStatus.PROPOSED,
        db_index=True,
    )
    # Which side proposed: only the other side (or an editor) confirms.
    proposed_by_source = models.BooleanField(_("von der Ausgangsstelle vorgeschlagen"))
    # The proposing member; a deleted account stays as its anonymous placeholder.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    proposed_at = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestätigt oder abgelehnt von"),
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    objects = BodyRelationQuerySet.as_manager()

    # For the API's incremental sync (portal.api.sync): in the public set once confirmed.
    sync_public_when = {"status": RelationStatus.CONFIRMED}

    class Meta:
        ordering = ["-confirmed_at", "-proposed_at", "pk"]
        verbose_name = _("Verbindung im Netzwerk")
        verbose_name_plural = _("Verbindungen im Netzwerk")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(side_fields("source")),
                name="members_relation_one_source",
                violation_error_message=_("Eine Verbindung hat genau eine Ausgangsstelle."),
            ),
            models.CheckConstraint(
                condition=exactly_one(side_fields("target")),
                name="members_relation_one_target",
                violation_error_message=_("Eine Verbindung hat genau eine Partnerstelle."),
            ),
            models.CheckConstraint(
                condition=models.Q(solution_type__isnull=True, solution_id__isnull=True)
                | models.Q(solution_type__isnull=False, solution_id__isnull=False),
                name="members_relation_whole_solution",
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.get_kind_display()} – {self.target}"

    @property
    def was_ever_public(self) -> bool:
        """Whether anonymous clients may have seen it (for the sync's tombstones)."""
        return self.confirmed_at is not None

    def _body(self, side: str):
        for name in REGISTER_FIELDS:
            if getattr(self, f"{side}_{name}_id") is not None:
                return getattr(self, f"{side}_{name}")
        return None

    @property
    def source(self):
        return self._body("source")

    @property
    def target(self):
        return self._body("target")

    @property
    def is_confirmed(self) -> bool:
        return self.status == RelationStatus.CONFIRMED

    @property
    def is_directed(self) -> bool:
        return self.kind in DIRECTED_KINDS

    def side_of(self, field: str, body_id: int) -> str | None:
        """ "source" or "target": where the body (``BODY_FIELDS`` name, id) stands, or None."""
        for side in ("source", "target"):
            if getattr(self, f"{side}_{field}_id") == body_id:
                return side
        return None
