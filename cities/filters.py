"""The one FilterSet of the municipality list: the page, the API list and the map's GeoJSON
all run it."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.choices import MunicipalityKind, SizeClass, StrategyStatus
from cities.models import Municipality
from cities.querysets import size_class_q
from portal.filters import KeyModelChoiceFilter
from portal.models import FederalState, Theme


class YesNoAnyWidget(django_filters.widgets.BooleanWidget):
    """A yes/no select whose empty choice reads "any" rather than "unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("egal")), ("true", _("ja")), ("false", _("nein")))


class MunicipalityFilterSet(django_filters.FilterSet):
    """Filters by register data and by the digital profile the caller may see."""

    q = django_filters.CharFilter(
        label=_("Name oder AGS"),
        method="filter_q",
        help_text=_("Teil des Namens oder Anfang des Gemeindeschlüssels, z. B. 05513."),
    )
    state = django_filters.ModelChoiceFilter(
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        empty_label=_("alle Länder"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=MunicipalityKind.choices, empty_label=_("alle Arten")
    )
    size_class = django_filters.ChoiceFilter(
        label=_("Größenklasse"),
        choices=SizeClass.choices,
        method="filter_size_class",
        empty_label=_("alle Größenklassen"),
    )
    strategy_status = django_filters.ChoiceFilter(
        label=_("Digitalstrategie"),
        choices=StrategyStatus.choices,
        method="filter_strategy_status",
        empty_label=_("alle"),
        help_text=_("Stand laut veröffentlichtem Digitalprofil."),
    )
    theme = KeyModelChoiceFilter(
        label=_("Schwerpunkt"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("alle Handlungsfelder"),
    )
    has_profile = django_filters.BooleanFilter(
        label=_("Digitalprofil vorhanden"),
        method="filter_has_profile",
        widget=YesNoAnyWidget,
    )

    class Meta:
        model = Municipality
        fields = ["q", "state", "kind", "size_class", "strategy_status", "theme", "has_profile"]

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(Q(ags__startswith=value) | Q(ars__startswith=value))
        return queryset.filter(name__icontains=value)

    def filter_size_class(self, queryset, name, value):
        return queryset.filter(size_class_q(value))

    def filter_strategy_status(self, queryset, name, value):
        # A profile the caller may not see must look like no profile, also here.
        return queryset.filter(
            queryset.profile_visible_q(self.user), profile__strategy_status=value
        )

    def filter_theme(self, queryset, name, value):
        return queryset.filter(queryset.profile_visible_q(self.user), profile__focus_themes=value)

    def filter_has_profile(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.with_visible_profile(self.user)
        return queryset.without_visible_profile(self.user)
