"""Exports of the filtered project list: keys (ids, slugs, AGS and register keys, theme
slugs), not names."""

from django.db.models import Prefetch

from bestpractices.api.serializers import ProjectSerializer, key_of
from bestpractices.models import LEAD_FIELDS
from cities.models import Municipality
from funding.models import FundingProgramme
from portal.exports import csv_response, export_rows, json_response
from portal.models import Theme

# The API's fields, but those an export of published projects has no use for: the page
# address (the slug is there), the workflow status and the consent flag (the contact name
# is already blank without consent), the creation time.
NOT_EXPORTED = {"url", "status", "contact_consent", "created_at"}
FIELDNAMES = [name for name in ProjectSerializer.Meta.fields if name not in NOT_EXPORTED]


def export_queryset(queryset, user):
    """The projects with their related keys; related editorial objects (programmes) only
    where ``user`` may see them, as on the page and in the API."""
    municipalities = Municipality.objects.only("ags")
    programmes = FundingProgramme.objects.visible_to(user).only("slug")
    return queryset.select_related(*LEAD_FIELDS).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("slug")),
        Prefetch("participating_municipalities", queryset=municipalities),
        Prefetch("adopted_by", queryset=municipalities),
        Prefetch("funding_programmes", queryset=programmes),
    )


def project_row(project) -> dict:
    """One project as round-trippable keys."""
    return {
        "id": project.pk,
        "slug": project.slug,
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "lead_municipality": key_of(project.lead_municipality, "ags"),
        "lead_association": key_of(project.lead_association, "key"),
        "lead_district": key_of(project.lead_district, "key"),
        "participating_municipalities": [m.ags for m in project.participating_municipalities.all()],
        "themes": [theme.slug for theme in project.themes.all()],
        "phase": project.phase,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "is_lighthouse": project.is_lighthouse,
        "investment_costs": project.investment_costs,
        "running_costs_per_year": project.running_costs_per_year,
        "funding_note": project.funding_note,
        "funding_programmes": [programme.slug for programme in project.funding_programmes.all()],
        "partners": project.partners,
        "results": project.results,
        "lessons_learned": project.lessons_learned,
        "prerequisites": project.prerequisites,
        "data_needed": project.data_needed,
        "effort": project.effort,
        "licence": project.licence,
        "repository_url": project.repository_url,
        "adopted_by": [m.ags for m in project.adopted_by.all()],
        "contact_office": project.contact_office,
        "contact_email": project.contact_email,
        "contact_name": project.contact_name if project.contact_consent else "",
        "links": project.link_list,
        "last_verified_on": project.last_verified_on,
        "published_at": project.published_at,
        "updated_at": project.updated_at,
    }


def project_export_response(filterset, fmt: str):
    queryset = export_queryset(filterset.qs, getattr(filterset.request, "user", None))
    rows = export_rows(queryset, project_row)
    if fmt == "csv":
        return csv_response(rows, fieldnames=FIELDNAMES, filename="praxisbeispiele.csv")
    return json_response(rows, filename="praxisbeispiele.json")
