from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import HOST_FIELDS, Event, EventSeries, ExpertCircle
from events.services import event_series_generate
from portal.admin import HistoryAdmin, PublishableAdmin
from portal.forms import LOCAL_DATETIME, OneMessagePerFieldModelForm

# Coordinates are plain number inputs here; the shared coordinate picker replaces them later.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = OneMessagePerFieldModelForm
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
