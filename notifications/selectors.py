"""What is new for a subscription: the reads behind digests, reminders and feeds."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bestpractices.models import Project
from cities.models import Association, DigitalProfile, District, Municipality
from events.models import Event, ExpertCircle
from events.querysets import local_midnight
from funding.models import FundingCall, FundingProgramme
from notifications.choices import Change
from notifications.lists import LISTS
from notifications.models import MailingItem, Subscription
from portal.models import Theme

# The kinds of object a member can watch, with the word shown for each.
WATCHABLE = {
    Municipality: _("Kommune"),
    Association: _("Gemeindeverband"),
    District: _("Kreis"),
    FundingProgramme: _("Förderprogramm"),
    ExpertCircle: _("Expertenkreis"),
    Theme: _("Handlungsfeld"),
}
# At most this many news per subscription in one digest; the rest wait for the next one.
MAX_ITEMS_PER_SUBSCRIPTION = 50
FEED_ITEMS = 50


@dataclass(frozen=True)
class News:
    """One new or changed object for a subscription."""

    obj: object
    revision: str
    change: str
    detail: str = ""

    @property
    def key(self) -> tuple[int, int, str]:
        return (ContentType.objects.get_for_model(self.obj).pk, self.obj.pk, self.revision)


def is_watchable(model) -> bool:
    return model in WATCHABLE


def _stamp(obj) -> str:
    return obj.updated_at.isoformat()


def _change(obj, since: datetime) -> str:
    return Change.NEW if obj.created_at > since else Change.CHANGED


def _updated(queryset, since: datetime, until: datetime):
    return queryset.filter(updated_at__gt=since, updated_at__lte=until).order_by("-updated_at")


def _call_dates(call: FundingCall) -> str:
    """The revision of a call for its watchers: its dates, hashed to a short key."""
    dates = f"{call.opens_at}|{call.deadline}|{call.rolling}"
    return "dates:" + hashlib.sha256(dates.encode()).hexdigest()[:32]


def _call_news(calls, subscription: Subscription, since, until) -> list[News]:
    """New calls, and calls whose dates changed since they were last sent: a change of
    anything else in a call is no news."""
    calls = list(_updated(calls, since, until).select_related("programme"))
    call_type = ContentType.objects.get_for_model(FundingCall)
    sent_before = set(
        MailingItem.objects.filter(
            subscription=subscription, content_type=call_type, object_id__in=[c.pk for c in calls]
        ).values_list("object_id", flat=True)
    )
    news = []
    for call in calls:
        deadline = timezone.localtime(call.deadline).strftime("%d.%m.%Y") if call.deadline else ""
        news.append(
            News(
                call,
                _call_dates(call),
                Change.DATES_CHANGED if call.pk in sent_before else Change.NEW,
                detail=_("Frist: %(deadline)s") % {"deadline": deadline}
                if deadline
                else _("laufend, ohne Frist"),
            )
        )
    return news


def watch_news(subscription: Subscription, *, since, until) -> list[News]:
    """What changed around the watched object: the object itself and what belongs to it."""
    user, target = subscription.user, subscription.target
    if target is None:
        return []
    news = []
    sources = []
    if isinstance(target, Municipality | Association | District):
        field = {Municipality: "municipality", Association: "association", District: "district"}[
            type(target)
        ]
        sources = [
            DigitalProfile.objects.visible_to(user).filter(**{field: target}),
            Project.objects.visible_to(user).filter(**{f"lead_{field}": target}),
            Event.objects.visible_to(user).filter(
                Q(**{f"host_{field}": target})
                | (Q(venue_municipality=target) if field == "municipality" else Q(pk=None))
            ),
        ]
    elif isinstance(target, FundingProgramme):
        sources = [FundingProgramme.objects.visible_to(user).filter(pk=target.pk)]
        news += _call_news(
            FundingCall.objects.visible_to(user).filter(programme=target),
            subscription,
            since,
            until,
        )
    elif isinstance(target, ExpertCircle):
        sources = [
            ExpertCircle.objects.visible_to(user).filter(pk=target.pk),
            Event.objects.visible_to(user).filter(expert_circle=target),
        ]
    elif isinstance(target, Theme):
        sources = [
            Project.objects.visible_to(user).filter(themes=target),
            Event.objects.visible_to(user).filter(themes=target),
            FundingProgramme.objects.visible_to(user).filter(themes=target),
        ]
    for queryset in sources:
        news += [
            News(obj, _stamp(obj), _change(obj, since))
            for obj in _updated(queryset, since, until)[:MAX_ITEMS_PER_SUBSCRIPTION]
        ]
    return news


def search_news(subscription: Subscription, *, since, until) -> list[News]:
    """The objects that match the saved filters and are new or changed in the window."""
    saved = LISTS.get(subscription.list_key)
    if saved is None:
        return []
    queryset = saved.filterset(subscription.query, user=subscription.user).qs
    return [
        News(obj, _stamp(obj), _change(obj, since))
        for obj in _updated(queryset, since, until)[:MAX_ITEMS_PER_SUBSCRIPTION]
    ]


def subscription_news(subscription: Subscription, *, until) -> list[News]:
    """The news of ``subscription`` since it was last checked, less what it was sent."""
    since = subscription.checked_until
    if subscription.is_search:
        news = search_news(subscription, since=since, until=until)
    else:
        news = watch_news(subscription, since=since, until=until)
    if not news:
        return []
    sent = set(
        MailingItem.objects.filter(subscription=subscription)
        .filter(object_id__in={item.obj.pk for item in news})
        .values_list("content_type_id", "object_id", "revision")
    )
    unique = {}
    for item in news:
        if item.key not in sent:
            unique.setdefault(item.key, item)
    return list(unique.values())[:MAX_ITEMS_PER_SUBSCRIPTION]


def reminder_calls(subscription: Subscription, *, today: date):
    """The calls whose deadline falls within the subscription's reminder window: from
    tomorrow to ``reminder_days`` days ahead (Europe/Berlin). A call that appears late in
    the window is reminded of at once rather than never."""
    days = subscription.reminder_days
    if not days:
        return FundingCall.objects.none()
    calls = FundingCall.objects.visible_to(subscription.user).filter(
        rolling=False,
        deadline__gte=local_midnight(today + timedelta(days=1)),
        deadline__lt=local_midnight(today + timedelta(days=days + 1)),
    )
    if subscription.is_search:
        saved = LISTS.get(subscription.list_key)
        if saved is None or not saved.has_deadlines:
            return FundingCall.objects.none()
        programmes = saved.filterset(subscription.query, user=subscription.user).qs
        return calls.filter(programme__in=programmes.values("pk"))
    if isinstance(subscription.target, FundingProgramme):
        return calls.filter(programme_id=subscription.target_id)
    return FundingCall.objects.none()


def feed_items(subscription: Subscription) -> list:
    """The newest matches of a saved search for its secret feed. A feed address can be
    passed on, so it shows only what everybody may see, whoever saved the search."""
    saved = LISTS[subscription.list_key]
    queryset = saved.filterset(subscription.query, user=AnonymousUser()).qs
    return list(queryset.order_by("-updated_at")[:FEED_ITEMS])


def subscriptions_of(user):
    return (
        Subscription.objects.filter(user=user)
        .select_related("target_type")
        .prefetch_related("target")
    )
