import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cities.models import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    Association,
    District,
    Municipality,
)
from events.choices import (
    AttendanceMode,
    CircleMembershipStatus,
    CircleRole,
    EventKind,
    EventLanguage,
    Frequency,
    JoinPolicy,
    RegistrationStatus,
    Weekday,
    WeekOfMonth,
)
from events.querysets import (
    CircleMembershipQuerySet,
    EventQuerySet,
    ExpertCircleQuerySet,
    RegistrationQuerySet,
    local_midnight,
)
from portal.choices import PublicationStatus
from portal.db import at_most_one
from portal.history import EditorialHistory
from portal.ical import ical_uid
from portal.models import Illustrative, Publishable, Theme

# The fields that may name an event's host, at most one of which is set.
HOST_FIELDS = ("host_municipality", "host_association", "host_district")
ONE_HOST_MESSAGE = _(
    "Ein Termin hat höchstens einen Gastgeber: bitte nur eines der Felder „Gastgeber "
    "(Kommune)“, „Gastgeber (Gemeindeverband)“ oder „Gastgeber (Kreis)“ ausfüllen."
)


VENUE_REQUIRED = _("Bitte einen Veranstaltungsort oder einen Online-Link angeben.")
# A series may not run on for ever: the occurrences are rows of their own.
SERIES_MAX_OCCURRENCES = 120


