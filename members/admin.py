from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.changes import change_diff, snapshot
from members.models import (
    BODY_FIELDS,
    BodyRelation,
    ChangeRequest,
    ContactBlock,
    ContactMessage,
    EmailDomain,
    Membership,
    PartnerOrganisation,
)
from members.querysets import REGISTER_FIELDS, RELATION_SIDES, side_fields
from members.services import (
    change_approve,
    change_reject,
    contact_block,
    membership_confirm,
    membership_reject,
    relation_confirm,
    relation_decline,
)

BODY_AUTOCOMPLETE = ["municipality", "association", "district"]


def decide_each(request, objects, decide, done) -> None:
    """An admin action that confirms or declines each object through its service: a refusal
    is a warning naming the object, the others go on; ``done(n)`` reports the decided."""
    decided = 0
    for obj in objects:
        try:
            decide(obj)
        except (PermissionDenied, ValidationError) as error:
            messages.warning(
                request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}"
            )
        else:
            decided += 1
    if decided:
        messages.success(request, done(decided))


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
        decide_each(
            request,
            queryset,
            lambda membership: service(membership=membership, by=request.user),
            done,
        )

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


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The messages members sent through the portal, read-only, for abuse reports; editors
    block a sender from here."""

    list_display = ["subject", "sender", "about_kind", "about_title", "created_at", "reported_at"]
    list_filter = [("reported_at", admin.EmptyFieldListFilter), "about_kind", "via_editors"]
    search_fields = ["subject", "sender__email", "about_title"]
    list_select_related = ["sender"]
    date_hierarchy = "created_at"
    actions = ["block_senders"]
    fields = [
        "sender",
        "recipients",
        "via_editors",
        "about_kind",
        "about_title",
        "about_url",
        "subject",
        "text",
        "created_at",
        "delivered_count",
        "reported_at",
        "reported_by",
        "report_reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_block_permission(self, request):
        return request.user.has_perm("members.add_contactblock")

    @admin.action(description=_("Absender sperren"), permissions=["block"])
    def block_senders(self, request, queryset):
        senders = {message.sender for message in queryset.select_related("sender")}
        for sender in senders:
            contact_block(
                user=sender, by=request.user, reason=_("Gesperrt wegen einer Kontaktnachricht.")
            )
        messages.success(
            request,
            ngettext("%d Absender gesperrt.", "%d Absender gesperrt.", len(senders)) % len(senders),
        )


@admin.register(ContactBlock)
class ContactBlockAdmin(admin.ModelAdmin):
    """Members who may not send contact messages; deleting a block lifts it."""

    list_display = ["user", "blocked_by", "created_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["blocked_by", "created_at"]
    list_select_related = ["user", "blocked_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.blocked_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    """The editors' review queue of what maintainers changed in the public site: each
    change with its diff, approved (applied and published) or rejected with a comment."""

    list_display = ["title", "content_type", "body_name", "proposed_by", "proposed_at", "status"]
    list_filter = ["status", "content_type"]
    list_select_related = ["content_type", "proposed_by", *BODY_FIELDS]
    search_fields = ["title"]
    date_hierarchy = "proposed_at"
    fields = [
        "title",
        "content_type",
        "body_name",
        "proposed_by",
        "proposed_at",
        "status",
        "diff",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    readonly_fields = [name for name in fields if name != "review_comment"]
    change_form_template = "admin/members/changerequest/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Stelle"))
    def body_name(self, obj):
        return obj.body or "–"

    @admin.display(description=_("Änderungen"))
    def diff(self, obj):
        moved = False
        if obj.is_pending and not obj.is_new and obj.target is not None:
            moved = snapshot(obj.target, list(obj.base)) != obj.base
        return render_to_string(
            "members/includes/change_diff.html",
            {"change": obj, "rows": change_diff(obj), "moved": moved},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = next((key for key in ("_approve", "_reject") if key in request.POST), None)
        if request.method == "POST" and decision:
            change = self.get_object(request, object_id)
            if change is None or not self.has_change_permission(request, change):
                raise PermissionDenied
            comment = request.POST.get("review_comment", "")
            try:
                if decision == "_approve":
                    change_approve(change=change, by=request.user, comment=comment)
                    self.message_user(
                        request,
                        _("Übernommen und veröffentlicht: %(title)s.") % {"title": change.title},
                        messages.SUCCESS,
                    )
                else:
                    change_reject(change=change, by=request.user, comment=comment)
                    self.message_user(
                        request,
                        _("Abgelehnt: %(title)s.") % {"title": change.title},
                        messages.SUCCESS,
                    )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return redirect(request.path)
            return redirect("admin:members_changerequest_changelist")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(BodyRelation)
class BodyRelationAdmin(admin.ModelAdmin):
    """The relations of the network: members propose them; editors confirm or decline
    those the other side leaves waiting, correct a description or delete a relation."""

    list_display = ["__str__", "kind", "status", "proposed_at", "confirmed_at"]
    list_filter = ["status", "kind"]
    search_fields = [
        f"{side}_{field}__name" for side in RELATION_SIDES for field in REGISTER_FIELDS
    ]
    list_select_related = [name for side in RELATION_SIDES for name in side_fields(side)]
    fields = [
        *side_fields("source"),
        *side_fields("target"),
        "kind",
        "description",
        "solution_type",
        "solution_id",
        "status",
        "proposed_by",
        "proposed_by_source",
        "proposed_at",
        "decided_by",
        "confirmed_at",
    ]
    readonly_fields = [name for name in fields if name != "description"]
    actions = ["confirm", "decline"]

    def has_add_permission(self, request):
        return False  # relations are proposed by the maintainers of a body

    def _decide(self, request, queryset, service, done):
        decide_each(
            request, queryset, lambda relation: service(relation=relation, by=request.user), done
        )

    @admin.action(description=_("Ausgewählte Verbindungen bestätigen"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(
            request,
            queryset,
            relation_confirm,
            lambda n: ngettext("%d Verbindung bestätigt.", "%d Verbindungen bestätigt.", n) % n,
        )

    @admin.action(description=_("Ausgewählte Verbindungen ablehnen"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(
            request,
            queryset,
            relation_decline,
            lambda n: ngettext("%d Verbindung abgelehnt.", "%d Verbindungen abgelehnt.", n) % n,
        )
