"""The one FilterSet per list: pages, month view, API, GeoJSON and iCalendar feeds share it."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.choices import AttendanceMode, EventKind
from events.models import Event, ExpertCircle
from portal.facets import ChoiceFacet, FacetedFilterSet, ModelFacet
from portal.models import FederalState, Theme
from portal.widgets import DateInput


def visible_circles(request):
    """The circles a visitor may choose: only those they may see (no names of drafts)."""
    user = getattr(request, "user", None)
    return ExpertCircle.objects.visible_to(user).only("name", "slug").order_by("name")


class EventFilterSet(FacetedFilterSet):
    """Filters for events: kind, theme, state (facets with counts), online/on site, date
    range, circle, text."""

    facets = [
        ChoiceFacet(
            "kind",
            label=_("Art"),
            field="kind",
            choices=EventKind.choices,
            multiple=False,
            empty_label=_("alle Arten"),
        ),
        ModelFacet(
            "theme",
            label=_("Handlungsfeld"),
            queryset=Theme.objects.only("name", "name_en", "slug"),
            to_field_name="slug",
            via="themes",
            multiple=False,
            empty_label=_("alle Handlungsfelder"),
        ),
        ModelFacet(
            "state",
            label=_("Bundesland"),
            queryset=FederalState.objects.only("code", "name", "name_en"),
            to_field_name="code",
            field="state_id",
            via="venue_municipality",
            multiple=False,
            empty_label=_("alle Bundesländer"),
        ),
    ]

    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_q",
        max_length=200,
        help_text=_("Sucht in Titel, Beschreibung, Ort und Veranstalter."),
    )
    attendance = django_filters.ChoiceFilter(
        label=_("Teilnahme"),
        choices=AttendanceMode.choices,
        method="filter_attendance",
        empty_label=_("online und vor Ort"),
    )
    date_from = django_filters.DateFilter(
        label=_("von"),
        method="filter_date_from",
        widget=DateInput(),
        help_text=_("Termine an oder nach diesem Tag."),
    )
    date_to = django_filters.DateFilter(
        label=_("bis"),
        method="filter_date_to",
        widget=DateInput(),
        help_text=_("Termine an oder vor diesem Tag."),
    )
    circle = django_filters.ModelChoiceFilter(
        label=_("Expertenkreis"),
        field_name="expert_circle",
        to_field_name="slug",
        queryset=visible_circles,
        empty_label=_("alle Termine"),
    )
    municipality = django_filters.CharFilter(
        label=_("Kommune (AGS)"),
        field_name="venue_municipality__ags",
        max_length=8,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "theme", "state", "attendance", "date_from", "date_to", "circle"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_attendance(self, queryset, name, value):
        if value == AttendanceMode.ONLINE:
            return queryset.exclude(online_link="")
        if value == AttendanceMode.ON_SITE:
            return queryset.filter(
                ~Q(venue_name="") | ~Q(venue_address="") | Q(venue_municipality__isnull=False)
            )
        return queryset

    def filter_date_from(self, queryset, name, value):
        return queryset.overlapping(value, None)

    def filter_date_to(self, queryset, name, value):
        return queryset.overlapping(None, value)


class ExpertCircleFilterSet(django_filters.FilterSet):
    """Filters for expert circles: theme and text."""

    q = django_filters.CharFilter(label=_("Suchbegriff"), method="filter_q", max_length=200)
    theme = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.only("name", "name_en", "slug"),
        empty_label=_("alle Handlungsfelder"),
    )

    class Meta:
        model = ExpertCircle
        fields = ["q", "theme"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset
