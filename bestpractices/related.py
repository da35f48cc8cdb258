"""A municipality's projects (as lead or participant) on its page; the projects a district
or a Gemeindeverband leads itself or that are led within it on theirs; a programme's funded
projects on its page."""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from bestpractices.models import LEAD_FIELDS, Project, lead_columns
from cities.models import Association, District, Municipality
from funding.models import FundingProgramme
from portal.related import RelatedItem, RelatedSection

MAX_ITEMS = 10


def related_sections(obj, *, user) -> list[RelatedSection]:
    if isinstance(obj, FundingProgramme):
        return [funded_projects_section(obj, user=user)]
    if isinstance(obj, District | Association):
        return [region_projects_section(obj, user=user)]
    if not isinstance(obj, Municipality):
        return []
    projects = (
        Project.objects.visible_to(user)
        .involving(obj)
        .only("title", "slug", "is_lighthouse", "lead_municipality_id")
        .order_by("-is_lighthouse", "-published_at", "pk")[:MAX_ITEMS]
    )
    items = []
    for project in projects:
        meta = []
        if project.is_lighthouse:
            meta.append(_("Leuchtturmprojekt"))
        if project.lead_municipality_id != obj.pk:
            meta.append(_("beteiligt"))
        items.append(
            RelatedItem(title=project.title, url=project.get_absolute_url(), meta=", ".join(meta))
        )
    return [
        RelatedSection(
            key="projects",
            title=_("Praxisbeispiele"),
            items=items,
            more_url=reverse("bestpractices:project_list")
            + "?"
            + urlencode({"municipality": obj.ags}),
            empty_text=_("Noch keine Praxisbeispiele aus dieser Kommune."),
            order=20,
        )
    ]


def funded_projects_section(programme, *, user) -> RelatedSection:
    """The visible projects a programme funded, lighthouse projects first."""
    projects = (
        Project.objects.visible_to(user)
        .funded_by(programme)
        .select_related(*LEAD_FIELDS)
        .only("title", "slug", "is_lighthouse", *lead_columns("name"))
        .order_by("-is_lighthouse", "-published_at", "pk")[:MAX_ITEMS]
    )
    return RelatedSection(
        key="funded_projects",
        title=_("Geförderte Praxisbeispiele"),
        items=projects_with_their_municipality(projects),
        more_url=reverse("bestpractices:project_list")
        + "?"
        + urlencode({"programme": programme.slug}),
        empty_text=_("Noch keine Praxisbeispiele mit diesem Programm verknüpft."),
        order=20,
    )


def region_projects_section(region, *, user) -> RelatedSection:
    """The visible projects led by the district or Gemeindeverband itself, by a
    Gemeindeverband of the district or by a member municipality."""
    if isinstance(region, District):
        led_there = (
            Q(lead_district=region)
            | Q(lead_association__district=region)
            | Q(lead_municipality__district=region)
        )
    else:
        led_there = Q(lead_association=region) | Q(lead_municipality__association=region)
    projects = (
        Project.objects.visible_to(user)
        .filter(led_there)
        .select_related(*LEAD_FIELDS)
        .only("title", "slug", "is_lighthouse", *lead_columns("name"))
        .order_by("-is_lighthouse", "-published_at", "pk")[:MAX_ITEMS]
    )
    return RelatedSection(
        key="projects",
        title=_("Praxisbeispiele"),
        items=projects_with_their_municipality(projects),
        empty_text=_("Noch keine Praxisbeispiele aus diesen Gemeinden."),
        order=20,
    )


def projects_with_their_municipality(projects) -> list[RelatedItem]:
    """Projects as related items that name their lead."""
    return [
        RelatedItem(title=project.title, url=project.get_absolute_url(), meta=project.lead.name)
        for project in projects
    ]
