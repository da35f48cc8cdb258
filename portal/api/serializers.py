from collections import defaultdict
from collections.abc import Mapping
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField

from portal.api.exceptions import NON_FIELD, Conflict, only_conflicts
from portal.api.fields import (
    APIDateField,
    APIDateTimeField,
    APIDecimalField,
    APIEmailField,
    APIURLField,
    OptionalChoiceField,
    OptionalEmailField,
    OptionalURLField,
    PatternField,
    request_value_error,
)
from portal.models import FederalState, Theme, Tombstone
from portal.querysets import can_view_unpublished

KEY_PLACEHOLDER = "key-placeholder"


def absolute_url(request, path: str) -> str:
    """The address of a page of the portal: absolute when answering a request."""
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class PageURLField(serializers.Field):
    """The absolute address of the object's page on the portal (``get_absolute_url()``),
    the same in every list and detail of the API."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return absolute_url(self.context.get("request"), instance.get_absolute_url())


class VisibleManyRelatedField(ManyRelatedField):
    """The many-valued form of ``VisibleSlugRelatedField``: lists only the related objects
    the caller may see."""

    def get_attribute(self, instance):
        related = super().get_attribute(instance)
        return [obj for obj in related if self.child_relation.is_visible(obj)]


class VisibleSlugRelatedField(serializers.SlugRelatedField):
    """A relation to an editorial (``Publishable``) object by its slug, limited to what the
    caller may see under the related model's ``visible_to`` rule: a published project does
    not reveal its draft programme, and a draft's slug is refused on input exactly like an
    unknown one (no existence oracle).

    The related rows must carry ``status`` (``only("slug", "status")`` in a prefetch): it
    decides visibility without a query per row."""

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def is_visible(self, obj) -> bool:
        return obj.is_published or can_view_unpublished(self._user(), type(obj))

    def get_queryset(self):
        return super().get_queryset().visible_to(self._user())

    def get_attribute(self, instance):
        obj = super().get_attribute(instance)
        return obj if obj is None or self.is_visible(obj) else None

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return VisibleManyRelatedField(**list_kwargs)


def theme_slugs(model, keys) -> dict[int, list[str]]:
    """The theme slugs of the objects with these primary keys, in the themes' order: one
    query of plain values through the ``themes`` link table."""
    field = model._meta.get_field("themes")
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = (
        field.remote_field.through.objects.filter(**{f"{owner}__in": keys})
        .order_by(*(f"{target}__{name}" for name in Theme._meta.ordering))
        .values_list(f"{owner}_id", f"{target}__slug")
    )
    slugs = defaultdict(list)
    for key, slug in rows:
        slugs[key].append(slug)
    return slugs


class BriefListSerializer(serializers.ListSerializer):
    """A page of an API list in brief, with little work per object: the page's theme slugs
    (if the child has themes) come from one query of plain values (a prefetch built a model
    instance for every theme of every object), the addresses from one ``reverse()``, and the
    child's ``brief()`` writes each object out (DRF's field-by-field machinery took most of a
    list's time)."""

    def to_representation(self, data):
        objects = list(data.all() if isinstance(data, models.Manager) else data)
        child = self.child
        model = child.Meta.model
        keys = [obj.pk for obj in objects]
        themes = theme_slugs(model, keys) if "themes" in child.fields else {}
        page = model(**{child.url_key: KEY_PLACEHOLDER}).get_absolute_url()
        before, after = absolute_url(self.context.get("request"), page).split(KEY_PLACEHOLDER)
        return [
            child.brief(
                obj,
                themes=themes.get(obj.pk, []),
                url=f"{before}{getattr(obj, child.url_key)}{after}",
            )
            for obj in objects
        ]


class PortalModelSerializer(serializers.ModelSerializer):
    """The base of every model serializer of the API.

    Its fields follow the API's value rules (``portal.api.fields``): dates and moments in the
    accepted years, amounts as digit strings, and ``null`` rather than ``""`` for a missing
    address, e-mail or choice. A write may send only the writable fields: an unknown or a
    read-only field is a 400 naming it, never silently ignored. A write that matches the
    schema but that the data refuses (a key already taken, an unknown referenced object, a
    rule across fields) is a 409; anything else a 400."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: APIDateField,
        models.DateTimeField: APIDateTimeField,
        models.DecimalField: APIDecimalField,
        models.URLField: APIURLField,
        models.EmailField: APIEmailField,
    }
    optional_field_classes = {
        APIURLField: OptionalURLField,
        APIEmailField: OptionalEmailField,
        serializers.ChoiceField: OptionalChoiceField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if model_field.blank and not model_field.null:
            for base, optional in self.optional_field_classes.items():
                if field_class is base:
                    field_class = optional
        patterns = [getattr(validator, "pattern", None) for validator in model_field.validators]
        patterns = [pattern for pattern in patterns if isinstance(pattern, str)]
        if patterns and field_class is serializers.CharField:
            field_class, kwargs["pattern"] = PatternField, patterns[0]
        return field_class, kwargs

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            refused = {}
            for name, value in data.items():
                field = self.fields.get(name)
                if field is None:
                    refused[name] = [gettext("Unbekanntes Feld.")]
                elif field.read_only:
                    refused[name] = [gettext("Dieses Feld kann nur gelesen werden.")]
                elif problem := request_value_error(field, value):
                    refused[name] = [problem]
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)

    def is_valid(self, *, raise_exception=False):
        valid = super().is_valid(raise_exception=False)
        if not valid and raise_exception:
            refusal = Conflict if only_conflicts(self.errors) else serializers.ValidationError
            raise refusal(self.errors)
        return valid


def model_error_detail(error: DjangoValidationError) -> dict:
    """A Django validation error as the API's field → messages."""
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD if key == "__all__" else key): messages
            for key, messages in error.message_dict.items()
        }
    return {NON_FIELD: error.messages}


