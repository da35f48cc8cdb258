"""Writes of the project database: proposals from the public form and the editors' review."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bestpractices.models import Project
from cities.models import Municipality
from portal.choices import PublicationStatus
from portal.history import one_version
from portal.roles import EDITOR_GROUP
from portal.services import publication_set_status


def project_unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A free slug from the title (``-2``, ``-3`` … appended when taken)."""
    base = slugify(title)[:180].strip("-") or "projekt"
    if base.isdigit():
        base = f"projekt-{base}"
    taken = set(
        Project.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _editor_addresses() -> list[str]:
    addresses = list(
        get_user_model()
        .objects.filter(groups__name=EDITOR_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return addresses or [settings.PORTAL_CONTACT_EMAIL]


def _mail(template: str, *, project: Project, recipients: list[str], **context) -> None:
    body = render_to_string(
        f"bestpractices/email/{template}.txt",
        {"project": project, "PORTAL_NAME": settings.PORTAL_NAME, **context},
    )
    subject, _newline, text = body.strip().partition("\n")
    send_mail(subject.strip(), text.strip() + "\n", None, recipients)


def project_submit_proposal(
    *,
    title: str,
    summary: str,
    lead_municipality: Municipality,
    submitter_name: str,
    submitter_email: str,
    description: str = "",
    themes=(),
    phase: str = "",
    start_date=None,
    end_date=None,
    investment_costs: Decimal | None = None,
    running_costs_per_year: Decimal | None = None,
    funding_note: str = "",
    partners: str = "",
    results: str = "",
    contact_office: str = "",
    contact_email: str = "",
    links: str = "",
) -> Project:
    """A project proposed through the public form: saved "in review" (invisible to the
    public until an editor publishes it); the submitter gets a confirmation, the editors a
    notice."""
    with one_version():
        project = Project(
            title=title,
            slug=project_unique_slug(title),
            summary=summary,
            description=description,
            lead_municipality=lead_municipality,
            phase=phase or Project._meta.get_field("phase").default,
            start_date=start_date,
            end_date=end_date,
            investment_costs=investment_costs,
            running_costs_per_year=running_costs_per_year,
            funding_note=funding_note,
            partners=partners,
            results=results,
            contact_office=contact_office,
            contact_email=contact_email,
            links=links,
            submitter_name=submitter_name,
            submitter_email=submitter_email,
            status=PublicationStatus.REVIEW,
        )
        project.full_clean()
        project.save()
        project.themes.set(themes)
    _mail("proposal_received", project=project, recipients=[submitter_email])
    _mail("proposal_notice", project=project, recipients=_editor_addresses())
    return project


def project_publish(*, project: Project) -> Project:
    """Publish a project; a proposal's submitter learns that it is online."""
    was_published = project.is_published
    project = publication_set_status(instance=project, status=PublicationStatus.PUBLISHED)
    if not was_published and project.submitter_email:
        _mail("proposal_published", project=project, recipients=[project.submitter_email])
    return project


def project_send_back(*, project: Project, comment: str) -> Project:
    """Return a proposal to its submitter with the editors' comment (back to draft)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError(_("Zum Zurückgeben ist ein Kommentar der Redaktion nötig."))
    project.editor_comment = comment
    project = publication_set_status(instance=project, status=PublicationStatus.DRAFT)
    if project.submitter_email:
        _mail(
            "proposal_sent_back",
            project=project,
            recipients=[project.submitter_email],
            comment=comment,
        )
    return project


def project_reject(*, project: Project, comment: str = "") -> Project:
    """Decline a proposal: archived (kept for the record) and the submitter is told."""
    if comment:
        project.editor_comment = comment.strip()
    project = publication_set_status(instance=project, status=PublicationStatus.ARCHIVED)
    if project.submitter_email:
        _mail(
            "proposal_rejected",
            project=project,
            recipients=[project.submitter_email],
            comment=project.editor_comment,
        )
    return project
