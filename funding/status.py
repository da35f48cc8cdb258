"""The one rule that derives a call's status from its dates.

The rule is a list of conditions, first match wins. Each condition is a small tuple of
(field, lookup, value) terms, which is turned into ``Q`` objects for the SQL annotation
(``Case``/``When``) and evaluated directly for the Python property, so pages, filters,
sorting, feeds and the API all use the same rule.
"""

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Case, Q, Value, When

from funding.choices import NO_CALL_RANK, STATUS_RANK, CallStatus

# A call whose deadline is at most this far away is "closing soon".
CLOSING_SOON = timedelta(days=14)


def status_conditions(now: datetime) -> list[tuple[str, tuple[tuple[str, str, object], ...]]]:
    """(status, terms) in order of precedence; a call with none matching is open."""
    return [
        (CallStatus.ANNOUNCED, (("opens_at", "gt", now),)),
        (CallStatus.ROLLING, (("rolling", "exact", True),)),
        (CallStatus.CLOSED, (("deadline", "lte", now),)),
        (CallStatus.CLOSING_SOON, (("deadline", "lte", now + CLOSING_SOON),)),
    ]


DEFAULT_STATUS = CallStatus.OPEN


def _term_holds(value, lookup: str, operand) -> bool:
    # As in SQL, a comparison with NULL never holds.
    if lookup == "exact":
        return value == operand
    if value is None:
        return False
    if lookup == "gt":
        return value > operand
    if lookup == "lte":
        return value <= operand
    raise ValueError(f"Unsupported lookup {lookup!r}")


def call_status(*, opens_at, deadline, rolling: bool, now: datetime) -> str:
    """The status of a call with these dates at ``now`` (pure function)."""
    values = {"opens_at": opens_at, "deadline": deadline, "rolling": rolling}
    for status, terms in status_conditions(now):
        if all(_term_holds(values[field], lookup, operand) for field, lookup, operand in terms):
            return status
    return DEFAULT_STATUS


def _q(terms, prefix: str) -> Q:
    return Q(**{f"{prefix}{field}__{lookup}": operand for field, lookup, operand in terms})


def call_status_expression(now: datetime, prefix: str = "") -> Case:
    """The same rule as an SQL expression (``prefix`` spans a relation, e.g. ``calls__``)."""
    return Case(
        *[
            When(_q(terms, prefix), then=Value(str(status)))
            for status, terms in status_conditions(now)
        ],
        default=Value(str(DEFAULT_STATUS)),
        output_field=models.CharField(),
    )


def call_rank_expression(now: datetime) -> Case:
    """A call's rank for its programme's status (higher is better)."""
    return Case(
        *[
            When(_q(terms, ""), then=Value(STATUS_RANK[status]))
            for status, terms in status_conditions(now)
        ],
        default=Value(STATUS_RANK[DEFAULT_STATUS]),
        output_field=models.IntegerField(),
    )


RANK_STATUS = {rank: str(status) for status, rank in STATUS_RANK.items()}


def programme_status_from_ranks(ranks) -> str:
    """A programme's status from its calls' ranks: the best one, or "no call"."""
    best = max(ranks, default=NO_CALL_RANK)
    return RANK_STATUS.get(best, "no_call")