def raise_conflict(error: DjangoValidationError):
    """A rule of the model that the schema cannot state (across fields or relations): a 409
    that names each field."""
    raise serializers.ValidationError(model_error_detail(error), code="conflict") from None


class BriefSerializer(PortalModelSerializer):
    """The brief form of an object in API lists (``BriefListSerializer``).

    The declared fields describe the schema; subclasses write the same answer out in
    ``brief()``, and the tests check that both agree. ``url_key`` is the field the page
    address is built from. Subclasses' ``Meta`` derive from ``BriefSerializer.Meta``."""

    url_key = "slug"
    url = PageURLField()

    class Meta:
        list_serializer_class = BriefListSerializer

    @classmethod
    @cache
    def columns(cls) -> tuple[str, ...]:
        """What ``brief()`` reads, for the list's ``.only()``: the declared fields that are
        columns of the model, a foreign key as the field of the related row its slug
        names (``lead_municipality__ags``). Themes come from ``theme_slugs()``; annotations
        and the page address (``source="*"``) are left out."""
        model, columns = cls.Meta.model, []
        for field in cls().fields.values():
            try:
                model_field = model._meta.get_field(field.source)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_many:
                continue
            if model_field.is_relation:
                columns.append(f"{field.source}__{field.slug_field}")
            else:
                columns.append(field.source)
        return tuple(columns)

    def to_representation(self, instance):
        themes = instance.themes.all() if "themes" in self.fields else []
        return self.brief(
            instance,
            themes=[theme.slug for theme in themes],
            url=self.fields["url"].to_representation(instance),
        )

    def brief(self, instance, *, themes: list[str], url: str) -> dict:
        """The object's answer; ``themes`` are its theme slugs (empty without themes)."""
        raise NotImplementedError

    def represent(self, name: str, value):
        """``value`` as the declared field ``name`` gives it (None stays None)."""
        return None if value is None else self.fields[name].to_representation(value)


class ThemeSerializer(PortalModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "name_en", "description", "position"]


class FederalStateSerializer(PortalModelSerializer):
    class Meta:
        model = FederalState
        fields = ["code", "name", "name_en", "abbreviation"]


class TombstoneSerializer(PortalModelSerializer):
    class Meta:
        model = Tombstone
        fields = ["resource", "key", "reason", "removed_at"]


class ModelValidationMixin:
    """API writes run the model's own validation, as the admin's forms do: the field
    validators and ``clean()`` on a copy of the object with the request's values, so that a
    refused write changes nothing. A field validator's refusal is a 400, a refusal of
    ``clean()`` (rules across fields) a 409; both name each field.

    Subclasses that need values the model derives in ``clean()`` (e.g. the end of an all-day
    event) read them from ``self.validated_candidate``."""

    def model_candidate(self, attrs):
        model = self.Meta.model
        values = {}
        if self.instance is not None:
            values = {
                field.attname: getattr(self.instance, field.attname)
                for field in model._meta.concrete_fields
            }
        candidate = model(**values)
        for name, value in attrs.items():
            field = model._meta.get_field(name)
            if not field.many_to_many:
                setattr(candidate, field.name, value)
        return candidate

    def validate(self, attrs):
        attrs = super().validate(attrs)
        candidate = self.model_candidate(attrs)
        writable = {name for name, field in self.fields.items() if not field.read_only}
        writable |= {self.fields[name].source for name in writable}
        excluded = [
            field.name
            for field in candidate._meta.get_fields()
            if field.concrete and (field.many_to_many or field.name not in writable)
        ]
        # Unique keys are checked by the serializer's own validators (a 409).
        try:
            candidate.clean_fields(exclude=excluded)
        except DjangoValidationError as error:
            raise serializers.ValidationError(model_error_detail(error)) from None
        try:
            candidate.clean()
        except DjangoValidationError as error:
            raise_conflict(error)
        self.validated_candidate = candidate
        return attrs
