from django.contrib import admin
from django.db import models
from django.db.models import F
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from funding.choices import ProgrammeStatus
from funding.forms import FundingProgrammeAdminForm
from funding.models import (
    PROGRAMME_FIELD_GROUPS,
    Applicant,
    FundingCall,
    FundingProgramme,
    ProgrammeVerificationDue,
    verification_max_age,
)
from funding.resources import FundingCallResource, FundingProgrammeResource
from portal.admin import HistoryAdmin, PublishableAdmin
from portal.forms import LOCAL_DATETIME, OneMessagePerFieldModelForm


class FundingStatusFilter(admin.SimpleListFilter):
    """The status derived from the calls (the same annotation as the public pages)."""

    title = _("Förderstatus")
    parameter_name = "funding_status"

    def lookups(self, request, model_admin):
        return ProgrammeStatus.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.with_status().filter(funding_status=self.value())
        return queryset


class VerificationOverdueFilter(admin.SimpleListFilter):
    """Programmes not verified for longer than the allowed age (or never)."""

    title = _("Prüfung überfällig")
    parameter_name = "verification_overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("ja")), ("no", _("nein"))]

    def queryset(self, request, queryset):
        limit = timezone.localdate() - verification_max_age()
        if self.value() == "yes":
            return queryset.verification_due(limit)
        if self.value() == "no":
            return queryset.filter(last_verified_on__gte=limit)
        return queryset


class FundingCallInline(admin.TabularInline):
    model = FundingCall
    form = OneMessagePerFieldModelForm
    formfield_overrides = {models.DateTimeField: LOCAL_DATETIME}
    extra = 0
    fields = ["title", "opens_at", "deadline", "rolling", "budget", "link", "is_example"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(ImportExportMixin, PublishableAdmin):
    form = FundingProgrammeAdminForm
    resource_classes = [FundingProgrammeResource]
    inlines = [FundingCallInline]
    list_display = [
        "title",
        "level",
        "kind",
        "funding_body",
        "status",
        "funding_status_display",
        "last_verified_on",
    ]
    list_filter = [
        "status",
        "level",
        "kind",
        "states",
        "is_example",
        FundingStatusFilter,
        VerificationOverdueFilter,
    ]
    search_fields = ["title", "short_name", "funding_body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["states", "eligible_applicants", "themes"]
    fieldsets = [
        *((label, {"fields": names}) for label, names in PROGRAMME_FIELD_GROUPS),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("Förderstatus"), ordering="funding_status_rank")
    def funding_status_display(self, obj):
        return ProgrammeStatus(obj.funding_status).label


@admin.register(ProgrammeVerificationDue)
class ProgrammeVerificationDueAdmin(PublishableAdmin):
    """The editors' queue: oldest verification first; "Als heute geprüft markieren" clears
    an entry."""

    list_display = ["title", "funding_body", "status", "last_verified_on"]
    search_fields = ["title", "short_name", "funding_body"]
    actions = ["mark_verified"]
    ordering = [F("last_verified_on").asc(nulls_first=True), "title"]

    def get_queryset(self, request):
        limit = timezone.localdate() - verification_max_age()
        return super().get_queryset(request).verification_due(limit)

    def has_add_permission(self, request):
        return False

    def get_fields(self, request, obj=None):
        return ["title", "funding_body", "link", "status", "last_verified_on"]

    def history_view(self, request, object_id, extra_context=None):
        # The queue is a proxy without its own history: show the programme's.
        return redirect("admin:funding_fundingprogramme_history", object_id)


@admin.register(FundingCall)
class FundingCallAdmin(ImportExportMixin, HistoryAdmin):
    resource_classes = [FundingCallResource]
    list_display = ["title", "programme", "opens_at", "deadline", "rolling"]
    list_filter = ["rolling", "is_example", "programme__level"]
    search_fields = ["title", "programme__title", "programme__slug"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    search_fields = ["name", "slug"]
