from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from cities.models import Municipality
from funding.filters import FundingCallFilterSet, FundingProgrammeFilterSet
from funding.forms import MUNICIPALITY_SUGGESTIONS, MatcherForm
from funding.models import FundingCall, FundingProgramme
from funding.selectors import match_reasons, programmes_matching
from portal.models import FederalState, Theme
from portal.related import related_sections
from portal.views import FilteredListView

MATCHES_PER_PAGE = 20


class ProgrammeListView(FilteredListView):
    """The catalogue: facets, search, sorted by the next deadline."""

    model = FundingProgramme
    filterset_class = FundingProgrammeFilterSet
    template_name = "funding/fundingprogramme_list.html"

    def get_base_queryset(self):
        return (
            FundingProgramme.objects.visible_to(self.request.user)
            .with_status()
            .prefetch_related(
                Prefetch("states", queryset=FederalState.objects.only("code", "abbreviation"))
            )
        )


class ProgrammeDetailView(DetailView):
    """A programme with its facts and calls."""

    template_name = "funding/fundingprogramme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return (
            FundingProgramme.objects.visible_to(self.request.user)
            .with_status()
            .prefetch_related(
                "states",
                "eligible_applicants",
                Prefetch("themes", queryset=Theme.objects.only("slug", "name", "name_en")),
                Prefetch(
                    "calls",
                    queryset=FundingCall.objects.with_status().order_by(
                        "-rolling", "deadline", "pk"
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Other apps add what belongs to the programme here, e.g. the best-practice projects
        # it funded (contributed by the projects app through its related.py).
        context["related_sections"] = related_sections(self.object, user=self.request.user)
        return context


class DeadlineListView(FilteredListView):
    """Upcoming deadlines of open and closing-soon calls, soonest first."""

    model = FundingCall
    filterset_class = FundingCallFilterSet
    template_name = "funding/fundingcall_list.html"

    def get_base_queryset(self):
        return (
            FundingCall.objects.visible_to(self.request.user)
            .upcoming_deadlines()
            .select_related("programme")
            .only(
                "title",
                "opens_at",
                "deadline",
                "rolling",
                "link",
                "is_example",
                "programme__title",
                "programme__slug",
                "programme__short_name",
                "programme__funding_body",
            )
        )


class MatcherView(TemplateView):
    """ "Was passt zu meiner Kommune?": programmes that fit, each with its reasons."""

    template_name = "funding/matcher.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submitted = bool(self.request.GET)
        form = MatcherForm(self.request.GET or None)
        context.update(form=form, submitted=submitted, results=None)
        if submitted and form.is_valid():
            criteria = form.criteria()
            paginator = Paginator(
                programmes_matching(user=self.request.user, criteria=criteria), MATCHES_PER_PAGE
            )
            page = paginator.get_page(self.request.GET.get("page"))
            context.update(
                criteria=criteria,
                municipality=form.resolved_municipality,
                page_obj=page,
                results=[(programme, match_reasons(programme, criteria)) for programme in page],
            )
        return context


@require_GET
def municipality_suggestions(request):
    """Up to 20 municipalities whose name starts with ``q`` (or whose AGS does), for the
    matcher's datalist. Register data is public."""
    query = " ".join(request.GET.get("q", "").split())[:120]
    if len(query) < 2:
        return JsonResponse({"results": []})
    lookup = {"ags__startswith": query} if query.isdigit() else {"name__istartswith": query}
    municipalities = (
        Municipality.objects.current()
        .filter(**lookup)
        .order_by("name", "ags")
        .values("ags", "name")[:MUNICIPALITY_SUGGESTIONS]
    )
    return JsonResponse(
        {"results": [{"value": f"{m['name']} ({m['ags']})"} for m in municipalities]}
    )
