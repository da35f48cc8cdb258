"""Writes of the notifications: subscriptions, and the mailings that are recorded before
they are sent, so that each piece of news reaches a member once."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.choices import Change, MailingKind, SubscriptionKind
from notifications.lists import LISTS, clean_query, describe_query
from notifications.models import Mailing, MailingItem, Subscription, new_token
from notifications.selectors import is_watchable, reminder_calls, subscription_news
from portal.mail import absolute_url, build_mail

# A claim on a mailing older than this belongs to a worker that died: another may send it.
STALE_CLAIM = timedelta(minutes=15)


def period_key(frequency: str, today: date) -> str:
    """The digest period ``today`` falls in: the day, or the ISO week."""
    if frequency == "weekly":
        year, week, _weekday = today.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{today.isoformat()}"


def search_save(
    *, user, list_key: str, query: str, name: str, frequency: str, reminder_days=None, language="de"
) -> Subscription:
    """Save the filters of a list as a subscription; refuses filters the list refuses."""
    saved = LISTS.get(list_key)
    if saved is None:
        raise ValidationError({"list_key": _("Diese Liste kann nicht gespeichert werden.")})
    from django.http import QueryDict

    query = clean_query(QueryDict(query))
    filterset = saved.filterset(query, user=user)
    if filterset.is_bound and not filterset.form.is_valid():
        raise ValidationError(
            {
                "query": _("Die Filter enthalten ungültige Werte: %(fields)s")
                % {"fields": ", ".join(filterset.form.errors)}
            }
        )
    subscription = Subscription(
        user=user,
        kind=SubscriptionKind.SEARCH,
        list_key=list_key,
        query=query,
        summary=describe_query(saved, query)[:500],
        name=name.strip(),
        frequency=frequency,
        reminder_days=reminder_days or None,
        feed_token=new_token(),
        language=language,
    )
    _check_reminder(subscription)
    subscription.full_clean()
    subscription.save()
    return subscription


def watch_start(*, user, target, frequency: str, reminder_days=None, language="de"):
    """Follow ``target``; following it again changes nothing and returns the watch."""
    if not is_watchable(type(target)):
        raise ValidationError(_("Diesem Inhalt kann man nicht folgen."))
    target_type = ContentType.objects.get_for_model(target)
    existing = Subscription.objects.filter(
        user=user, kind=SubscriptionKind.WATCH, target_type=target_type, target_id=target.pk
    ).first()
    if existing:
        return existing
    subscription = Subscription(
        user=user,
        kind=SubscriptionKind.WATCH,
        target_type=target_type,
        target_id=target.pk,
        name=str(target)[:200],
        frequency=frequency,
        reminder_days=reminder_days or None,
        language=language,
    )
    _check_reminder(subscription)
    subscription.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:  # the same watch saved at the same moment
        return Subscription.objects.get(
            user=user, kind=SubscriptionKind.WATCH, target_type=target_type, target_id=target.pk
        )
    return subscription


def subscription_update(*, subscription: Subscription, **fields) -> Subscription:
    for name, value in fields.items():
        setattr(subscription, name, value)
    _check_reminder(subscription)
    subscription.full_clean(validate_constraints=False)
    subscription.save()
    return subscription


def may_remind(subscription: Subscription) -> bool:
    """Only subscriptions on funding programmes can remind of deadlines."""
    from funding.models import FundingProgramme

    if subscription.is_search:
        return LISTS[subscription.list_key].has_deadlines
    return subscription.target_type.model_class() is FundingProgramme


def _check_reminder(subscription: Subscription) -> None:
    if subscription.reminder_days and not may_remind(subscription):
        raise ValidationError(
            {"reminder_days": _("Erinnerungen an Fristen gibt es nur für Förderprogramme.")}
        )


def feed_renew(*, subscription: Subscription) -> Subscription:
    """A new secret feed address; the old one answers 404 from now on."""
    subscription.feed_token = new_token()
    subscription.save(update_fields=["feed_token"])
    return subscription


def feed_revoke(*, subscription: Subscription) -> Subscription:
    subscription.feed_token = None
    subscription.save(update_fields=["feed_token"])
    return subscription


def _items(mailing: Mailing, subscription: Subscription, news) -> list[MailingItem]:
    return [
        MailingItem(
            mailing=mailing,
            subscription=subscription,
            content_type_id=item.key[0],
            object_id=item.obj.pk,
            revision=item.revision,
            change=item.change,
            title=str(item.obj)[:300],
            url=item.obj.get_absolute_url()[:500],
            detail=item.detail[:300],
        )
        for item in news
    ]


def digest_build(*, user, frequency: str, today: date, now=None) -> Mailing | None:
    """Record the digest of ``user`` for the period of ``today``: the news of every
    subscription with this frequency since it was last checked. Returns the digest, the
    one recorded before for this period, or None when there is no news.

    One transaction: the digest, its items and the subscriptions' new ``checked_until``
    are written together or not at all. Two runs for the same period (beat fired twice)
    meet at the unique key: the second finds the first one's digest."""
    now = now or timezone.now()
    key = period_key(frequency, today)
    existing = Mailing.objects.filter(user=user, kind=MailingKind.DIGEST, key=key).first()
    if existing:
        return existing
    subscriptions = list(
        Subscription.objects.filter(user=user, frequency=frequency, email_enabled=True)
        .select_related("user", "target_type")
        .order_by("pk")
    )
    news = {
        subscription: subscription_news(subscription, until=now) for subscription in subscriptions
    }
    try:
        with transaction.atomic():
            Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(
                checked_until=now
            )
            if not any(news.values()):
                return None
            mailing = Mailing.objects.create(
                user=user,
                kind=MailingKind.DIGEST,
                key=key,
                language=subscriptions[-1].language,
            )
            mailing.subscriptions.set([s for s, items in news.items() if items])
            MailingItem.objects.bulk_create(
                [item for s, items in news.items() for item in _items(mailing, s, items)]
            )
    except IntegrityError:
        return Mailing.objects.filter(user=user, kind=MailingKind.DIGEST, key=key).first()
    return mailing


