from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from portal.models import FederalState, Theme, Tombstone


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "name_en", "description", "position"]


class FederalStateSerializer(serializers.ModelSerializer):
    class Meta:
        model = FederalState
        fields = ["code", "name", "name_en", "abbreviation"]


class TombstoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tombstone
        fields = ["resource", "key", "reason", "removed_at"]


class ModelValidationMixin:
    """API writes run the model's own validation, as the admin's forms do: ``full_clean()``
    (field validators and ``clean()``) on a copy of the object with the request's values, so
    that a refused write changes nothing. Errors are a 400 naming each field.

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
        try:
            candidate.full_clean(
                exclude=excluded, validate_unique=False, validate_constraints=False
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                detail = {
                    (NON_FIELD if key == "__all__" else key): messages
                    for key, messages in error.message_dict.items()
                }
            else:
                detail = {NON_FIELD: error.messages}
            raise serializers.ValidationError(detail) from None
        self.validated_candidate = candidate
        return attrs


NON_FIELD = "non_field_errors"
