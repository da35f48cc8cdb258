"""Incremental sync for partners: ``modified_since`` on every resource and tombstones.

A partner mirrors the data by asking each resource for what changed since its last run
(``?modified_since=…``, ordered by modification time) and ``/api/v1/tombstones/`` for what
left the published set since then; removals first, then the changed objects.
"""

from datetime import UTC
from functools import cache

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from rest_framework import exceptions, filters

from portal.api.fields import DATETIME_PATTERN, parse_api_datetime
from portal.choices import PublicationStatus
from portal.models import Tombstone

MODIFIED_SINCE = "modified_since"


def parse_modified_since(raw: str):
    """``modified_since`` as a moment in UTC: RFC 3339 with an offset in the years the API
    accepts (``portal.api.fields``); anything else is a 400 naming the parameter."""
    try:
        # A "+" that the client did not encode arrives as a space.
        value = parse_api_datetime(raw.replace(" ", "+"))
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({MODIFIED_SINCE: error.detail}) from None
    # In UTC: PostgreSQL refuses offsets beyond ±15:59, which RFC 3339 allows.
    return value.astimezone(UTC)


def has_modification_time(model) -> bool:
    return any(field.name == "updated_at" for field in model._meta.fields)


class ModifiedSinceFilter(filters.BaseFilterBackend):
    """``?modified_since=<ISO 8601>``: objects changed at or after that moment, oldest first."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(MODIFIED_SINCE)
        if raw is None or getattr(view, "action", None) != "list":
            return queryset
        if not has_modification_time(queryset.model):
            return queryset
        since = parse_modified_since(raw)
        return queryset.filter(updated_at__gte=since).order_by("updated_at", "pk")

    def get_schema_operation_parameters(self, view):
        queryset = getattr(view, "queryset", None)
        if getattr(view, "action", None) != "list":
            return []
        if queryset is None or not has_modification_time(queryset.model):
            return []
        return [
            {
                "name": MODIFIED_SINCE,
                "required": False,
                "in": "query",
                "description": (
                    "Only objects changed at or after this moment (ISO 8601 with offset), "
                    "ordered by modification time. Use with /api/v1/tombstones/ to mirror "
                    "the data incrementally."
                ),
                "schema": {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
            }
        ]


@cache
def api_resources() -> dict[type, tuple[str, str]]:
    """Model → (resource name in the API, lookup field), from the API router."""
    from portal.api.urls import router

    resources = {}
    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None and queryset.model not in resources:
            resources[queryset.model] = (prefix, getattr(viewset, "lookup_field", "pk"))
    return resources


def _tombstone(instance, reason: str) -> None:
    resource = api_resources().get(type(instance))
    if resource is None:
        return
    prefix, lookup_field = resource
    key = getattr(instance, lookup_field if lookup_field != "pk" else "pk")
    Tombstone.objects.update_or_create(
        resource=prefix,
        key=str(key),
        defaults={"reason": reason, "removed_at": timezone.now()},
    )


def record_deletion(sender, instance, **kwargs):
    _tombstone(instance, Tombstone.Reason.DELETED)


def record_unpublishing(sender, instance, **kwargs):
    # Something that was published once (it has published_at) and is not published now
    # has left the public set.
    status = getattr(instance, "status", None)
    if status is None or status == PublicationStatus.PUBLISHED:
        return
    if getattr(instance, "published_at", None) is not None:
        _tombstone(instance, Tombstone.Reason.UNPUBLISHED)


def connect_signals():
    """Signals, not services, because deletions also happen through admin bulk actions and
    cascades that no service sees."""
    post_delete.connect(record_deletion, dispatch_uid="portal.tombstone.delete")
    post_save.connect(record_unpublishing, dispatch_uid="portal.tombstone.unpublish")
