from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cities.choices import SizeClass
from cities.forms import DigitalProfileForm, MunicipalityAdminForm
from cities.models import DigitalProfile, District, Municipality
from cities.querysets import size_class_q
from portal.admin import HistoryAdmin, PublishableAdmin

PROFILE_FIELDSETS = [
    (None, {"fields": ["as_of", "summary"]}),
    (
        _("Digitalstrategie"),
        {"fields": ["strategy_status", "strategy_title", "strategy_adopted_on", "strategy_url"]},
    ),
    (
        _("Organisation und Partner"),
        {
            "fields": [
                "has_organisational_unit",
                "organisational_unit_name",
                "organisational_unit_lead",
                "has_partner_network",
                "partner_network_description",
                "partners",
                "citizen_participation",
            ]
        },
    ),
    (
        _("Themen und Herausforderungen"),
        {
            "fields": [
                "focus_themes",
                "lighthouse_themes",
                "challenges",
                "awards_and_networks",
                "sources",
            ]
        },
    ),
]


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


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "kind", "state", "population"]
    list_filter = ["state", "kind"]
    search_fields = ["key", "name"]


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


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    form = MunicipalityAdminForm
    list_display = ["name", "ags", "kind", "state", "district", "population", "profile_status"]
    list_filter = ["state", "kind", SizeClassFilter, ProfileStatusFilter]
    list_select_related = ["state", "district", "profile"]
    search_fields = ["name", "^ags", "^ars"]
    autocomplete_fields = ["district"]
    inlines = [DigitalProfileInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "ags", "ars", "state", "district"]}),
        (
            _("Kennzahlen"),
            {"fields": ["population", "population_date", "area_km2", "website"]},
        ),
        (_("Lage"), {"fields": ["latitude", "longitude"]}),
    ]

    @admin.display(description=_("Digitalprofil"))
    def profile_status(self, obj):
        try:
            return obj.profile.get_status_display()
        except DigitalProfile.DoesNotExist:
            return "–"


@admin.register(DigitalProfile)
class DigitalProfileAdmin(PublishableAdmin):
    form = DigitalProfileForm
    list_display = ["municipality", "strategy_status", "as_of", "status", "last_verified_on"]
    list_filter = ["status", "strategy_status", "municipality__state"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name", "=municipality__ags"]
    autocomplete_fields = ["municipality"]
    fieldsets = [
        (None, {"fields": ["municipality"]}),
        *PROFILE_FIELDSETS,
        PublishableAdmin.publication_fieldset,
    ]
