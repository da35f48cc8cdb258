"""Incremental sync for partners: ``modified_since`` on every resource and tombstones.

A partner mirrors the data by asking each resource for what changed since its last run
(``?modified_since=…``, ordered by modification time) and ``/api/v1/tombstones/`` for what
left the published set since then, or changed its key; removals first, then the changed
objects. After that the mirror equals a fresh download. Three rules keep it so:

- an object that leaves the public set, is deleted or gets a new key leaves a tombstone of
  the key the partner knows it by;
- an object that shows another object's key (a project its programmes' slugs, an event its
  circle's) or content (a municipality its digital profile) counts as changed when that
  object appears, disappears or is renamed, so it travels again with ``modified_since``;
- an object whose visibility follows another's (a call its programme's) leaves with it.
"""

from dataclasses import dataclass
from datetime import UTC
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from rest_framework import exceptions, filters, serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from portal.api.fields import DATETIME_PATTERN, parse_api_datetime
from portal.choices import PublicationStatus
from portal.models import Publishable, Tombstone

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


@dataclass(frozen=True)
class Resource:
    """A model served as an API resource: its name (path) and the field that keys it."""

    name: str
    key_field: str
    # The relation whose target decides this resource's visibility (a call: its programme).
    visible_with: str | None = None


@dataclass(frozen=True)
class Dependent:
    """``model`` shows the ``key_field`` of an object of ``target`` that it reaches through
    ``lookup`` (or, ``nested``, that object's content)."""

    model: type
    target: type
    lookup: str
    key_field: str | None = None
    nested: bool = False
    # A generic reference (content-type field, object-id field) instead of ``lookup``.
    generic: tuple[str, str] | None = None

    def shown_in(self, instance):
        """The rows of ``model`` that show ``instance``."""
        if self.generic is not None:
            from django.contrib.contenttypes.models import ContentType

            type_field, id_field = self.generic
            return self.model._base_manager.filter(
                **{type_field: ContentType.objects.get_for_model(instance), id_field: instance.pk}
            )
        return self.model._base_manager.filter(**{self.lookup: instance})


@cache
def api_resources() -> dict[type, Resource]:
    """Model → resource, from the API router."""
    from portal.api.urls import router

    resources = {}
    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None and queryset.model not in resources:
            resources[queryset.model] = Resource(
                name=prefix,
                key_field=getattr(viewset, "lookup_field", "pk"),
                visible_with=getattr(viewset, "sync_visible_with", None),
            )
    return resources


def _relations(serializer_class, model, prefix=""):
    """The dependents a serializer implies: each relation it writes by a key, and each
    nested serializer of an editorial model (by the model relation of the field's name)."""
    for name, field in serializer_class().fields.items():
        child = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(child, RelatedField) and hasattr(child, "slug_field"):
            path = child.source or name
            target = model._meta.get_field(path).related_model
            yield Dependent(model, target, prefix + path, key_field=child.slug_field)
        elif isinstance(field, serializers.ModelSerializer):
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            nested = type(field).Meta.model
            if issubclass(nested, Publishable):
                yield Dependent(model, nested, prefix + name, nested=True)
            yield from (
                Dependent(model, dependent.target, dependent.lookup, dependent.key_field)
                for dependent in _relations(type(field), nested, f"{prefix}{name}__")
            )