def reminders_build(*, subscription: Subscription, today: date) -> list[Mailing]:
    """Record one reminder per call whose deadline is within the subscription's window and
    not yet reminded of (per member, call, deadline and chosen number of days)."""
    mailings = []
    for call in reminder_calls(subscription, today=today).select_related("programme"):
        deadline = timezone.localdate(call.deadline)
        key = f"call:{call.pk}:{deadline.isoformat()}:{subscription.reminder_days}"
        days_left = (deadline - today).days
        item = MailingItem(
            subscription=subscription,
            content_type=ContentType.objects.get_for_model(call),
            object_id=call.pk,
            revision=f"reminder:{deadline.isoformat()}:{subscription.reminder_days}",
            change=Change.REMINDER,
            title=str(call.programme)[:300],
            url=call.programme.get_absolute_url(),
            detail=(
                _("Frist: %(deadline)s, in %(days)d Tag(en)")
                % {"deadline": deadline.strftime("%d.%m.%Y"), "days": days_left}
            ),
        )
        try:
            with transaction.atomic():
                mailing, created = Mailing.objects.get_or_create(
                    user=subscription.user,
                    kind=MailingKind.REMINDER,
                    key=key,
                    defaults={"language": subscription.language},
                )
                if MailingItem.objects.filter(
                    subscription=subscription,
                    content_type=item.content_type,
                    object_id=call.pk,
                    revision=item.revision,
                ).exists():
                    continue
                item.mailing = mailing
                item.save()
                mailing.subscriptions.add(subscription)
        except IntegrityError:  # a parallel run recorded it first
            continue
        if created:
            mailings.append(mailing)
    return mailings


def unsent_mailings(now=None):
    """Mailings recorded but not sent, and not being sent by a live worker."""
    now = now or timezone.now()
    return Mailing.objects.filter(sent_at=None).filter(
        Q(claimed_at=None) | Q(claimed_at__lt=now - STALE_CLAIM)
    )


def unsubscribe_url(mailing: Mailing) -> str:
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": mailing.token}))


def mailing_message(mailing: Mailing):
    """The e-mail of a mailing, with the one-click unsubscribe of RFC 8058."""
    items = list(mailing.items.select_related("subscription").order_by("subscription__name", "pk"))
    groups = {}
    for item in items:
        groups.setdefault(item.subscription, []).append(item)
    unsubscribe = unsubscribe_url(mailing)
    template = (
        "notifications/email/digest"
        if mailing.kind == MailingKind.DIGEST
        else "notifications/email/reminder"
    )
    return build_mail(
        template,
        {
            "mailing": mailing,
            "groups": [
                {
                    "subscription": subscription,
                    "items": [{"item": item, "url": absolute_url(item.url)} for item in group],
                }
                for subscription, group in groups.items()
            ],
            "item_count": len(items),
            "subscriptions_url": absolute_url(reverse("notifications:subscription_list")),
            "unsubscribe_url": unsubscribe,
        },
        to=[mailing.user.email],
        language=mailing.language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def mailing_send(*, mailing_id: int, now=None) -> bool:
    """Send a recorded mailing unless it was sent or another worker is sending it. The
    claim is a conditional UPDATE: of two tasks for the same mailing one wins. A failed
    send gives the claim back, so the retry can send it."""
    now = now or timezone.now()
    claimed = unsent_mailings(now).filter(pk=mailing_id).update(claimed_at=now)
    if not claimed:
        return False
    mailing = Mailing.objects.select_related("user").get(pk=mailing_id)
    try:
        mailing_message(mailing).send()
    except Exception:
        Mailing.objects.filter(pk=mailing_id).update(claimed_at=None)
        raise
    Mailing.objects.filter(pk=mailing_id).update(sent_at=timezone.now())
    return True


def unsubscribe(*, mailing: Mailing) -> list[Subscription]:
    """One-click unsubscribe: the subscriptions this e-mail came from send no more of its
    kind (a digest: no digests; a reminder: no reminders). The subscriptions stay, with
    their feeds, and can be switched on again on the subscriptions page."""
    subscriptions = list(mailing.subscriptions.all())
    field = (
        {"email_enabled": False} if mailing.kind == MailingKind.DIGEST else {"reminder_days": None}
    )
    Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(**field)
    return subscriptions
