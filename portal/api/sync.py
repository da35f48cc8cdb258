"""Incremental sync for partners: ``modified_since`` on every resource and tombstones.

A partner mirrors the data by asking each resource for what changed since its last run
(``?modified_since=…``, ordered by modification time) and ``/api/v1/tombstones/`` for what
left the published set since then; removals first, then the changed objects.
"""

from datetime import UTC
from functools import cache

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, filters

from portal.choices import PublicationStatus
from portal.models import Tombstone

MODIFIED_SINCE = "modified_since"


def parse_modified_since(raw: str):
    try:
        value = parse_datetime(raw.strip().replace(" ", "+")) if raw else None
    except ValueError:  # well-formed but impossible, e.g. month 13
        value = None
    if value is None:
        raise exceptions.ValidationError(
            {
                MODIFIED_SINCE: [
                    _("Zeitpunkt im Format ISO 8601 erwartet, z. B. 2026-11-01T08:00:00+01:00.")
                ]
            }
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 parsing allows.
        return value.astimezone(UTC)
    except OverflowError:
        raise exceptions.ValidationError(
            {MODIFIED_SINCE: [_("Der Zeitpunkt liegt außerhalb des gültigen Bereichs.")]}
        ) from None


class ModifiedSinceFilter(filters.BaseFilterBackend):
    """``?modified_since=<ISO 8601>``: objects changed at or after that moment, oldest first."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(MODIFIED_SINCE)
        if raw is None or getattr(view, "action", None) != "list":
            return queryset
        if not any(f.name == "updated_at" for f in queryset.model._meta.fields):
            return queryset
        since = parse_modified_since(raw)
        return queryset.filter(updated_at__gte=since).order_by("updated_at", "pk")

    def get_schema_operation_parameters(self, view):
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
                "schema": {"type": "string", "format": "date-time"},
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
