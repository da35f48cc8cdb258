import calendar
import json
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView, View

from cities.models import Association, District, Municipality
from events.choices import AttendanceMode, CircleMembershipStatus, CircleRole, RegistrationStatus
from events.feeds import FEED_MAX_EVENTS, events_calendar, feed_window, last_change, plain_text
from events.filters import EventFilterSet, ExpertCircleFilterSet
from events.forms import RegistrationForm
from events.models import HOST_FIELDS, CircleMembership, Event, ExpertCircle, Registration
from events.querysets import is_circle_editor
from events.services import (
    can_manage_circle,
    circle_join_request,
    circle_membership_decide,
    registration_cancel,
    registration_confirm_email,
    registration_create,
)
from members.models import BODY_FIELDS, Membership
from portal.clients import client_address
from portal.ical import calendar_response
from portal.models import Theme
from portal.querysets import can_view_unpublished
from portal.related import related_sections
from portal.views import FilteredListView

# A month never lists more than this many events; beyond it the page asks for filters.
MONTH_MAX_EVENTS = 300
CIRCLE_MEETINGS_SHOWN = 20


def themes_prefetch():
    return Prefetch("themes", queryset=Theme.objects.only("name", "name_en", "slug"))


def event_list_queryset(user):
    """The events a visitor may see, with what lists and feeds show loaded up front."""
    return (
        Event.objects.visible_to(user)
        .select_related("venue_municipality__state")
        .prefetch_related(themes_prefetch())
    )


def filter_query_string(request) -> str:
    """The current filters as a query string, without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def feed_links(request, path: str, query: str = "") -> dict:
    """The https:// and webcal:// addresses of a calendar subscription."""
    url = request.build_absolute_uri(path) + (f"?{query}" if query else "")
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


class EventListView(FilteredListView):
    """Upcoming events, soonest first, with the shared filters and a subscription link."""

    model = Event
    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    archive = False

    def get_base_queryset(self):
        queryset = event_list_queryset(self.request.user)
        return queryset.past() if self.archive else queryset.upcoming()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = filter_query_string(self.request)
        context.update(
            archive=self.archive,
            filter_query=query,
            **feed_links(self.request, reverse("events:event_feed"), query),
        )
        return context


class EventArchiveView(EventListView):
    """Past events, most recent first."""

    archive = True


class EventMonthView(TemplateView):
    """A month as an accessible calendar table (weeks from Monday), with the shared filters."""

    template_name = "events/event_month.html"

    def get_month(self) -> tuple[int, int]:
        if "year" not in self.kwargs:
            today = timezone.localdate()
            return today.year, today.month
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise Http404
        return year, month

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.get_month()
        base = event_list_queryset(self.request.user).in_month(year, month)
        filterset = EventFilterSet(self.request.GET or None, queryset=base, request=self.request)
        events = list(filterset.qs[: MONTH_MAX_EVENTS + 1])
        truncated = len(events) > MONTH_MAX_EVENTS
        events = events[:MONTH_MAX_EVENTS]
        today = timezone.localdate()
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        days = {day: [] for week in weeks for day in week if day.month == month}
        for event in events:
            day = max(event.first_day, date(year, month, 1))
            while day <= event.last_day and day in days:
                days[day].append(event)
                day += timedelta(days=1)
        first = date(year, month, 1)
        previous_month = first - timedelta(days=1)
        next_month = first + timedelta(days=32)
        query = filter_query_string(self.request)
        suffix = f"?{query}" if query else ""
        context.update(
            filterset=filterset,
            filter_form=filterset.form,
            month_start=first,
            weeks=[
                {
                    "number": week[0].isocalendar()[1],
                    "days": [
                        {
                            "date": day,
                            "in_month": day.month == month,
                            "is_today": day == today,
                            "events": days.get(day, []),
                        }
                        for day in week
                    ],
                }
                for week in weeks
            ],
            weekdays=[
                (_("Mo"), _("Montag")),
                (_("Di"), _("Dienstag")),
                (_("Mi"), _("Mittwoch")),
                (_("Do"), _("Donnerstag")),
                (_("Fr"), _("Freitag")),
                (_("Sa"), _("Samstag")),
                (_("So"), _("Sonntag")),
            ],
            event_count=len(events),
            has_examples=any(event.is_example for event in events),
            truncated=truncated,
            previous_month=previous_month,
            next_month=next_month,
            previous_url=reverse(
                "events:event_month", args=[previous_month.year, previous_month.month]
            )
            + suffix,
            next_url=reverse("events:event_month", args=[next_month.year, next_month.month])
            + suffix,
            filter_query=query,
        )
        return context


