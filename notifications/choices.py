from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionKind(models.TextChoices):
    SEARCH = "search", _("Gespeicherte Suche")
    WATCH = "watch", _("Beobachtung")


class Frequency(models.TextChoices):
    DAILY = "daily", _("täglich")
    WEEKLY = "weekly", _("wöchentlich")


class ReminderDays(models.IntegerChoices):
    FOURTEEN = 14, _("14 Tage vor der Frist")
    SEVEN = 7, _("7 Tage vor der Frist")
    ONE = 1, _("1 Tag vor der Frist")


class MailingKind(models.TextChoices):
    DIGEST = "digest", _("Zusammenfassung")
    REMINDER = "reminder", _("Fristerinnerung")


class Change(models.TextChoices):
    NEW = "new", _("neu")
    CHANGED = "changed", _("geändert")
    DATES_CHANGED = "dates", _("Termine geändert")
    REMINDER = "reminder", _("Frist naht")
