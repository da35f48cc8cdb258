from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from bestpractices.models import Project
from cities.models import Municipality
from portal.models import Theme


class ProjectListSerializer(serializers.ModelSerializer):
    """Brief: what a list or a map needs."""

    lead_municipality = serializers.SlugRelatedField(slug_field="ags", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.URLField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "lead_municipality",
            "themes",
            "phase",
            "is_lighthouse",
            "licence",
            "url",
            "updated_at",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    """Every public field; writes run the model's validation (dates, costs, links, consent).

    Municipalities are given by AGS, themes by slug."""

    lead_municipality = serializers.SlugRelatedField(
        slug_field="ags", queryset=Municipality.objects.all()
    )
    participating_municipalities = serializers.SlugRelatedField(
        slug_field="ags", many=True, queryset=Municipality.objects.all(), required=False
    )
    adopted_by = serializers.SlugRelatedField(
        slug_field="ags", many=True, queryset=Municipality.objects.all(), required=False
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )
    url = serializers.URLField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "description",
            "lead_municipality",
            "participating_municipalities",
            "themes",
            "phase",
            "start_date",
            "end_date",
            "is_lighthouse",
            "investment_costs",
            "running_costs_per_year",
            "funding_note",
            "partners",
            "results",
            "lessons_learned",
            "prerequisites",
            "data_needed",
            "effort",
            "licence",
            "repository_url",
            "adopted_by",
            "contact_office",
            "contact_email",
            "contact_name",
            "contact_consent",
            "links",
            "status",
            "last_verified_on",
            "published_at",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = ["published_at", "created_at", "updated_at"]

    def validate(self, attrs):
        """The model's own clean() and field validators, with messages per field."""
        many = {"participating_municipalities", "adopted_by", "themes"}
        values = {
            Project._meta.get_field(key).attname: getattr(value, "pk", value)
            for key, value in attrs.items()
            if key not in many
        }
        instance = self.instance or Project()
        # Validate a copy so that a rejected write leaves the instance untouched.
        candidate = Project(**{**_field_values(instance), **values})
        try:
            candidate.full_clean(validate_unique=False, validate_constraints=False)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.contact_consent:
            data["contact_name"] = ""
        return data


def _field_values(instance: Project) -> dict:
    return {
        field.attname: getattr(instance, field.attname) for field in Project._meta.concrete_fields
    }