def json_ld_script(data: dict) -> str:
    """A JSON-LD data block that cannot end the script element early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # "</script>" or "<!--" inside a string would end or confuse the element (HTML spec
    # 4.12.1.3); as JSON escapes they mean the same characters.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def event_json_ld(event: Event, request) -> dict:
    """schema.org/Event for search engines."""
    modes = event.attendance_modes
    if modes == [AttendanceMode.ONLINE]:
        attendance = "https://schema.org/OnlineEventAttendanceMode"
    elif len(modes) == 2:
        attendance = "https://schema.org/MixedEventAttendanceMode"
    else:
        attendance = "https://schema.org/OfflineEventAttendanceMode"
    if event.all_day:
        start, end = event.start_date.isoformat(), event.last_day.isoformat()
    else:
        start = timezone.localtime(event.start).isoformat()
        end = timezone.localtime(event.end).isoformat()
    locations = []
    if AttendanceMode.ON_SITE in modes:
        place = {"@type": "Place", "name": event.venue_name or event.location_text}
        address = event.venue_address or (
            event.venue_municipality.name if event.venue_municipality_id else ""
        )
        if address:
            place["address"] = address
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        locations.append(place)
    if event.online_link:
        # With registration through the portal the link goes to attendees only; the
        # virtual location is then the event's page, where one registers.
        url = event.public_online_link or request.build_absolute_uri(event.get_absolute_url())
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": attendance,
        "location": locations[0] if len(locations) == 1 else locations,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "inLanguage": event.language,
    }
    if event.description:
        data["description"] = plain_text(event.description)
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.fee_amount is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": str(event.fee_amount),
            "priceCurrency": "EUR",
            "url": event.registration_url or data["url"],
        }
    return data


class EventDetailView(DetailView):
    """One event with all its data, a map, a calendar download and schema.org data."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .select_related("venue_municipality__state", "expert_circle", "series", *HOST_FIELDS)
            .prefetch_related("themes")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        circle = event.expert_circle
        # The event follows its own status; its circle is linked only if the visitor may
        # see the circle too.
        context["circle_visible"] = circle is not None and (
            circle.is_published or can_view_unpublished(self.request.user, ExpertCircle)
        )
        # A made-up event is not described to search engines as an event that takes place.
        context["json_ld"] = (
            "" if event.is_example else json_ld_script(event_json_ld(event, self.request))
        )
        if event.registration_enabled:
            context.update(self.registration_context(kwargs.get("registration_form")))
        return context

    def registration_context(self, form=None) -> dict:
        """The registration box: seats left (counted now), the visitor's own registration
        and the form, prefilled for a signed-in member."""
        event, user = self.object, self.request.user
        # One COUNT whatever the number of registrations.
        taken = Registration.objects.confirmed().filter(event=event).count()
        own = None
        if user.is_authenticated:
            own = Registration.objects.active().filter(event=event, user=user).first()
        if form is None:
            initial = {}
            if user.is_authenticated:
                initial = {
                    "name": f"{user.first_name} {user.last_name}".strip(),
                    "email": user.email,
                }
            form = RegistrationForm(initial=initial)
        return {
            "registration_form": form,
            "seats_left": max(event.capacity - taken, 0),
            "registration_closed": event.registration_closed_reason(),
            "own_registration": own,
            "counted_at": timezone.now(),
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.object.registration_enabled:
            # Seats left are counted for each request: the page cache (and browsers) must
            # not keep it. The form's CSRF cookie would keep it out of the page cache, too.
            add_never_cache_headers(response)
        return response


REGISTERED_MESSAGES = {
    RegistrationStatus.CONFIRMED: gettext_lazy(
        "Sie sind angemeldet. Die Bestätigung mit dem Termin für Ihren Kalender ist an "
        "%(email)s unterwegs."
    ),
    RegistrationStatus.WAITING: gettext_lazy(
        "Alle Plätze sind vergeben: Sie stehen auf der Warteliste. Wird ein Platz frei, rücken "
        "Sie der Reihe nach auf und bekommen eine E-Mail an %(email)s."
    ),
    RegistrationStatus.PENDING: gettext_lazy(
        "Fast geschafft: Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail, die "
        "wir an %(email)s geschickt haben. Erst dann ist die Anmeldung gültig."
    ),
}


class EventRegisterView(EventDetailView):
    """The registration form's target (POST only): a seat, the waiting list or the
    double opt-in; errors show on the event's page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.registration_enabled:
            raise Http404
        form = RegistrationForm(request.POST)
        rate_limited = False
        if form.is_valid():
            try:
                registration = registration_create(
                    event=self.object,
                    user=request.user,
                    language=getattr(request, "LANGUAGE_CODE", ""),
                    client_address=client_address(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
                rate_limited = getattr(error, "code", None) == "rate_limited"
            else:
                messages.success(
                    request,
                    str(REGISTERED_MESSAGES[registration.status]) % {"email": registration.email},
                )
                return HttpResponseRedirect(self.object.get_absolute_url() + "#anmeldung")
        context = self.get_context_data(
            object=self.object,
            registration_form=form,
            # This address takes only POST: the language switch leads back to the event.
            language_switch_next=self.object.get_absolute_url(),
        )
        return self.render_to_response(context, status=429 if rate_limited else 200)


@method_decorator(never_cache, name="dispatch")
class RegistrationTokenView(TemplateView):
    """A page reached by the secret link in an e-mail: GET shows what the button does,
    only POST changes anything (mail scanners follow links)."""

    def get_registration(self) -> Registration:
        return get_object_or_404(
            Registration.objects.select_related("event"), token=self.kwargs["token"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registration"] = self.get_registration()
        context["event"] = context["registration"].event
        return context


class RegistrationConfirmView(RegistrationTokenView):
    """Double opt-in: the visitor confirms the address of a registration."""

    template_name = "events/registration_confirm.html"

    def post(self, request, token):
        registration = self.get_registration()
        try:
            registration_confirm_email(token=registration.token)
        except ValidationError as error:
            return self.render_to_response(
                {**self.get_context_data(), "error": " ".join(error.messages)}
            )
        return HttpResponseRedirect(request.path)


class RegistrationCancelView(RegistrationTokenView):
    """The link to cancel a registration."""

    template_name = "events/registration_cancel.html"

    def post(self, request, token):
        registration_cancel(registration=self.get_registration())
        return HttpResponseRedirect(request.path)


class EventICalView(View):
    """One event as an .ics file ("add to my calendar")."""

    def get(self, request, slug):
        event = get_object_or_404(
            Event.objects.visible_to(request.user).select_related("venue_municipality"),
            slug=slug,
        )
        feed = events_calendar([event], request=request, name=event.title)
        return calendar_response(
            request, feed, filename=f"{event.slug}.ics", last_modified=event.updated_at
        )


class EventFeedView(View):
    """The subscription feed: the list's filters, upcoming events and the recent past."""

    def get(self, request):
        base = feed_window(
            Event.objects.visible_to(request.user).select_related("venue_municipality")
        )
        filterset = EventFilterSet(request.GET or None, queryset=base, request=request)
        events = list(filterset.qs[:FEED_MAX_EVENTS])
        feed = events_calendar(
            events,
            request=request,
            name=_("Termine – Digitale Städte und Regionen"),
            description=_("Veranstaltungen und Expertenkreise für Kommunen"),
        )
        return calendar_response(
            request, feed, filename="termine.ics", last_modified=last_change(events)
        )


def circle_queryset(user):
    """Circles the visitor may see, with the number of their upcoming meetings."""
    meetings = Q(meetings__end__gt=timezone.now())
    if not can_view_unpublished(user, Event):
        meetings &= Q(meetings__status="published")
    return (
        ExpertCircle.objects.visible_to(user)
        .prefetch_related(themes_prefetch())
        .annotate(upcoming_meeting_count=Count("meetings", filter=meetings))
        .order_by("name")
    )


class ExpertCircleListView(FilteredListView):
    """The expert circles with their themes and how many meetings are coming."""

    model = ExpertCircle
    filterset_class = ExpertCircleFilterSet
    template_name = "events/expertcircle_list.html"

    def get_base_queryset(self):
        return circle_queryset(self.request.user)


class ExpertCircleDetailView(DetailView):
    """A circle with its upcoming and past meetings and its calendar feed."""

    template_name = "events/expertcircle_detail.html"
    context_object_name = "circle"

    def get_queryset(self):
        return (
            ExpertCircle.objects.visible_to(self.request.user)
            .prefetch_related("themes")
            .prefetch_related(
                Prefetch(
                    "member_municipalities",
                    queryset=Municipality.objects.only("name", "ags"),
                ),
                Prefetch("member_associations", queryset=Association.objects.only("name", "key")),
                Prefetch("member_districts", queryset=District.objects.only("name", "key")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_authenticated:
            context["own_membership"] = CircleMembership.objects.filter(
                circle=self.object, user=user
            ).first()
            context["sees_members"] = is_circle_editor(user) or (
                context["own_membership"] is not None
                and context["own_membership"].status == CircleMembershipStatus.ACCEPTED
            )
        meetings = (
            Event.objects.visible_to(self.request.user)
            .filter(expert_circle=self.object)
            .select_related("venue_municipality")
        )
        context["upcoming_meetings"] = meetings.upcoming()[:CIRCLE_MEETINGS_SHOWN]
        context["past_meetings"] = meetings.past()[:CIRCLE_MEETINGS_SHOWN]
        context["all_meetings_url"] = reverse("events:event_list") + f"?circle={self.object.slug}"
        # What other apps add to a circle's page, such as the link to follow it.
        context["related_sections"] = related_sections(self.object, user=user)
        context.update(
            feed_links(
                self.request, reverse("events:circle_feed", kwargs={"slug": self.object.slug})
            )
        )
        return context


class ExpertCircleFeedView(View):
    """The meetings of one circle as a subscription feed."""

    def get(self, request, slug):
        circle = get_object_or_404(ExpertCircle.objects.visible_to(request.user), slug=slug)
        events = list(
            feed_window(
                Event.objects.visible_to(request.user)
                .filter(expert_circle=circle)
                .select_related("venue_municipality")
            )[:FEED_MAX_EVENTS]
        )
        feed = events_calendar(
            events,
            request=request,
            name=circle.name,
            description=_("Treffen des Expertenkreises"),
        )
        return calendar_response(
            request,
            feed,
            filename=f"{circle.slug}.ics",
            last_modified=max(filter(None, [last_change(events), circle.updated_at])),
        )


class CircleJoinView(LoginRequiredMixin, View):
    """A signed-in member asks to join the circle (POST)."""

    http_method_names = ["post"]

    def post(self, request, slug):
        circle = get_object_or_404(ExpertCircle.objects.visible_to(request.user), slug=slug)
        circle_join_request(
            circle=circle, user=request.user, language=getattr(request, "LANGUAGE_CODE", "")
        )
        messages.success(
            request,
            _(
                "Ihre Anfrage ist bei der Koordination des Expertenkreises. Sie bekommen eine "
                "E-Mail, sobald sie entschieden ist."
            ),
        )
        return HttpResponseRedirect(circle.get_absolute_url())


class CircleMembersView(LoginRequiredMixin, TemplateView):
    """The circle's members (for its accepted members, coordinators and editors) and the
    open requests with accept and decline (for coordinators and editors)."""

    template_name = "events/circle_members.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.circle = get_object_or_404(
            ExpertCircle.objects.visible_to(request.user), slug=kwargs["slug"]
        )
        self.manages = can_manage_circle(request.user, self.circle)
        if not self.manages and not (
            CircleMembership.objects.accepted()
            .filter(circle=self.circle, user=request.user)
            .exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = (
            CircleMembership.objects.visible_to(self.request.user, self.circle)
            .select_related("user")
            .prefetch_related(
                Prefetch(
                    "user__memberships",
                    queryset=Membership.objects.verified().select_related(*BODY_FIELDS),
                    to_attr="verified_memberships",
                )
            )
            .order_by("user__last_name", "user__first_name", "pk")
        )
        rows = [
            {
                "membership": membership,
                "name": f"{membership.user.first_name} {membership.user.last_name}".strip()
                or membership.user.get_username(),
                "organisations": [m.body.name for m in membership.user.verified_memberships],
            }
            for membership in memberships
        ]
        context.update(
            circle=self.circle,
            manages=self.manages,
            members=[r for r in rows if r["membership"].status == CircleMembershipStatus.ACCEPTED],
            requests=[
                r for r in rows if r["membership"].status == CircleMembershipStatus.REQUESTED
            ],
            coordinator_role=CircleRole.COORDINATOR,
        )
        return context

    def post(self, request, slug):
        if not self.manages:
            raise PermissionDenied
        membership = get_object_or_404(
            CircleMembership, pk=request.POST.get("membership") or 0, circle=self.circle
        )
        accept = request.POST.get("decision") == "accept"
        circle_membership_decide(membership=membership, by=request.user, accept=accept)
        messages.success(
            request,
            (
                _("%(name)s ist aufgenommen.")
                if accept
                else _("Die Anfrage von %(name)s ist abgelehnt.")
            )
            % {"name": membership.user.get_full_name() or membership.user.get_username()},
        )
        return HttpResponseRedirect(request.path)
