"""Limits on how often one sender may do something (relay a contact message, register for
an event without an account), counted in the shared cache (``CACHE_URL``), so that every
server process counts together.

A sender is a ``key_prefix`` the caller chooses (``members:contact:<user id>``,
``events:registrations:<client address>``). Each ``Limit`` is a fixed window: it begins
with the first action counted and ends ``seconds`` later, when the counter expires.
"""

from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import ValidationError


class Limit(NamedTuple):
    """At most ``count`` actions within ``seconds``; ``name`` keys its counter."""

    name: str
    seconds: int
    count: int


def per_hour_and_day(per_hour: int, per_day: int) -> list[Limit]:
    """The usual pair: so many actions an hour, and so many a day."""
    return [Limit("hour", 3600, per_hour), Limit("day", 24 * 3600, per_day)]


def _key(key_prefix: str, limit: Limit) -> str:
    return f"{key_prefix}:{limit.name}"


def _count(key: str, seconds: int) -> int:
    """Add one to a counter, starting its window if it has none, and return it."""
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1


def over_limit(key_prefix: str, limits: list[Limit]) -> bool:
    """True when the sender has used up one of ``limits``."""
    return any((cache.get(_key(key_prefix, limit)) or 0) >= limit.count for limit in limits)


def take_allowance(key_prefix: str, limits: list[Limit], message) -> None:
    """Count one action of the sender against each of ``limits``, or refuse it with
    ``ValidationError(message, code="rate_limited")`` and count nothing.

    Check and count are two steps: senders racing each other may get one action more
    through than allowed, which a limit against abuse can afford."""
    if over_limit(key_prefix, limits):
        raise ValidationError(message, code="rate_limited")
    count_action(key_prefix, limits)


def count_action(key_prefix: str, limits: list[Limit]) -> None:
    """Count one action of the sender against each of ``limits``, for callers that check
    ``over_limit`` themselves (to answer with their own page)."""
    for limit in limits:
        _count(_key(key_prefix, limit), limit.seconds)
