from django.db import models
from django.utils.translation import gettext_lazy as _

# The maturity levels every answer is one of: 0 (nothing yet) to 4 (established).
LEVEL_VALUES = (0, 1, 2, 3, 4)
HIGHEST_LEVEL = LEVEL_VALUES[-1]

# The least number of other bodies whose results a comparison may show: fewer would let
# a reader work out one body's answers.
PEER_THRESHOLD = 5


class QuestionnaireStatus(models.TextChoices):
    """A version is drafted, then published (and from then on never changed), and retired
    when a newer version is published."""

    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    RETIRED = "retired", _("abgelöst")


class DimensionGroup(models.TextChoices):
    """Where a dimension comes from."""

    ATLAS = "atlas", _("Kriterium des Smart-City-Atlas")
    FIELD = "field", _("Handlungsfeld")
    ENABLER = "enabler", _("Grundlage")


class AssessmentStatus(models.TextChoices):
    """A body's check is a draft its members fill in until a maintainer submits it."""

    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
