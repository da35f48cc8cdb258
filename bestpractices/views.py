from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView

from bestpractices.exports import project_export_response
from bestpractices.filters import ProjectFilterSet
from bestpractices.forms import ProjectProposalForm
from bestpractices.models import LEAD_FIELDS, Project, lead_columns
from bestpractices.services import project_submit_proposal
from cities.models import Municipality
from funding.models import FundingProgramme
from members.choices import ContactAbout
from members.selectors import body_contact_recipients, register_body
from members.views import ChangeFormView, ContactFormView, ContactTarget
from portal.clients import client_address
from portal.fulltext import clean_snippet
from portal.models import Theme
from portal.querysets import keys_first
from portal.ratelimit import Limit, count_action, over_limit
from portal.views import FilteredListView, KeysFirstPaginator

PROPOSALS_PER_HOUR = 5
PROPOSAL_LIMITS = [Limit("hour", 3600, PROPOSALS_PER_HOUR)]
SIMILAR_PROJECTS = 4


def theme_prefetch():
    return Prefetch("themes", queryset=Theme.objects.only("name", "name_en", "slug", "position"))


class ProjectListView(FilteredListView):
    """The project list: full-text search, facets with counts, sorting and a map."""

    model = Project
    filterset_class = ProjectFilterSet
    template_name = "bestpractices/project_list.html"

    def get_base_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related(*LEAD_FIELDS, "lead_state")
            .prefetch_related(theme_prefetch())
        )

    def get_queryset(self):
        # The facet counts come first: with a text query they also count the list and name
        # its projects when they are few, so the list is read by key and needs no count.
        self.filterset = self.get_filterset()
        self.filterset.is_valid()
        self.counts = self.filterset.facet_counts()
        return self.filterset.qs.with_snippet(self.filterset.query)

    def get_paginator(self, queryset, per_page, **kwargs):
        return KeysFirstPaginator(queryset, per_page, count=self.filterset.total, **kwargs)

    def get_facet_counts(self):
        return self.counts  # counted first, in get_queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facets = self.filterset.facet_groups(self.counts)
        for project in context["object_list"]:
            project.snippet_html = clean_snippet(getattr(project, "search_snippet", None))
        query_string = self.request.GET.copy()
        query_string.pop("page", None)
        context.update(
            facets=facets,
            query=self.filterset.query,
            ordering=self.filterset.data_cleaned.get("ordering", ""),
            orderings=ProjectFilterSet.base_filters["ordering"].extra["choices"],
            filter_query=query_string.urlencode(),
            geojson_url=self.api_url("api:project-geojson"),
        )
        return context


class ProjectDetailView(DetailView):
    """One project: municipality, map, themes, transferability, costs, similar projects."""

    template_name = "bestpractices/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        municipalities = Municipality.objects.only("name", "ags")
        return (
            Project.objects.visible_to(self.request.user)
            .select_related(*LEAD_FIELDS, "lead_state")
            .prefetch_related(
                theme_prefetch(),
                Prefetch("participating_municipalities", queryset=municipalities),
                Prefetch("adopted_by", queryset=municipalities),
                # Only the programmes the visitor may see.
                Prefetch(
                    "funding_programmes",
                    queryset=FundingProgramme.objects.visible_to(self.request.user).only(
                        "title", "slug"
                    ),
                ),
            )
        )

    def similar_projects(self, project):
        """Visible projects sharing the most themes, from municipalities of the same size."""
        theme_ids = [theme.pk for theme in project.themes.all()]
        if not theme_ids:
            return []
        ranked = (
            Project.objects.visible_to(self.request.user)
            .similar_to(project, theme_ids)
            .select_related(*LEAD_FIELDS)
            .only("title", "slug", "summary", *lead_columns("name"))
        )
        # Keys first: the count of shared themes runs over thousands of candidates, and
        # grouping them with their texts and municipalities made it spill to disk.
        return list(keys_first(ranked, 0, SIMILAR_PROJECTS))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["similar_projects"] = self.similar_projects(project)
        return context


class ProjectProposalView(FormView):
    """The public proposal form, guarded by a honeypot and a rate limit per address."""

    form_class = ProjectProposalForm
    template_name = "bestpractices/project_form.html"
    success_url = reverse_lazy("bestpractices:project_proposal_thanks")

    FIELDSETS = [
        (
            gettext_lazy("Das Projekt"),
            [
                "title",
                "summary",
                "description",
                "lead_municipality",
                "themes",
                "phase",
                "start_date",
                "end_date",
            ],
        ),
        (
            gettext_lazy("Kosten, Finanzierung und Ergebnisse"),
            ["investment_costs", "running_costs_per_year", "funding_note", "partners", "results"],
        ),
        (gettext_lazy("Kontakt für Interessierte"), ["contact_office", "contact_email", "links"]),
        (gettext_lazy("Über Sie"), ["submitter_name", "submitter_email", "privacy_consent"]),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["fieldsets"] = [
            {"legend": legend, "fields": [form[name] for name in names]}
            for legend, names in self.FIELDSETS
        ]
        return context

    def rate_key(self) -> str:
        return f"bestpractices:proposals:{client_address(self.request)}"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if over_limit(self.rate_key(), PROPOSAL_LIMITS):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Von Ihrer Adresse sind in der letzten Stunde schon %(count)d Vorschläge "
                    "gekommen. Bitte versuchen Sie es in einer Stunde noch einmal oder "
                    "schreiben Sie der Redaktion eine E-Mail."
                )
                % {"count": PROPOSALS_PER_HOUR},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        # Robots count too: the limit is checked above, so this never refuses.
        count_action(self.rate_key(), PROPOSAL_LIMITS)
        if form.is_spam:
            # Robots get the same answer as people, so they learn nothing.
            return redirect(self.get_success_url())
        project_submit_proposal(**form.proposal_data())
        return redirect(self.get_success_url())


class ProjectProposalThanksView(TemplateView):
    template_name = "bestpractices/project_thanks.html"


def _export_filterset(request):
    queryset = Project.objects.visible_to(request.user)
    return ProjectFilterSet(request.GET or None, queryset=queryset, request=request)


def project_export_csv(request):
    """The current filtered list as CSV."""
    return project_export_response(_export_filterset(request), "csv")


def project_export_json(request):
    """The current filtered list as JSON."""
    return project_export_response(_export_filterset(request), "json")


class ProjectContactView(ContactFormView):
    """ "Kontakt aufnehmen" on a published project: the message goes to the members who
    maintain the lead body's content (or to the editors when nobody does)."""

    def get_target(self):
        project = get_object_or_404(
            Project.objects.published().select_related(*LEAD_FIELDS), slug=self.kwargs["slug"]
        )
        recipients, via_editors = body_contact_recipients(project.lead)
        return ContactTarget(
            recipients=recipients,
            about_kind=ContactAbout.PROJECT,
            about_title=project.title,
            about_url=project.get_absolute_url(),
            via_editors=via_editors,
        )


class ProjectChangeView(ChangeFormView):
    """The maintainers of a published project's lead body edit it in the public site."""

    def get_target(self):
        project = get_object_or_404(
            Project.objects.published().select_related(*LEAD_FIELDS), slug=self.kwargs["slug"]
        )
        return project.lead, Project, project


class ProjectCreateView(ChangeFormView):
    """The maintainers of a body propose a new project led by it."""

    def get_target(self):
        body = register_body(self.kwargs["kind"], self.kwargs["key"])
        if body is None:
            raise Http404
        return body, Project, None
