"""The API's one exception handler: every refusal is JSON in one of the two documented shapes,
``{"detail": …}`` or field → messages."""

from collections import Counter

from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"
# Error codes of a request that matches the schema but that the stored data refuses: a key
# already taken, a referenced object that does not exist, a rule across several fields.
CONFLICT_CODES = frozenset({"unique", "does_not_exist", "conflict"})


class Conflict(exceptions.ValidationError):
    """A well-formed write that the data refuses: 409, naming each field like a 400."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class UnknownKey(exceptions.ValidationError):
    """A filter names an object that does not exist (or that the caller may not see): 404,
    naming the parameter."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "invalid_choice"


class StillReferenced(exceptions.APIException):
    """A delete of an object that others still refer to: 409 with the reason."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "protected"


def only_conflicts(detail) -> bool:
    """Whether every message in a validation error's detail is a conflict with the data."""
    if isinstance(detail, dict):
        return bool(detail) and all(only_conflicts(value) for value in detail.values())
    if isinstance(detail, list):
        return bool(detail) and all(only_conflicts(value) for value in detail)
    return getattr(detail, "code", None) in CONFLICT_CODES


def protected_reason(error: ProtectedError | RestrictedError) -> str:
    if isinstance(error, ProtectedError):
        objects = error.protected_objects
    else:
        objects = error.restricted_objects
    counts = Counter(str(type(obj)._meta.verbose_name_plural) for obj in objects)
    referrers = ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
    return gettext(
        "Kann nicht gelöscht werden, solange andere Einträge darauf verweisen (%(referrers)s)."
    ) % {"referrers": referrers}


def exception_handler(exc, context):
    if isinstance(exc, exceptions.ParseError):
        # A body that is not JSON: the validation shape, like every other 400 of a write.
        exc = exceptions.ValidationError({NON_FIELD: [str(exc.detail)]})
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = StillReferenced(protected_reason(exc))
    return drf_exception_handler(exc, context)
