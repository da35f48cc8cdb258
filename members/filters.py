"""The one FilterSet of "Wer macht was": the directory page and the members' API run it.

Every filter looks only at what a member chose to show: the state and the size class at the
bodies of members who show their bodies, the name where the name is shown."""

import django_filters
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cities.choices import SizeClass
from cities.querysets import size_class_q
from members.choices import DirectoryRole, RelationKind
from members.models import BodyRelation, DirectoryEntry, Membership
from members.querysets import REGISTER_FIELDS, RELATION_SIDES
from portal.filters import KeyModelChoiceFilter
from portal.models import FederalState, Theme


def shown_bodies(condition: Q):
    """Entries that show their bodies and have a confirmed membership meeting
    ``condition``."""
    memberships = Membership.objects.verified().filter(condition, user=OuterRef("user"))
    return Q(Exists(memberships), show_bodies=True)


def state_filter(**kwargs) -> KeyModelChoiceFilter:
    """A federal state by its code, applied by the FilterSet's ``filter_state``."""
    return KeyModelChoiceFilter(
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        method="filter_state",
        empty_label=_("alle Länder"),
        **kwargs,
    )


class DirectoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name oder Funktion"), method="filter_q", max_length=120)
    theme = KeyModelChoiceFilter(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label=_("alle Themen"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Rolle"), choices=DirectoryRole.choices, empty_label=_("alle Rollen")
    )
    state = state_filter()
    size_class = django_filters.ChoiceFilter(
        label=_("Größe der Kommune"),
        choices=SizeClass.choices,
        method="filter_size_class",
        empty_label=_("alle Größenklassen"),
        help_text=_("Nach der Einwohnerzahl der Kommune oder des Kreises."),
    )

    class Meta:
        model = DirectoryEntry
        fields = ["q", "theme", "role", "state", "size_class"]

    def filter_q(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(show_name=True, user__first_name__icontains=word)
                | Q(show_name=True, user__last_name__icontains=word)
                | Q(role_title__icontains=word)
            )
        return queryset

    def filter_state(self, queryset, name, value):
        return queryset.filter(
            shown_bodies(
                Q(municipality__state=value)
                | Q(association__state=value)
                | Q(district__state=value)
            )
        )

    def filter_size_class(self, queryset, name, value):
        return queryset.filter(
            shown_bodies(
                size_class_q(value, "municipality__population")
                | size_class_q(value, "district__population")
            )
        )


BODY_KEY_FILTERS = {
    8: "municipality__ags",
    9: "association__key",
    5: "district__key",
}


class RelationFilterSet(django_filters.FilterSet):
    """The one FilterSet of the network: the network page and the API run it."""

    kind = django_filters.ChoiceFilter(
        label=_("Art der Verbindung"), choices=RelationKind.choices, empty_label=_("alle Arten")
    )
    state = state_filter(
        help_text=_("Verbindungen, bei denen mindestens eine Seite in diesem Land liegt.")
    )
    body = django_filters.CharFilter(
        label=_("Stelle (amtlicher Schlüssel)"),
        method="filter_body",
        max_length=9,
        validators=[
            RegexValidator(
                r"^(\d{5}|\d{8}|\d{9})$",
                _(
                    "Bitte geben Sie einen Gemeindeschlüssel (8 Ziffern), Verbandsschlüssel "
                    "(9 Ziffern) oder Kreisschlüssel (5 Ziffern) an."
                ),
            )
        ],
        help_text=_("Gemeinde- (8), Verbands- (9) oder Kreisschlüssel (5 Ziffern)."),
    )

    class Meta:
        model = BodyRelation
        fields = ["kind", "state", "body"]

    def filter_state(self, queryset, name, value):
        condition = Q()
        for side in RELATION_SIDES:
            for field in REGISTER_FIELDS:
                condition |= Q(**{f"{side}_{field}__state": value})
        return queryset.filter(condition)

    def filter_body(self, queryset, name, value):
        lookup = BODY_KEY_FILTERS[len(value)]
        return queryset.filter(Q(**{f"source_{lookup}": value}) | Q(**{f"target_{lookup}": value}))
