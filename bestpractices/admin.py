from django.contrib import admin, messages
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bestpractices.models import Project, ProjectProposal
from bestpractices.services import project_publish, project_reject, project_send_back
from portal.admin import PublishableAdmin
from portal.choices import PublicationStatus

PROJECT_FIELDSETS = [
    (None, {"fields": ["title", "slug", "summary", "description"]}),
    (
        _("Wo und worum"),
        {
            "fields": [
                "lead_municipality",
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
        {"fields": ["investment_costs", "running_costs_per_year", "funding_note", "partners"]},
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
    list_display = ["title", "lead_municipality", "phase", "is_lighthouse", "status", "updated_at"]
    list_filter = [
        "status",
        "phase",
        "is_lighthouse",
        "licence",
        "themes",
        "lead_municipality__state",
    ]
    list_select_related = ["lead_municipality"]
    search_fields = [
        "title",
        "slug",
        "summary",
        "lead_municipality__name",
        "lead_municipality__ags",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_municipality", "participating_municipalities", "adopted_by"]
    filter_horizontal = ["themes"]
    date_hierarchy = "updated_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [*PROJECT_FIELDSETS, PublishableAdmin.publication_fieldset]
    actions = [*PublishableAdmin.actions]

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish(self, request, queryset):
        # Through the service, so that a proposal's submitter learns of the publication.
        count = 0
        for project in queryset.select_related("lead_municipality"):
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

    list_display = ["title", "lead_municipality", "submitter_name", "submitter_email", "created_at"]
    list_filter = ["themes", "lead_municipality__state"]
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
