from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.choices import PublicationStatus
from portal.models import FederalState, Theme
from portal.services import (
    publication_mark_verified,
    publication_set_status,
    publication_stamp,
)

admin.site.site_header = _("Digitale Städte und Regionen – Redaktion")
admin.site.site_title = _("Redaktion Digitale Städte und Regionen")
admin.site.index_title = _("Inhalte pflegen")


class PublishableAdmin(admin.ModelAdmin):
    """Base admin of editorial models: workflow filters, bulk actions, read-only timestamps."""

    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    actions = ["publish", "send_to_review", "archive", "mark_verified"]
    publication_fieldset = (
        _("Veröffentlichung"),
        {"fields": ["status", "last_verified_on", "published_at", "created_at", "updated_at"]},
    )

    def save_model(self, request, obj, form, change):
        publication_stamp(obj)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, label):
        count = 0
        for instance in queryset:
            publication_set_status(instance=instance, status=status)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d Eintrag: %(label)s.", "%(count)d Einträge: %(label)s.", count)
            % {"count": count, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, _("veröffentlicht"))

    @admin.action(description=_("Ausgewählte zur Prüfung geben"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.REVIEW, _("in Prüfung"))

    @admin.action(description=_("Ausgewählte archivieren"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.ARCHIVED, _("archiviert"))

    @admin.action(description=_("Als heute geprüft markieren"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = 0
        for instance in queryset:
            publication_mark_verified(instance=instance)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Eintrag als geprüft markiert.",
                "%(count)d Einträge als geprüft markiert.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FederalState)
class FederalStateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation"]
    search_fields = ["name", "code", "abbreviation"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []
