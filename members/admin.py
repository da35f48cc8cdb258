from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.models import BODY_FIELDS, EmailDomain, Membership, PartnerOrganisation
from members.services import membership_confirm, membership_reject

BODY_AUTOCOMPLETE = ["municipality", "association", "district"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(EmailDomain)
class EmailDomainAdmin(admin.ModelAdmin):
    """The domains by which a body's staff are recognised: kept by the editors."""

    list_display = ["domain", "municipality", "association", "district", "organisation"]
    search_fields = ["domain", "municipality__name", "association__name", "district__name"]
    raw_id_fields = [*BODY_AUTOCOMPLETE]
    list_select_related = list(BODY_FIELDS)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships of all members; editors confirm or decline the waiting ones."""

    list_display = ["user", "body", "role", "status", "verification", "requested_at"]
    list_filter = ["status", "role", "verification"]
    search_fields = ["user__email", "municipality__name", "association__name", "district__name"]
    raw_id_fields = ["user", "verified_by", *BODY_AUTOCOMPLETE]
    readonly_fields = ["verification", "verified_by", "verified_at", "requested_at"]
    list_select_related = ["user", *BODY_FIELDS]
    actions = ["confirm", "reject"]

    @admin.display(description=_("Stelle"))
    def body(self, membership):
        return membership.body

    def _decide(self, request, queryset, service, done):
        decided = 0
        for membership in queryset:
            try:
                service(membership=membership, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                messages.warning(
                    request, f"{membership}: {' '.join(getattr(error, 'messages', [str(error)]))}"
                )
            else:
                decided += 1
        if decided:
            messages.success(request, done(decided))

    @admin.action(description=_("Ausgewählte Zugehörigkeiten bestätigen"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(
            request,
            queryset,
            membership_confirm,
            lambda n: (
                ngettext("%d Zugehörigkeit bestätigt.", "%d Zugehörigkeiten bestätigt.", n) % n
            ),
        )

    @admin.action(description=_("Ausgewählte Zugehörigkeiten ablehnen"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(
            request,
            queryset,
            membership_reject,
            lambda n: (
                ngettext("%d Zugehörigkeit abgelehnt.", "%d Zugehörigkeiten abgelehnt.", n) % n
            ),
        )