@cache
def dependents() -> dict[type, list[Dependent]]:
    """Target model → what shows it, derived from the resources' serializers."""
    from portal.api.urls import router

    found: dict[type, list[Dependent]] = {}
    for _prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is None:
            continue
        for name in ("serializer_class", "list_serializer_class"):
            serializer_class = getattr(viewset, name, None)
            if serializer_class is None:
                continue
            for dependent in _relations(serializer_class, queryset.model):
                if dependent not in found.setdefault(dependent.target, []):
                    found[dependent.target].append(dependent)
        # A generic reference to objects of other resources (a relation's solution): the
        # viewset names its two fields and the models it may point to.
        generic = getattr(viewset, "sync_generic", None)
        if generic is not None:
            (type_field, id_field), targets = generic
            for target in targets():
                target_resource = api_resources().get(target)
                found.setdefault(target, []).append(
                    Dependent(
                        queryset.model,
                        target,
                        lookup=type_field,
                        key_field=target_resource.key_field if target_resource else None,
                        generic=(type_field, id_field),
                    )
                )
        # Figures a resource derives from related rows (a programme's status and next
        # deadline from its calls), named by the viewset.
        for lookup in getattr(viewset, "sync_derived_from", ()):
            target = queryset.model._meta.get_field(lookup).related_model
            found.setdefault(target, []).append(
                Dependent(queryset.model, target, lookup, nested=True)
            )
    return found


def _public_rule(model) -> dict:
    """What puts an object of a model that is not editorial into the public set, as field
    values (a network relation: ``{"status": "confirmed"}``), or {}."""
    return getattr(model, "sync_public_when", None) or {}


@cache
def tracked_fields(model) -> tuple[str, ...]:
    """The fields whose change partners must hear of: the publication status and every key
    that a resource or a dependent shows."""
    fields = ["status"] if issubclass(model, Publishable) else []
    fields.extend(_public_rule(model))
    if _has_field(model, "dissolved_on"):
        fields.append("dissolved_on")
    resource = api_resources().get(model)
    if resource is not None and resource.key_field != "pk":
        fields.append(resource.key_field)
    for dependent in dependents().get(model, []):
        if dependent.key_field and dependent.key_field != "pk":
            fields.append(dependent.key_field)
    return tuple(dict.fromkeys(fields))


def _is_synced(model) -> bool:
    return bool(tracked_fields(model)) or model in dependents()


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.fields)


def _is_public(model, state: dict) -> bool:
    """Whether the object is in the set anonymous clients mirror: published editorial
    objects, and the bodies of the register that were not dissolved."""
    if issubclass(model, Publishable):
        return state["status"] == PublicationStatus.PUBLISHED
    if rule := _public_rule(model):
        return all(state[name] == value for name, value in rule.items())
    if "dissolved_on" in state:
        return state["dissolved_on"] is None
    return True


def _leaving_reason(model) -> str:
    if _has_field(model, "dissolved_on") and not issubclass(model, Publishable):
        return Tombstone.Reason.DISSOLVED
    return Tombstone.Reason.UNPUBLISHED


def record_register_tombstones(model, keys) -> None:
    """Tombstones for bodies of the register that an import marked dissolved (a bulk
    update, which sends no signals): the current lists leave them out."""
    resource = api_resources().get(model)
    if resource is None:
        return
    for key in keys:
        _record_tombstone(resource, key, Tombstone.Reason.DISSOLVED, public=True)


def _ever_public(instance) -> bool:
    """Whether the object's keys may be known to anonymous clients: it was published once
    (or, for a model with its own rule, ``was_ever_public`` says so)."""
    if hasattr(instance, "was_ever_public"):
        return instance.was_ever_public
    return not isinstance(instance, Publishable) or instance.published_at is not None


def _record_tombstone(resource: Resource, key, reason: str, *, public: bool) -> None:
    Tombstone.objects.update_or_create(
        resource=resource.name,
        key=str(key),
        defaults={"reason": reason, "removed_at": timezone.now(), "public": public},
    )


def _key(instance, resource: Resource, state: dict | None = None):
    if resource.key_field == "pk":
        return instance.pk
    return (state or {}).get(resource.key_field, getattr(instance, resource.key_field))


