"""Projects in the site-wide search, through the same search as the project list."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bestpractices.models import Project
from portal.querysets import keys_first
from portal.search import SearchHit, SearchResult, SearchSection


def search_projects(query: str, *, user, limit: int) -> SearchResult:
    """Visible projects matching the query, best first."""
    matches = Project.objects.visible_to(user).search(query)
    total = matches.count()
    ranked = (
        matches.select_related("lead_municipality")
        .only("title", "slug", "summary", "lead_municipality__name")
        .order_by("-search_rank", "title", "pk")
    )
    hits = keys_first(ranked, 0, limit)
    return SearchResult(
        hits=[
            SearchHit(
                title=project.title,
                url=project.get_absolute_url(),
                summary=project.summary,
                meta=project.lead_municipality.name,
            )
            for project in hits
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
