from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What sort of event it is."""

    CONFERENCE = "conference", _("Konferenz")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Schulung")
    CIRCLE_MEETING = "circle_meeting", _("Treffen eines Expertenkreises")
    TRADE_FAIR = "trade_fair", _("Messe")


class EventLanguage(models.TextChoices):
    """The language the event is held in."""

    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")


class AttendanceMode(models.TextChoices):
    """How to take part: on site, online or both (schema.org eventAttendanceMode)."""

    ONLINE = "online", _("online")
    ON_SITE = "vor-ort", _("vor Ort")


class JoinPolicy(models.TextChoices):
    """How a municipality or organisation joins an expert circle."""

    OPEN = "open", _("offen für alle")
    ON_REQUEST = "on_request", _("auf Anfrage")


class Frequency(models.TextChoices):
    """How often a series recurs (RFC 5545 FREQ)."""

    WEEKLY = "weekly", _("wöchentlich")
    MONTHLY = "monthly", _("monatlich")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")


class WeekOfMonth(models.IntegerChoices):
    """Which weekday of the month a monthly series falls on (RFC 5545 BYSETPOS)."""

    FIRST = 1, _("ersten")
    SECOND = 2, _("zweiten")
    THIRD = 3, _("dritten")
    FOURTH = 4, _("vierten")
    LAST = -1, _("letzten")


class RegistrationStatus(models.TextChoices):
    """Where a registration for an event run by the centre stands."""

    PENDING = "pending", _("wartet auf Bestätigung der E-Mail-Adresse")
    CONFIRMED = "confirmed", _("angemeldet")
    WAITING = "waiting", _("auf der Warteliste")
    CANCELLED = "cancelled", _("abgemeldet")


class CircleRole(models.TextChoices):
    """What a member does in an expert circle."""

    MEMBER = "member", _("Mitglied")
    COORDINATOR = "coordinator", _("Koordination")


class CircleMembershipStatus(models.TextChoices):
    """Where a request to join an expert circle stands."""

    REQUESTED = "requested", _("angefragt")
    ACCEPTED = "accepted", _("aufgenommen")
    DECLINED = "declined", _("abgelehnt")
