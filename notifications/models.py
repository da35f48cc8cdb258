import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.choices import Change, Frequency, MailingKind, ReminderDays, SubscriptionKind


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """What a member wants to be told about: a saved search (a list's filters) or a watch
    (one body, programme, expert circle or theme); news go into a daily or weekly digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("Mitglied"),
    )
    kind = models.CharField(_("Art"), max_length=8, choices=SubscriptionKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    # A saved search: the list (``notifications.lists.LISTS``) and its filters, as the
    # query string of the list page, read by the list's own FilterSet.
    list_key = models.CharField(_("Liste"), max_length=64, blank=True)
    query = models.CharField(_("Filter"), max_length=2000, blank=True)
    # The filters in words, as they read when the search was saved.
    summary = models.CharField(_("Filter (Text)"), max_length=500, blank=True)
    # A watch: the object followed.
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    frequency = models.CharField(
        _("Zusammenfassung per E-Mail"),
        max_length=8,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    email_enabled = models.BooleanField(_("E-Mail-Zusammenfassung"), default=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung an Fristen"),
        choices=ReminderDays.choices,
        null=True,
        blank=True,
        help_text=_("Nur für Förderprogramme: eine E-Mail vor der Frist eines Aufrufs."),
    )
    # The secret address of the saved search's Atom feed; None when revoked.
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    # News up to this moment have gone into a digest (or there were none).
    checked_until = models.DateTimeField(_("geprüft bis"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"],
                condition=Q(kind=SubscriptionKind.WATCH),
                name="notifications_one_watch_per_object",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=SubscriptionKind.SEARCH, target_type__isnull=True) & ~Q(list_key="")
                )
                | Q(kind=SubscriptionKind.WATCH, target_type__isnull=False, list_key=""),
                name="notifications_search_or_watch",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "email_enabled"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("notifications:subscription_list") + f"#abo-{self.pk}"

    @property
    def is_search(self) -> bool:
        return self.kind == SubscriptionKind.SEARCH


class Mailing(models.Model):
    """One e-mail to a member, a digest or a deadline reminder. It is recorded with its items
    before it is sent, under a unique key (the digest's period, the call and deadline), so
    a second run of the schedule or a retried task finds it and sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailings"
    )
    kind = models.CharField(_("Art"), max_length=8, choices=MailingKind.choices)
    key = models.CharField(_("Schlüssel"), max_length=100)
    # The one-click unsubscribe of this e-mail (RFC 8058).
    token = models.CharField(max_length=64, unique=True, default=new_token)
    subscriptions = models.ManyToManyField(Subscription, related_name="mailings")
    language = models.CharField(max_length=8, default="de")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    # Set by the task that sends it; another task leaves it alone unless the claim is old
    # (its worker died).
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="notifications_mail_once")
        ]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"


class MailingItem(models.Model):
    """One piece of news in a mailing. Unique per subscription, object and revision: each
    new or changed object is sent once per subscription."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="items")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="items")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    revision = models.CharField(max_length=64)
    change = models.CharField(max_length=8, choices=Change.choices)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["mailing", "subscription", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "content_type", "object_id", "revision"],
                name="notifications_item_once",
            )
        ]

    def __str__(self):
        return self.title