class ExpertCircle(Illustrative, Publishable):
    """An expert circle (Expertenkreis): a standing group that meets regularly on a theme."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname für URLs"), max_length=200, unique=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="expert_circles", verbose_name=_("Handlungsfelder")
    )
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Markdown: Absätze, Listen, Links.")
    )
    moderation_organisation = models.CharField(_("Moderation (Organisation)"), max_length=200)
    moderation_role = models.CharField(
        _("Moderation (Funktion)"),
        max_length=200,
        blank=True,
        help_text=_("Eine Funktion, keine Person, z. B. „Geschäftsstelle“."),
    )
    join_policy = models.CharField(
        _("Teilnahme"),
        max_length=16,
        choices=JoinPolicy.choices,
        blank=True,
        help_text=_("Leer lassen, wenn dazu nichts bekannt ist."),
    )
    contact_role = models.CharField(
        _("Ansprechstelle"),
        max_length=200,
        blank=True,
        help_text=_("Eine Funktion oder Stelle, keine Person."),
    )
    contact_email = models.EmailField(
        _("Kontakt-E-Mail"), blank=True, help_text=_("Ein Funktionspostfach, keine Person.")
    )
    member_organisations = models.TextField(
        _("Mitglieder (Organisationen)"), blank=True, help_text=_("Eine Organisation je Zeile.")
    )
    member_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="expert_circles",
        verbose_name=_("Mitglieder (Kommunen)"),
    )
    member_associations = models.ManyToManyField(
        Association,
        blank=True,
        related_name="expert_circles",
        verbose_name=_("Mitglieder (Gemeindeverbände)"),
    )
    member_districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="expert_circles",
        verbose_name=_("Mitglieder (Kreise)"),
    )

    history = EditorialHistory(
        m2m_fields=[themes, member_municipalities, member_associations, member_districts]
    )
    objects = ExpertCircleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Expertenkreis")
        verbose_name_plural = _("Expertenkreise")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:circle_detail", kwargs={"slug": self.slug})

    @property
    def member_organisation_list(self) -> list[str]:
        return [line.strip() for line in self.member_organisations.splitlines() if line.strip()]


class EventDetails(Illustrative):
    """What an event and the series that makes events share: ``event_series_generate``
    copies these onto each occurrence (an example series makes example events). The
    relations (circle, venue municipality, host, themes) are declared on each model, because
    their reverse names differ."""

    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices)
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Markdown: Absätze, Listen, Links.")
    )
    organiser = models.CharField(_("Veranstalter"), max_length=200, blank=True)
    language = models.CharField(
        _("Sprache"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.GERMAN
    )
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    venue_address = models.CharField(_("Adresse"), max_length=300, blank=True)
    online_link = models.URLField(_("Online-Link"), blank=True)

    class Meta:
        abstract = True

    @property
    def host(self):
        """The body that hosts the event (municipality, Gemeindeverband or district), if any."""
        for name in HOST_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    def clean_host(self, errors: dict) -> None:
        if sum(getattr(self, f"{name}_id") is not None for name in HOST_FIELDS) > 1:
            errors["host_municipality"] = ONE_HOST_MESSAGE


# What each occurrence of a series takes from it: the shared details and the relations.
COPIED_FROM_SERIES = [
    *(field.name for field in EventDetails._meta.fields),
    "expert_circle",
    "venue_municipality",
    *HOST_FIELDS,
    "status",
]


class EventSeries(EventDetails):
    """A recurring series (e.g. the monthly meetings of a circle): shared details and a rule
    from which ``event_series_generate`` makes one Event per occurrence."""

    slug = models.SlugField(
        _("Kurzname für URLs"),
        max_length=180,
        unique=True,
        help_text=_("Die Termine heißen <Kurzname>-<Datum>."),
    )
    # A series is usually a circle's regular meeting.
    kind = models.CharField(
        _("Art"), max_length=20, choices=EventKind.choices, default=EventKind.CIRCLE_MEETING
    )
    expert_circle = models.ForeignKey(
        ExpertCircle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("Expertenkreis"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("Handlungsfelder")
    )
    venue_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune des Veranstaltungsorts"),
    )
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gastgeber (Kommune)"),
    )
    host_association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gastgeber (Gemeindeverband)"),
    )
    host_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gastgeber (Kreis)"),
    )
    status = models.CharField(
        _("Status der Termine"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text=_("Den erzeugten Terminen gegebener Status."),
    )
    frequency = models.CharField(
        _("Wiederholung"), max_length=8, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    interval = models.PositiveSmallIntegerField(
        _("Abstand"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Jede wievielte Woche bzw. jeden wievielten Monat."),
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("Woche im Monat"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Nur monatlich: z. B. „ersten“ für jeden ersten Dienstag."),
    )
    starts_on = models.DateField(_("ab dem"))
    start_time = models.TimeField(_("Beginn (Uhrzeit)"))
    end_time = models.TimeField(_("Ende (Uhrzeit)"))
    count = models.PositiveSmallIntegerField(
        _("Anzahl der Termine"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(SERIES_MAX_OCCURRENCES)],
    )
    until = models.DateField(_("bis zum"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = EditorialHistory(m2m_fields=[themes])

    class Meta:
        ordering = ["title"]
        verbose_name = _("Terminserie")
        verbose_name_plural = _("Terminserien")
        constraints = [
            models.CheckConstraint(
                condition=at_most_one(HOST_FIELDS),
                name="events_series_one_host",
                violation_error_message=ONE_HOST_MESSAGE,
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if (self.count is None) == (self.until is None):
            errors["count"] = _("Bitte entweder die Anzahl der Termine oder ein Enddatum angeben.")
        if self.until and self.starts_on and self.until < self.starts_on:
            errors["until"] = _("Das Enddatum der Serie muss nach dem ersten Tag liegen.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Das Ende muss nach dem Beginn liegen.")
        if self.week_of_month is not None and self.frequency != Frequency.MONTHLY:
            errors["week_of_month"] = _("Die Woche im Monat gibt es nur bei monatlichen Serien.")
        if not (self.venue_name or self.venue_address or self.online_link):
            errors["venue_name"] = _(
                "Bitte einen Veranstaltungsort oder einen Online-Link angeben."
            )
        self.clean_host(errors)
        if errors:
            raise ValidationError(errors)


class Event(EventDetails, Publishable):
    """An event (conference, workshop, webinar …) with a time, a place and/or an online link.

    ``start`` and ``end`` are always set: for all-day events they are midnight (Europe/Berlin)
    of the first day and midnight after the last day, derived from ``start_date`` and the
    inclusive ``end_date`` in ``clean()``; lists, filters and feeds thus need one column.
    """

    slug = models.SlugField(_("Kurzname für URLs"), max_length=200, unique=True)
    all_day = models.BooleanField(
        _("ganztägig"), default=False, help_text=_("Dann gelten die Daten statt der Uhrzeiten.")
    )
    start = models.DateTimeField(_("Beginn"), blank=True)
    end = models.DateTimeField(_("Ende"), blank=True)
    start_date = models.DateField(_("erster Tag"), null=True, blank=True)
    end_date = models.DateField(
        _("letzter Tag"), null=True, blank=True, help_text=_("Leer bei eintägigen Terminen.")
    )
    venue_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("Kommune des Veranstaltungsorts"),
    )
    # Who hosts it: "hosted_events" of a municipality are those held there (the venue).
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        verbose_name=_("Gastgeber (Kommune)"),
    )
    host_association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        verbose_name=_("Gastgeber (Gemeindeverband)"),
    )
    host_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        verbose_name=_("Gastgeber (Kreis)"),
    )
    latitude = models.FloatField(
        _("Breitengrad"),
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
        help_text=_("Leer: der Mittelpunkt der Kommune."),
    )
    longitude = models.FloatField(
        _("Längengrad"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("Handlungsfelder")
    )
    registration_url = models.URLField(_("Anmeldung (Link)"), blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    registration_enabled = models.BooleanField(
        _("Anmeldung über das Portal"),
        default=False,
        help_text=_(
            "Das Kompetenzzentrum nimmt die Anmeldungen selbst entgegen. Der Online-Link "
            "erscheint dann nirgends öffentlich, nur in den Bestätigungen an Angemeldete."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Bei Anmeldung über das Portal: wie viele Personen teilnehmen können."),
    )
    fee_amount = models.DecimalField(
        _("Teilnahmegebühr (Euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    fee_note = models.CharField(
        _("Teilnahmegebühr (Text)"),
        max_length=120,
        blank=True,
        help_text=_("Statt oder neben dem Betrag, z. B. „kostenlos“."),
    )
    expert_circle = models.ForeignKey(
        ExpertCircle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("Expertenkreis"),
    )
    cancelled = models.BooleanField(_("abgesagt"), default=False)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("Serie"),
    )
    series_occurrence = models.DateField(
        _("Datum in der Serie"), null=True, blank=True, editable=False
    )

    history = EditorialHistory(m2m_fields=[themes])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        indexes = [
            models.Index(fields=["status", "start"], name="events_event_status_start_idx"),
            models.Index(fields=["status", "end"], name="events_event_status_end_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_occurrence"],
                condition=models.Q(series__isnull=False),
                name="events_event_one_per_series_date",
            ),
            # What clean() checks, kept by the database too: the archive relies on it.
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="events_event_end_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=at_most_one(HOST_FIELDS),
                name="events_event_one_host",
                violation_error_message=ONE_HOST_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @property
    def uid(self) -> str:
        return ical_uid("event", self.pk)

    @property
    def last_day(self):
        """The last day of the event (inclusive), in the portal's time zone."""
        if self.all_day:
            return self.end_date or self.start_date
        return timezone.localtime(self.end - timedelta(microseconds=1)).date()

    @property
    def first_day(self):
        return self.start_date if self.all_day else timezone.localdate(self.start)

    @property
    def is_multi_day(self) -> bool:
        return self.first_day != self.last_day

    @property
    def attendance_modes(self) -> list[str]:
        modes = []
        if self.venue_name or self.venue_address or self.venue_municipality_id:
            modes.append(AttendanceMode.ON_SITE)
        if self.online_link:
            modes.append(AttendanceMode.ONLINE)
        return modes

    @property
    def location_text(self) -> str:
        """Where it takes place, as one line: the venue and address, else the online link."""
        parts = [part for part in (self.venue_name, self.venue_address) if part]
        if not parts and self.venue_municipality_id:
            parts.append(self.venue_municipality.name)
        return ", ".join(parts) or self.public_online_link

    @property
    def public_online_link(self) -> str:
        """The online link as every public channel shows it: none for an event with
        registration through the portal, whose link only registered attendees receive."""
        return "" if self.registration_enabled else self.online_link

    def registration_closed_reason(self, now=None) -> str:
        """Why the portal takes no registration for the event now, or "" if it does."""
        now = now or timezone.now()
        if not self.registration_enabled:
            return _("Für diesen Termin ist keine Anmeldung über das Portal vorgesehen.")
        if self.cancelled:
            return _("Der Termin ist abgesagt; eine Anmeldung ist nicht mehr möglich.")
        if self.status != PublicationStatus.PUBLISHED:
            return _("Eine Anmeldung ist erst möglich, wenn der Termin veröffentlicht ist.")
        if self.start <= now:
            return _("Der Termin hat schon begonnen; eine Anmeldung ist nicht mehr möglich.")
        # The deadline is a day in Europe/Berlin and includes that day.
        if self.registration_deadline and timezone.localdate(now) > self.registration_deadline:
            return _("Der Anmeldeschluss ist vorbei; eine Anmeldung ist nicht mehr möglich.")
        return ""

    @property
    def registration_open(self) -> bool:
        return not self.registration_closed_reason()

    @property
    def fee_display(self) -> str:
        parts = []
        if self.fee_amount is not None:
            parts.append(f"{formats.number_format(self.fee_amount, 2)} €")
        if self.fee_note:
            parts.append(self.fee_note)
        return " – ".join(parts)

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        if self.all_day:
            if self.start_date is None:
                errors["start_date"] = _("Ganztägige Termine brauchen einen ersten Tag.")
            else:
                last_day = self.end_date or self.start_date
                if last_day < self.start_date:
                    errors["end_date"] = _("Das Ende muss nach dem Beginn liegen.")
                else:
                    # The moments that lists, filters and feeds use; the end is exclusive.
                    self.start = local_midnight(self.start_date)
                    self.end = local_midnight(last_day + timedelta(days=1))
        else:
            if self.start is None:
                errors["start"] = _("Termine mit Uhrzeit brauchen einen Beginn mit Uhrzeit.")
            if self.end is None:
                errors["end"] = _("Termine mit Uhrzeit brauchen ein Ende mit Uhrzeit.")
            if self.start is not None and self.end is not None and self.end <= self.start:
                errors["end"] = _("Das Ende muss nach dem Beginn liegen.")
            self.start_date = self.end_date = None
        if (
            self.registration_deadline is not None
            and "start" not in errors
            and "start_date" not in errors
            and self.start is not None
            and self.registration_deadline > timezone.localdate(self.start)
        ):
            errors["registration_deadline"] = _(
                "Der Anmeldeschluss muss vor dem Beginn des Termins liegen."
            )
        if not (
            self.venue_name or self.venue_address or self.venue_municipality_id or self.online_link
        ):
            errors["venue_name"] = _(
                "Bitte einen Veranstaltungsort oder einen Online-Link angeben."
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Bitte Breiten- und Längengrad zusammen angeben.")
        if self.registration_enabled and self.capacity is None:
            errors["capacity"] = _(
                "Bitte die Zahl der Plätze angeben: Sie ist nötig, wenn die Anmeldung über "
                "das Portal läuft („Anmeldung über das Portal“)."
            )
        if self.registration_enabled and self.registration_url:
            errors["registration_url"] = _(
                "Entweder Anmeldung über das Portal oder ein Link zu einer anderen Anmeldung: "
                "bitte das Feld „Anmeldung (Link)“ leeren oder „Anmeldung über das Portal“ "
                "abwählen."
            )
        self.clean_host(errors)
        if errors:
            raise ValidationError(errors)
        if self.latitude is None and self.venue_municipality_id:
            # Without an exact venue the map shows the municipality's centre.
            self.latitude = self.venue_municipality.latitude
            self.longitude = self.venue_municipality.longitude


def new_registration_token() -> str:
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """A person's registration for an event run by the centre: a seat, a place on the
    waiting list, or (anonymous visitors) an address still to be confirmed."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("Termin")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("Konto"),
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    accessibility_needs = models.TextField(
        _("Barrierefreiheit: was brauchen Sie?"),
        blank=True,
        max_length=2000,
        help_text=_("Zum Beispiel Gebärdensprache, Untertitel, einen stufenlosen Zugang."),
    )
    status = models.CharField(
        _("Status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    language = models.CharField(_("Sprache der E-Mails"), max_length=10, blank=True)
    # The secret in the confirmation and cancellation links.
    token = models.CharField(max_length=64, unique=True, default=new_registration_token)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        indexes = [models.Index(fields=["event", "status"], name="events_registration_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="events_registration_one_active_per_email",
                violation_error_message=_(
                    "Diese E-Mail-Adresse ist für den Termin schon angemeldet."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def get_cancel_url(self):
        return reverse("events:registration_cancel", kwargs={"token": self.token})

    def get_confirm_url(self):
        return reverse("events:registration_confirm", kwargs={"token": self.token})


class CircleMembership(models.Model):
    """A member's place in an expert circle: requested by the member, decided by the
    circle's coordinators or the editors."""

    circle = models.ForeignKey(
        ExpertCircle,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Expertenkreis"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="circle_memberships",
        verbose_name=_("Mitglied"),
    )
    role = models.CharField(
        _("Rolle"), max_length=16, choices=CircleRole.choices, default=CircleRole.MEMBER
    )
    status = models.CharField(
        _("Status"),
        max_length=16,
        choices=CircleMembershipStatus.choices,
        default=CircleMembershipStatus.REQUESTED,
    )
    language = models.CharField(_("Sprache der E-Mails"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("angefragt am"), auto_now_add=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )

    objects = CircleMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["circle", "created_at", "pk"]
        verbose_name = _("Mitgliedschaft im Expertenkreis")
        verbose_name_plural = _("Mitgliedschaften in Expertenkreisen")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                name="events_circlemembership_once",
                violation_error_message=_("Diese Person ist schon in diesem Expertenkreis."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.circle}"


class CircleInvitation(models.Model):
    """The record that an accepted member was invited to a circle's meeting: written before
    the e-mail goes out, so that each member is invited once."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="circle_invitations",
        verbose_name=_("Termin"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="circle_invitations",
        verbose_name=_("Mitglied"),
    )
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("Einladung zum Treffen")
        verbose_name_plural = _("Einladungen zu Treffen")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_circleinvitation_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.event}"
