"""The FilterSets of programmes and calls, shared by the pages, the API and the feeds."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from funding.choices import CallStatus, FundingKind, FundingLevel, ProgrammeStatus
from funding.models import Applicant, FundingCall, FundingProgramme
from portal.facets import ChoiceFacet, FacetedFilterSet, ModelFacet
from portal.filters import KeyModelChoiceFilter
from portal.models import FederalState, Theme
from portal.widgets import DateRangeInput

ALL = _("– alle –")

PROGRAMME_ORDERING = {
    "deadline": (F("next_deadline").asc(nulls_last=True), "title", "pk"),
    "title": ("title", "pk"),
    "updated": ("-updated_at", "pk"),
}


class ProgrammeFitFilterSet(django_filters.FilterSet):
    """Where, for whom and on what a programme is: the filters programmes and calls share.
    A call fits when its programme does."""

    state = KeyModelChoiceFilter(
        empty_label=ALL,
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        method="filter_state",
        help_text=_("Zweistelliger Länderschlüssel; auch Programme ohne Länderbeschränkung."),
    )
    applicant = KeyModelChoiceFilter(
        empty_label=ALL,
        label=_("Antragsberechtigt"),
        queryset=Applicant.objects.all(),
        to_field_name="slug",
        method="filter_applicant",
    )
    theme = KeyModelChoiceFilter(
        empty_label=ALL,
        label=_("Handlungsfeld"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
    )

    def with_programmes(self, queryset, narrow):
        """``queryset`` narrowed to the objects whose programme is in ``narrow(programmes)``."""
        raise NotImplementedError

    def filter_state(self, queryset, name, value):
        return self.with_programmes(
            queryset, lambda programmes: programmes.applies_in_state(value.code)
        )

    def filter_applicant(self, queryset, name, value):
        return self.with_programmes(
            queryset, lambda programmes: programmes.open_to_applicant(value.slug)
        )

    def filter_theme(self, queryset, name, value):
        return self.with_programmes(
            queryset, lambda programmes: programmes.with_any_theme([value.slug])
        )


class FundingProgrammeFilterSet(FacetedFilterSet, ProgrammeFitFilterSet):
    """Programmes by level, state, applicant, kind, theme, status and text; sorted by the next
    deadline unless told otherwise. Level, kind, theme and status are facets with counts;
    state and applicant also find the programmes open to every state or applicant, so they
    stay plain filters."""

    facets = [
        ChoiceFacet(
            "level",
            label=_("Ebene"),
            field="level",
            choices=FundingLevel.choices,
            multiple=False,
            empty_label=ALL,
        ),
        ChoiceFacet(
            "kind",
            label=_("Förderart"),
            field="kind",
            choices=FundingKind.choices,
            multiple=False,
            empty_label=ALL,
        ),
        ModelFacet(
            "theme",
            label=_("Handlungsfeld"),
            queryset=Theme.objects.only("name", "name_en", "slug"),
            to_field_name="slug",
            via="themes",
            multiple=False,
            empty_label=ALL,
        ),
        # Derived from the calls (the ``with_status()`` annotation every list carries).
        ChoiceFacet(
            "status",
            label=_("Status"),
            field="funding_status",
            choices=ProgrammeStatus.choices,
            multiple=False,
            empty_label=ALL,
        ),
    ]

    q = django_filters.CharFilter(
        label=_("Suchbegriff"), method="filter_q", max_length=200, help_text=_("Volltext.")
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=[
            ("deadline", _("Nächste Frist")),
            ("title", _("Titel")),
            ("updated", _("Zuletzt geändert")),
        ],
        method="filter_ordering",
        empty_label=None,
    )

    class Meta:
        model = FundingProgramme
        fields = ["q", "level", "state", "applicant", "kind", "theme", "status", "ordering"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = FundingProgramme.objects.all()
        # The default order also applies to an unbound FilterSet (no query string).
        queryset = queryset.with_status().order_by(*PROGRAMME_ORDERING["deadline"])
        super().__init__(data, queryset, **kwargs)

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def with_programmes(self, queryset, narrow):
        return narrow(queryset)

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*PROGRAMME_ORDERING.get(value, PROGRAMME_ORDERING["deadline"]))


class FundingCallFilterSet(ProgrammeFitFilterSet):
    """Calls by status, deadline range, state, applicant, theme and programme; soonest deadline
    first."""

    status = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Status"), choices=CallStatus.choices, field_name="call_status"
    )
    deadline = django_filters.DateFromToRangeFilter(
        label=_("Frist zwischen"),
        help_text=_("Aufrufe, deren Frist in diesen Zeitraum fällt."),
        widget=DateRangeInput(labels=(_("Frist ab"), _("Frist bis"))),
    )
    programme = django_filters.CharFilter(
        label=_("Förderprogramm"), field_name="programme__slug", max_length=200
    )

    class Meta:
        model = FundingCall
        fields = ["status", "deadline", "state", "applicant", "theme", "programme"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = FundingCall.objects.all()
        queryset = queryset.with_status()
        if not queryset.query.order_by:
            # Soonest deadline first, also for an unbound FilterSet (no query string).
            queryset = queryset.order_by(F("deadline").asc(nulls_last=True), "pk")
        super().__init__(data, queryset, **kwargs)

    def with_programmes(self, queryset, narrow):
        return queryset.filter(programme__in=narrow(FundingProgramme.objects.all()))
