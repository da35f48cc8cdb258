"""Projects in the self-service of members: the maintainers of a project's lead body edit it
and propose new ones; the editors publish them (``members.changes``)."""

from django.utils.translation import gettext_lazy as _

from bestpractices.forms import MEMBER_PROJECT_FIELD_GROUPS, ProjectChangeForm
from bestpractices.models import Project
from bestpractices.services import project_unique_slug
from members.changes import ChangeSpec
from portal.choices import PublicationStatus


def publish_project(project: Project) -> None:
    """An approved project is published; a new one gets its address from its title."""
    if not project.slug:
        project.slug = project_unique_slug(project.title)
    project.status = PublicationStatus.PUBLISHED


CHANGE_SPECS = [
    ChangeSpec(
        model=Project,
        form_class=ProjectChangeForm,
        fieldsets=MEMBER_PROJECT_FIELD_GROUPS,
        on_publish=publish_project,
        credits_author=True,
        holder_fields={
            "municipality": "lead_municipality",
            "association": "lead_association",
            "district": "lead_district",
        },
        headings=(
            _("Neues Praxisbeispiel von %(body)s"),
            _("Praxisbeispiel „%(title)s“ bearbeiten"),
        ),
    )
]
