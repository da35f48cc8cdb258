from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from events.models import (
    HOST_FIELDS,
    CircleInvitation,
    CircleMembership,
    Event,
    EventSeries,
    ExpertCircle,
    Registration,
)
from events.resources import EXPORT_FORMATS, RegistrationResource, registrations_export
from events.services import event_series_generate
from portal.admin import HistoryAdmin, PublishableAdmin
from portal.forms import LOCAL_DATETIME, OneMessagePerFieldModelForm

# Coordinates are plain number inputs here; the shared coordinate picker replaces them later.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def attendee_file(queryset, file_format: str, name: str) -> HttpResponse:
    """The registrations as a download (CSV or XLSX)."""
    content_type = EXPORT_FORMATS[file_format]().get_content_type()
    response = HttpResponse(registrations_export(queryset, file_format), content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{file_format}"'
    return response


class RegistrationInline(admin.TabularInline):
    """Who registered, in the order of registration; details on the registration's page."""

    model = Registration
    fields = ["name", "email", "organisation", "status", "created_at", "accessibility_needs"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("Anmeldung")
    verbose_name_plural = _("Anmeldungen")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = OneMessagePerFieldModelForm
    inlines = [RegistrationInline]
    actions = ["export_attendees_csv", "export_attendees_xlsx"]
    list_display = ["title", "kind", "start", "venue_municipality", "status", "cancelled"]
    list_filter = [
        "status",
        "kind",
        "cancelled",
        "is_example",
        "all_day",
        "themes",
        ("venue_municipality__state", admin.RelatedOnlyFieldListFilter),
        ("expert_circle", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["venue_municipality", "expert_circle"]
    search_fields = ["title", "slug", "venue_name", "venue_address", "organiser"]
    date_hierarchy = "start"
    formfield_overrides = {**URL_FIELDS, models.DateTimeField: LOCAL_DATETIME}
    autocomplete_fields = ["venue_municipality", *HOST_FIELDS, "expert_circle"]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [*PublishableAdmin.readonly_fields, "series", "series_occurrence"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "kind",
                    "themes",
                    "description",
                    "cancelled",
                    "is_example",
                ]
            },
        ),
        (
            _("Zeit"),
            {
                "fields": ["all_day", "start", "end", "start_date", "end_date"],
                "description": _(
                    "Termine mit Uhrzeit: Beginn und Ende. Ganztägige Termine: erster und "
                    "letzter Tag."
                ),
            },
        ),
        (
            _("Ort"),
            {
                "fields": [
                    "venue_name",
                    "venue_address",
                    "venue_municipality",
                    "latitude",
                    "longitude",
                    "online_link",
                ]
            },
        ),
        (
            _("Teilnahme"),
            {
                "fields": [
                    "organiser",
                    *HOST_FIELDS,
                    "registration_enabled",
                    "capacity",
                    "registration_url",
                    "registration_deadline",
                    "fee_amount",
                    "fee_note",
                    "language",
                ]
            },
        ),
        (_("Zuordnung"), {"fields": ["expert_circle", "series", "series_occurrence"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_inlines(self, request, obj):
        # Attendees only where the centre runs the registration.
        return self.inlines if obj is not None and obj.registration_enabled else []

    def attendees_of(self, request, queryset):
        if not request.user.has_perm("events.view_registration"):
            return None
        return Registration.objects.filter(event__in=queryset)

    @admin.action(description=_("Teilnehmende exportieren (CSV)"), permissions=["view"])
    def export_attendees_csv(self, request, queryset):
        attendees = self.attendees_of(request, queryset)
        if attendees is not None:
            return attendee_file(attendees, "csv", "teilnehmende")
        return None

    @admin.action(description=_("Teilnehmende exportieren (XLSX)"), permissions=["view"])
    def export_attendees_xlsx(self, request, queryset):
        attendees = self.attendees_of(request, queryset)
        if attendees is not None:
            return attendee_file(attendees, "xlsx", "teilnehmende")
        return None


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, admin.ModelAdmin):
    """Registrations of all events; exported as CSV or XLSX for the organisers."""

    resource_classes = [RegistrationResource]
    export_formats = [CSV, XLSX]
    list_display = ["name", "email", "organisation", "event", "status", "created_at"]
    list_filter = ["status", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation", "event__title"]
    readonly_fields = [
        "event",
        "user",
        "token",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminded_at",
    ]
    actions = ["export_csv", "export_xlsx"]

    def has_add_permission(self, request):
        # Registrations come through the event's page and its rules (seats, waiting list).
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("events.view_registration")

    @admin.action(description=_("Ausgewählte exportieren (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return attendee_file(queryset, "csv", "anmeldungen")

    @admin.action(description=_("Ausgewählte exportieren (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return attendee_file(queryset, "xlsx", "anmeldungen")


@admin.register(CircleMembership)
class CircleMembershipAdmin(admin.ModelAdmin):
    """Members of the expert circles; editors appoint coordinators here (role
    "Koordination", status "aufgenommen")."""

    list_display = ["user", "circle", "role", "status", "created_at", "decided_at"]
    list_filter = ["role", "status", ("circle", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "circle"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "circle__name"]
    autocomplete_fields = ["user", "circle"]
    readonly_fields = ["created_at", "decided_at", "decided_by"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data or "role" in form.changed_data:
            obj.decided_at = timezone.now()
            obj.decided_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CircleInvitation)
class CircleInvitationAdmin(admin.ModelAdmin):
    """The record of invitations sent to circle members (read only)."""

    list_display = ["event", "user", "created_at"]
    list_select_related = ["event", "user"]
    search_fields = ["event__title", "user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingInline(admin.TabularInline):
    """The circle's meetings, newest first; edited on their own pages."""

    model = Event
    fk_name = "expert_circle"
    fields = ["title", "start", "status", "cancelled"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-start"]
    verbose_name = _("Treffen")
    verbose_name_plural = _("Treffen")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ExpertCircle)
class ExpertCircleAdmin(PublishableAdmin):
    list_display = ["name", "moderation_organisation", "join_policy", "status"]
    list_filter = ["status", "join_policy", "is_example", "themes"]
    search_fields = ["name", "slug", "moderation_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    autocomplete_fields = ["member_municipalities", "member_associations", "member_districts"]
    inlines = [MeetingInline]


@admin.register(EventSeries)
class EventSeriesAdmin(HistoryAdmin):
    list_display = ["title", "frequency", "weekday", "week_of_month", "starts_on", "status"]
    list_filter = ["frequency", "status", "is_example"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue_municipality", *HOST_FIELDS, "expert_circle"]
    filter_horizontal = ["themes"]
    actions = ["generate_occurrences"]
    formfield_overrides = URL_FIELDS

    @admin.action(description=_("Termine der Serie (neu) erzeugen"), permissions=["change"])
    def generate_occurrences(self, request, queryset):
        total = 0
        for series in queryset:
            try:
                total += len(event_series_generate(series=series))
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(series)s: %(errors)s") % {"series": series, "errors": "; ".join(error)},
                    messages.ERROR,
                )
        self.message_user(
            request,
            ngettext(
                "%(count)d Termin erzeugt oder aktualisiert.",
                "%(count)d Termine erzeugt oder aktualisiert.",
                total,
            )
            % {"count": total},
            messages.SUCCESS,
        )
