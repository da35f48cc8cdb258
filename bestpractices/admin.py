from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bestpractices.models import LEAD_FIELDS, Project, ProjectProposal
from bestpractices.services import project_publish, project_reject, project_send_back
from portal.admin import PublishableAdmin
from portal.choices import PublicationStatus
from portal.models import FederalState


class LeadStateFilter(admin.SimpleListFilter):
    """The state of the lead, whichever body of the register leads."""

    title = _("Land")
    parameter_name = "lead_state"

    def lookups(self, request, model_admin):
        return [(state.code, state.display_name) for state in FederalState.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            reduce(or_, (Q(**{f"{lead}__state_id": self.value()}) for lead in LEAD_FIELDS))
        )


PROJECT_FIELDSETS = [
    (None, {"fields": ["title", "slug", "summary", "description"]}),
    (
        _("Wo und worum"),
        {
            "fields": [
                "lead_municipality",
                "lead_association",
                "lead_district",
                "participating_municipalities",
                "themes",
                "phase",
                "start_date",
                "end_date",
                "is_lighthouse",
            ]
        },
    ),
    (
        _("Kosten und Finanzierung"),
        {
            "fields": [
                "investment_costs",
                "running_costs_per_year",
                "funding_note",
                "funding_programmes",
                "partners",
            ]
        },
    ),
    (_("Ergebnisse"), {"fields": ["results", "lessons_learned"]}),
    (
        _("Übertragbarkeit"),
        {
            "fields": [
                "prerequisites",
                "data_needed",
                "effort",
                "licence",
                "repository_url",
                "adopted_by",
            ]
        },
    ),
    (
        _("Kontakt und Links"),
        {"fields": ["contact_office", "contact_email", "contact_name", "contact_consent", "links"]},
    ),
    (_("Vorschlag"), {"fields": ["submitter_name", "submitter_email", "editor_comment"]}),
]


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    list_display = ["title", "lead_name", "phase", "is_lighthouse", "status", "updated_at"]
    list_filter = [
        "status",
        "phase",
        "is_lighthouse",
        "licence",
        "themes",
        LeadStateFilter,
    ]
    list_select_related = LEAD_FIELDS
    search_fields = [
        "title",
        "slug",
        "summary",
        "lead_municipality__name",
        "lead_municipality__ags",
        "lead_association__name",
        "lead_association__key",
        "lead_district__name",
        "lead_district__key",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        *LEAD_FIELDS,
        "participating_municipalities",
        "adopted_by",
        "funding_programmes",
    ]
    filter_horizontal = ["themes"]
    date_hierarchy = "updated_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [*PROJECT_FIELDSETS, PublishableAdmin.publication_fieldset]
    actions = [*PublishableAdmin.actions]

    @admin.display(description=_("federführend"))
    def lead_name(self, project):
        return project.lead.name if project.lead else "–"

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish(self, request, queryset):
        # Through the service, so that a proposal's submitter learns of the publication.
        count = 0
        for project in queryset.select_related(*LEAD_FIELDS):
            project_publish(project=project)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Eintrag veröffentlicht.", "%(count)d Einträge veröffentlicht.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ProjectProposal)
class ProjectProposalAdmin(ProjectAdmin):
    """The queue of proposals waiting for review."""

    list_display = ["title", "lead_name", "submitter_name", "submitter_email", "created_at"]
    list_filter = ["themes", LeadStateFilter]
    date_hierarchy = None
    actions = ["publish", "send_back", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=PublicationStatus.REVIEW)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mit einem Kommentar zurückgeben"), permissions=["change"])
    def send_back(self, request, queryset):
        """Asks for the comment on an intermediate page, then mails it to each submitter."""
        comment = request.POST.get("comment", "").strip()
        if "apply" in request.POST and comment:
            count = 0
            for project in queryset:
                project_send_back(project=project, comment=comment)
                count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d Vorschlag zurückgegeben.",
                    "%(count)d Vorschläge zurückgegeben.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "queryset": queryset,
            "comment": comment,
            "error": _("Bitte schreiben Sie einen Kommentar.") if "apply" in request.POST else "",
            "title": _("Vorschläge zurückgeben"),
        }
        return TemplateResponse(
            request, "admin/bestpractices/projectproposal/send_back.html", context
        )

    @admin.action(
        description=_("Ablehnen (archivieren und benachrichtigen)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        count = 0
        for project in queryset:
            project_reject(project=project)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d Vorschlag abgelehnt.", "%(count)d Vorschläge abgelehnt.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def history_view(self, request, object_id, extra_context=None):
        # The proposals queue is a proxy without its own history: show the project's.
        return redirect("admin:bestpractices_project_history", object_id)
