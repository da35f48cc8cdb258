"""The deadline calendar (iCalendar) and the Atom feed of new or changed calls; both run
the calls' FilterSet on the query string."""

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Event

from funding.filters import FundingCallFilterSet
from funding.models import FundingCall
from portal.examples import example_description, example_title
from portal.ical import calendar_response, ical_instant, ical_uid, new_calendar

# Recently passed deadlines stay in subscribed calendars for a while.
CALENDAR_PAST_DAYS = 30
CALENDAR_LIMIT = 500
ATOM_LIMIT = 50


def filtered_calls(request, queryset):
    """The calls' FilterSet on the query string; invalid values are ignored."""
    filterset = FundingCallFilterSet(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        filterset = FundingCallFilterSet(None, queryset=queryset, request=request)
    return filterset.qs


def deadline_calendar(request):
    """/foerderprogramme/fristen.ics: one VEVENT per deadline at the deadline moment."""
    since = timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
    base = (
        FundingCall.objects.visible_to(request.user)
        .filter(deadline__gte=since)
        .select_related("programme")
        .order_by("deadline", "pk")
    )
    calls = list(filtered_calls(request, base)[:CALENDAR_LIMIT])
    calendar = new_calendar(
        name=_("Förderfristen – Digitale Städte und Regionen"),
        description=_("Fristen der Förderaufrufe für Kommunen"),
    )
    for call in calls:
        event = Event()
        event.add("uid", ical_uid("funding-call", call.pk))
        summary = _("Frist: %(programme)s – %(call)s") % {
            "programme": call.programme.short_name or call.programme.title,
            "call": call.title,
        }
        event.add("summary", example_title(summary, call))
        # A deadline is an instant: DTSTART without DTEND, which RFC 5545 (3.6.1) defines
        # as ending when it starts (a DTEND must be later). Calendar clients show it at its
        # time of day; an all-day DATE entry would move the time into the text, and its
        # floating date could fall on another day for a reader in another time zone.
        event.add("dtstart", ical_instant(call.deadline))
        event.add("dtstamp", ical_instant(call.updated_at))
        event.add("last-modified", ical_instant(call.updated_at))
        url = request.build_absolute_uri(call.get_absolute_url())
        event.add("url", url)
        event.add(
            "description",
            example_description(f"{call.programme.funding_body}\n{call.link or url}", call),
        )
        calendar.add_component(event)
    last_modified = max((call.updated_at for call in calls), default=None)
    return calendar_response(
        request, calendar, filename="foerderfristen.ics", last_modified=last_modified
    )


class CallChangesFeed(Feed):
    """/foerderprogramme/aenderungen.atom: new or changed calls, newest change first."""

    feed_type = Atom1Feed
    title = gettext_lazy("Neue und geänderte Förderaufrufe")
    subtitle = gettext_lazy("Förderaufrufe aus dem Katalog „Digitale Städte und Regionen“")

    def get_object(self, request, *args, **kwargs):
        # The request is the feed's "object": the feed instance is shared between requests.
        return request

    def link(self):
        return reverse("funding:deadline_list")

    def items(self, request):
        base = (
            FundingCall.objects.visible_to(request.user)
            .select_related("programme")
            .order_by("-updated_at", "-pk")
        )
        return filtered_calls(request, base).order_by("-updated_at", "-pk")[:ATOM_LIMIT]

    def item_title(self, item):
        return example_title(f"{item.programme.title}: {item.title}", item)

    def item_description(self, item):
        if item.rolling:
            deadline = _("laufend, ohne Frist")
        else:
            deadline = timezone.localtime(item.deadline).strftime("%d.%m.%Y %H:%M")
        text = _("Fördergeber: %(body)s. Frist: %(deadline)s.") % {
            "body": item.programme.funding_body,
            "deadline": deadline,
        }
        return example_description(text, item)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return ical_uid("funding-call", item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
