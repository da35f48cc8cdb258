from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cities.choices import SizeClass
from cities.forms import DigitalProfileForm, MunicipalityAdminForm
from cities.models import (
    PROFILE_FIELD_GROUPS,
    Association,
    DigitalProfile,
    District,
    Municipality,
    RegisterEdition,
)
from cities.querysets import size_class_q
from portal.admin import HistoryAdmin, PublishableAdmin

PROFILE_FIELDSETS = [(label, {"fields": names}) for label, names in PROFILE_FIELD_GROUPS]


class SizeClassFilter(admin.SimpleListFilter):
    title = _("Größenklasse")
    parameter_name = "size_class"

    def lookups(self, request, model_admin):
        return SizeClass.choices

    def queryset(self, request, queryset):
        if self.value() in SizeClass.values:
            return queryset.filter(size_class_q(self.value()))
        return queryset


class ProfileStatusFilter(admin.SimpleListFilter):
    title = _("Digitalprofil")
    parameter_name = "profile"

    def lookups(self, request, model_admin):
        return [("none", _("ohne Profil")), ("any", _("mit Profil"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(profile__isnull=True)
        if self.value() == "any":
            return queryset.filter(profile__isnull=False)
        return queryset


class DigitalProfileInline(admin.StackedInline):
    model = DigitalProfile
    form = DigitalProfileForm
    extra = 0
    max_num = 1
    can_delete = False
    show_change_link = True
    fieldsets = [
        (None, {"fields": ["status", "last_verified_on"]}),
        *PROFILE_FIELDSETS,
    ]


class DissolvedFilter(admin.SimpleListFilter):
    title = _("Stand im Verzeichnis")
    parameter_name = "dissolved"

    def lookups(self, request, model_admin):
        return [("no", _("aktuell")), ("yes", _("aufgelöst"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(dissolved_on__isnull=True)
        if self.value() == "yes":
            return queryset.filter(dissolved_on__isnull=False)
        return queryset


# Register data comes from the Gemeindeverzeichnis; editors add what it does not know: the
# successor of a dissolved body (and may correct a dissolution).
REGISTER_END_FIELDSET = (_("Auflösung"), {"fields": ["dissolved_on", "successor"]})


@admin.register(District)
class DistrictAdmin(HistoryAdmin):
    list_display = ["key", "name", "kind", "state", "population", "dissolved_on"]
    list_filter = ["state", "kind", DissolvedFilter]
    search_fields = ["key", "name"]
    autocomplete_fields = ["successor"]
    readonly_fields = ["population", "population_date", "area_km2"]
    inlines = [DigitalProfileInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "key", "state", "seat"]}),
        (_("Kennzahlen"), {"fields": ["population", "population_date", "area_km2"]}),
        REGISTER_END_FIELDSET,
    ]


@admin.register(Association)
class AssociationAdmin(HistoryAdmin):
    list_display = ["key", "name", "kind", "district", "state", "dissolved_on"]
    list_filter = ["state", "kind", DissolvedFilter]
    list_select_related = ["district", "state"]
    search_fields = ["^key", "name"]
    autocomplete_fields = ["district", "successor"]
    inlines = [DigitalProfileInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "key", "state", "district", "seat"]}),
        REGISTER_END_FIELDSET,
    ]


@admin.register(RegisterEdition)
class RegisterEditionAdmin(admin.ModelAdmin):
    """The editions read in: which Gebietsstand the register has (read-only; editions are
    read with ``manage.py import_gemeindeverzeichnis``)."""

    list_display = [
        "territorial_status",
        "figures_date",
        "districts",
        "associations",
        "municipalities",
        "imported_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    form = MunicipalityAdminForm
    list_display = ["name", "ags", "kind", "state", "district", "population", "profile_status"]
    list_filter = ["state", "kind", SizeClassFilter, ProfileStatusFilter, DissolvedFilter]
    list_select_related = ["state", "district", "profile"]
    search_fields = ["name", "^ags", "^ars"]
    autocomplete_fields = ["district", "association", "successor"]
    inlines = [DigitalProfileInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "kind", "ags", "ars", "state", "district", "association"]},
        ),
        (
            _("Kennzahlen"),
            {"fields": ["population", "population_date", "area_km2", "postal_code", "website"]},
        ),
        (_("Lage"), {"fields": ["latitude", "longitude"]}),
        REGISTER_END_FIELDSET,
    ]

    @admin.display(description=_("Digitalprofil"))
    def profile_status(self, obj):
        try:
            return obj.profile.get_status_display()
        except DigitalProfile.DoesNotExist:
            return "–"


class StaleProfileFilter(admin.SimpleListFilter):
    """Profiles whose "Stand" is more than twelve months ago, for the editors to chase."""

    title = _("Aktualität")
    parameter_name = "veraltet"

    def lookups(self, request, model_admin):
        return [("1", _("Stand älter als zwölf Monate"))]

    def queryset(self, request, queryset):
        return queryset.stale() if self.value() == "1" else queryset


@admin.register(DigitalProfile)
class DigitalProfileAdmin(PublishableAdmin):
    form = DigitalProfileForm
    list_display = ["__str__", "strategy_status", "as_of", "status", "last_verified_on"]
    list_filter = ["status", StaleProfileFilter, "strategy_status", "municipality__state"]
    list_select_related = ["municipality", "association", "district"]
    search_fields = [
        "municipality__name",
        "=municipality__ags",
        "association__name",
        "=association__key",
        "district__name",
        "=district__key",
    ]
    autocomplete_fields = ["municipality", "association", "district"]
    fieldsets = [
        (
            _("Wem das Profil gehört"),
            {
                "fields": ["municipality", "association", "district"],
                "description": _("Genau eines: eine Kommune, ein Gemeindeverband oder ein Kreis."),
            },
        ),
        *PROFILE_FIELDSETS,
        PublishableAdmin.publication_fieldset,
    ]
