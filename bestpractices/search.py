"""Projects in the site-wide search, through the same search as the project list."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bestpractices.models import LEAD_FIELDS, Project, lead_columns
from portal.querysets import first_with_total
from portal.search import SearchHit, SearchResult, SearchSection


def search_projects(query: str, *, user, limit: int) -> SearchResult:
    """Visible projects matching the query, best first: the keys of the best and the number
    of all in one statement, then the rows (with their lead) of those few."""
    ranked = Project.objects.visible_to(user).search(query).order_by("-search_rank", "title", "pk")
    best, total = first_with_total(ranked.only("pk"), limit)
    rows = (
        Project.objects.visible_to(user)
        .select_related(*LEAD_FIELDS)
        .only("title", "slug", "summary", *lead_columns("name"))
        .in_bulk([project.pk for project in best])
    )
    return SearchResult(
        hits=[
            SearchHit(
                title=project.title,
                url=project.get_absolute_url(),
                summary=project.summary,
                meta=project.lead.name,
            )
            for project in (rows.get(found.pk) for found in best)
            # A project unpublished between the two statements is left out.
            if project is not None
        ],
        total=total,
    )


def search_sections() -> list[SearchSection]:
    return [
        SearchSection(
            key="projects",
            title=_("Praxisbeispiele"),
            search=search_projects,
            more_url=lambda query: (
                reverse("bestpractices:project_list") + "?" + urlencode({"q": query})
            ),
            order=20,
        )
    ]