def remember_stored_state(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the tracked fields as stored (one query by primary key, only when the
    save may change them)."""
    model = sender._meta.concrete_model
    if raw or not _is_synced(model):
        return
    fields = tracked_fields(model)
    if instance._state.adding or instance.pk is None:
        instance._stored_state = None
    elif not fields or (update_fields is not None and not set(fields) & set(update_fields)):
        instance._stored_state = {name: instance.__dict__.get(name) for name in fields}
    else:
        instance._stored_state = model._base_manager.filter(pk=instance.pk).values(*fields).first()


def record_save(sender, instance, created, raw=False, **kwargs):
    """After a save: tombstones of keys that left the public set or were replaced, and the
    objects that show this one marked as changed."""
    model = sender._meta.concrete_model
    if raw or not _is_synced(model):
        return
    fields = tracked_fields(model)
    before = getattr(instance, "_stored_state", None)
    after = {name: getattr(instance, name) for name in fields}
    instance._stored_state = after  # a later save of the same instance compares with this
    was_public = before is not None and _is_public(model, before)
    is_public = _is_public(model, after)
    renamed = {name for name in fields if before is not None and before[name] != after[name]}
    renamed.discard("status")

    resource = api_resources().get(model)
    if resource is not None and before is not None:
        old_key = _key(instance, resource, before)
        if was_public and not is_public:
            _record_tombstone(resource, old_key, _leaving_reason(model), public=True)
        elif resource.key_field in renamed:
            _record_tombstone(
                resource, old_key, Tombstone.Reason.RENAMED, public=_ever_public(instance)
            )
    _changed_for_dependents(
        model, instance, was_public=was_public, is_public=is_public, renamed=renamed
    )


def record_pending_deletion(sender, instance, **kwargs):
    """Before a deletion (while links still exist): the objects that show this one change."""
    model = sender._meta.concrete_model
    if _is_synced(model):
        state = {name: getattr(instance, name) for name in tracked_fields(model)}
        public = _is_public(model, state) if state else True
        _changed_for_dependents(model, instance, was_public=public, is_public=False, renamed=())


def record_deletion(sender, instance, **kwargs):
    resource = api_resources().get(sender._meta.concrete_model)
    if resource is not None:
        _record_tombstone(
            resource,
            _key(instance, resource),
            Tombstone.Reason.DELETED,
            public=_ever_public(instance),
        )


def _changed_for_dependents(model, instance, *, was_public, is_public, renamed) -> None:
    now = timezone.now()
    for dependent in dependents().get(model, []):
        shown = (
            was_public != is_public
            or dependent.key_field in renamed
            or (dependent.nested and (was_public or is_public))
        )
        if not shown:
            continue
        related = dependent.shown_in(instance)
        if not any(field.name == "updated_at" for field in dependent.model._meta.fields):
            continue
        resource = api_resources().get(dependent.model)
        if (
            resource is not None
            and resource.visible_with == dependent.lookup
            and was_public
            and not is_public
        ):
            for key in related.values_list(
                "pk" if resource.key_field == "pk" else resource.key_field, flat=True
            ):
                _record_tombstone(resource, key, Tombstone.Reason.UNPUBLISHED, public=True)
        # A plain UPDATE: the change of the shown object is the dependents' only change, and
        # it is recorded in that object's history, not as a new version of each dependent.
        # By primary key: an UPDATE … WHERE id IN (a join) can take minutes on PostgreSQL when
        # the tables' statistics are stale (after a bulk load), a lookup by key never does.
        keys = list(related.values_list("pk", flat=True))
        if keys:
            dependent.model._base_manager.filter(pk__in=keys).update(updated_at=now)


def connect_signals():
    """Signals, not services, because deletions also happen through admin bulk actions and
    cascades that no service sees, and renames and publications through every channel
    (admin, API, import)."""
    pre_save.connect(remember_stored_state, dispatch_uid="portal.sync.remember")
    post_save.connect(record_save, dispatch_uid="portal.sync.save")
    pre_delete.connect(record_pending_deletion, dispatch_uid="portal.sync.pending_deletion")
    post_delete.connect(record_deletion, dispatch_uid="portal.tombstone.delete")
