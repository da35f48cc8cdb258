from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingLevel(models.TextChoices):
    """Who funds: the EU, the federal government, a Land or somebody else."""

    EU = "eu", _("EU")
    FEDERAL = "federal", _("Bund")
    STATE = "state", _("Land")
    OTHER = "other", _("Sonstige")


class FundingKind(models.TextChoices):
    """The form the support takes."""

    GRANT = "grant", _("Zuschuss")
    LOAN = "loan", _("Darlehen")
    GUARANTEE = "guarantee", _("Bürgschaft")
    PRIZE = "prize", _("Preis/Wettbewerb")
    ADVICE = "advice", _("Beratung")


class CallStatus(models.TextChoices):
    """Status of a call, derived from its dates (never stored)."""

    ANNOUNCED = "announced", _("angekündigt")
    OPEN = "open", _("offen")
    CLOSING_SOON = "closing_soon", _("Frist endet bald")
    ROLLING = "rolling", _("laufend")
    CLOSED = "closed", _("geschlossen")


class ProgrammeStatus(models.TextChoices):
    """Status of a programme, derived from its calls: the best status among them."""

    CLOSING_SOON = "closing_soon", _("Frist endet bald")
    OPEN = "open", _("offen")
    ROLLING = "rolling", _("laufend")
    ANNOUNCED = "announced", _("angekündigt")
    CLOSED = "closed", _("geschlossen")
    NO_CALL = "no_call", _("kein Aufruf")


# Rank of a call status for a programme's status: the highest rank among its calls wins.
STATUS_RANK = {
    CallStatus.CLOSING_SOON: 5,
    CallStatus.OPEN: 4,
    CallStatus.ROLLING: 3,
    CallStatus.ANNOUNCED: 2,
    CallStatus.CLOSED: 1,
}
NO_CALL_RANK = 0

# Statuses of programmes one can still apply to now or soon.
OPEN_OR_UPCOMING = (
    ProgrammeStatus.CLOSING_SOON,
    ProgrammeStatus.OPEN,
    ProgrammeStatus.ROLLING,
    ProgrammeStatus.ANNOUNCED,
)
