from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectPhase(models.TextChoices):
    """Where a project stands (its own course, not the editorial publication status)."""

    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("geplant")
    RUNNING = "running", _("laufend")
    COMPLETED = "completed", _("abgeschlossen")
    DISCONTINUED = "discontinued", _("eingestellt")


class TransferEffort(models.TextChoices):
    """How much work another municipality needs to take a project over."""

    LOW = "low", _("gering")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")


class Licence(models.TextChoices):
    """Licence of a project's software (SPDX identifiers for open-source licences)."""

    MIT = "MIT", _("MIT")
    APACHE_2 = "Apache-2.0", _("Apache 2.0")
    BSD_3 = "BSD-3-Clause", _("BSD 3-Clause")
    GPL_3 = "GPL-3.0", _("GNU GPL 3.0")
    LGPL_3 = "LGPL-3.0", _("GNU LGPL 3.0")
    AGPL_3 = "AGPL-3.0", _("GNU AGPL 3.0")
    MPL_2 = "MPL-2.0", _("Mozilla Public License 2.0")
    EUPL_12 = "EUPL-1.2", _("EUPL 1.2")
    PROPRIETARY = "proprietary", _("proprietär")
    NONE = "none", _("keine Software")


OPEN_SOURCE_LICENCES = frozenset(
    {
        Licence.MIT,
        Licence.APACHE_2,
        Licence.BSD_3,
        Licence.GPL_3,
        Licence.LGPL_3,
        Licence.AGPL_3,
        Licence.MPL_2,
        Licence.EUPL_12,
    }
)


class ProjectOrdering(models.TextChoices):
    """Sort orders of the project list."""

    RELEVANCE = "relevance", _("Relevanz")
    NEWEST = "newest", _("neueste zuerst")
    TITLE = "title", _("Titel")
