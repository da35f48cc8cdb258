"""The one FilterSet of the municipality list: the page, the API list and the map's GeoJSON
all run it."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.choices import (
    AssociationKind,
    DistrictKind,
    MunicipalityKind,
    SizeClass,
    StrategyStatus,
)
from cities.models import Association, District, Municipality
from cities.querysets import size_class_q
from portal.filters import KeyModelChoiceFilter
from portal.models import FederalState, Theme


class YesNoAnyWidget(django_filters.widgets.BooleanWidget):
    """A yes/no select whose empty choice reads "any" rather than "unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("egal")), ("true", _("ja")), ("false", _("nein")))


INCLUDE_DISSOLVED = "include_dissolved"


class RegisterFilterSet(django_filters.FilterSet):
    """The conventions of the register's lists: current bodies only, unless asked for the
    dissolved ones too; ``q`` finds a name or the start of a key."""

    key_fields: tuple[str, ...] = ("key",)

    state = django_filters.ModelChoiceFilter(
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        empty_label=_("alle Länder"),
    )
    include_dissolved = django_filters.BooleanFilter(
        label=_("auch aufgelöste"),
        method="filter_include_dissolved",
        widget=YesNoAnyWidget,
        help_text=_("Auch Gebiete, die in einer neueren Ausgabe des Verzeichnisses fehlen."),
    )

    def __init__(self, data=None, queryset=None, **kwargs):
        # Applied here, not by the filter: without any parameter (an unbound FilterSet)
        # the list must still leave the dissolved bodies out.
        wanted = (data or {}).get(INCLUDE_DISSOLVED, "")
        if queryset is not None and str(wanted).lower() not in {"true", "1", "on", "yes"}:
            queryset = queryset.current()
        super().__init__(data, queryset, **kwargs)

    def filter_include_dissolved(self, queryset, name, value):
        # The choice is made in __init__ (see there).
        return queryset

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            keys = Q()
            for field in self.key_fields:
                keys |= Q(**{f"{field}__startswith": value})
            return queryset.filter(keys)
        return queryset.filter(name__icontains=value)


class DistrictFilterSet(RegisterFilterSet):
    """Districts by name or key, state and kind."""

    q = django_filters.CharFilter(
        label=_("Name oder Kreisschlüssel"), method="filter_q", max_length=120
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=DistrictKind.choices, empty_label=_("alle Arten")
    )

    class Meta:
        model = District
        fields = ["q", "state", "kind", "include_dissolved"]


class AssociationFilterSet(RegisterFilterSet):
    """Gemeindeverbände by name or key, state, district and kind."""

    q = django_filters.CharFilter(
        label=_("Name oder Verbandsschlüssel"), method="filter_q", max_length=120
    )
    district = django_filters.CharFilter(
        label=_("Kreis (Kreisschlüssel)"), field_name="district__key", max_length=5
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=AssociationKind.choices, empty_label=_("alle Arten")
    )

    class Meta:
        model = Association
        fields = ["q", "state", "district", "kind", "include_dissolved"]


class MunicipalityFilterSet(RegisterFilterSet):
    """Filters by register data and by the digital profile the caller may see."""

    key_fields = ("ags", "ars")

    q = django_filters.CharFilter(
        label=_("Name oder AGS"),
        method="filter_q",
        help_text=_("Teil des Namens oder Anfang des Gemeindeschlüssels, z. B. 05513."),
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
        fields = [
            "q",
            "state",
            "kind",
            "size_class",
            "strategy_status",
            "theme",
            "has_profile",
            "include_dissolved",
        ]

    @property
    def user(self):
        return getattr(self.request, "user", None)

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
