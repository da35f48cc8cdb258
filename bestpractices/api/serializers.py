from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from bestpractices.models import Project
from bestpractices.validators import validate_links
from cities.models import Association, District, Municipality
from funding.models import FundingProgramme
from portal.api.fields import HTTP_URL, PatternField
from portal.api.serializers import (
    BriefSerializer,
    ModelValidationMixin,
    PageURLField,
    PortalModelSerializer,
    VisibleSlugRelatedField,
)
from portal.models import Theme


def key_of(body, field: str) -> str | None:
    """A body's key (AGS or register key), None without one."""
    return getattr(body, field) if body is not None else None


# One address per line, each as the API takes addresses ("" is no links).
LINK_LINES_PATTERN = rf"^{HTTP_URL}(?:\r?\n{HTTP_URL})*$"


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Ulmer Spatz",
            response_only=True,
            value={
                "id": 5,
                "slug": "chatbot-ulmer-spatz",
                "title": "Chatbot „Ulmer Spatz“",
                "summary": "Ein Chatbot beantwortet Fragen der Bürgerinnen und Bürger.",
                "lead_municipality": "08421000",
                "lead_association": None,
                "lead_district": None,
                "themes": ["verwaltung"],
                "phase": "running",
                "is_lighthouse": False,
                "licence": "none",
                "url": "https://portal.example.org/praxisbeispiele/chatbot-ulmer-spatz/",
                "updated_at": "2026-11-02T09:30:00+01:00",
            },
        )
    ]
)
class ProjectListSerializer(BriefSerializer):
    """Brief: what a list or a map needs."""

    # One of the three is the lead; the others are null.
    lead_municipality = serializers.SlugRelatedField(
        slug_field="ags", read_only=True, allow_null=True
    )
    lead_association = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    lead_district = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta(BriefSerializer.Meta):
        model = Project
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "lead_municipality",
            "lead_association",
            "lead_district",
            "themes",
            "phase",
            "is_lighthouse",
            "licence",
            "url",
            "updated_at",
        ]

    def brief(self, instance, *, themes, url):
        return {
            "id": instance.pk,
            "slug": instance.slug,
            "title": instance.title,
            "summary": instance.summary,
            "lead_municipality": key_of(instance.lead_municipality, "ags"),
            "lead_association": key_of(instance.lead_association, "key"),
            "lead_district": key_of(instance.lead_district, "key"),
            "themes": themes,
            "phase": instance.phase,
            "is_lighthouse": instance.is_lighthouse,
            "licence": self.represent("licence", instance.licence),
            "url": url,
            "updated_at": self.represent("updated_at", instance.updated_at),
        }


class ProjectSerializer(ModelValidationMixin, PortalModelSerializer):
    """Every public field; writes run the model's validation (dates, costs, links, consent).

    Municipalities are given by AGS, Gemeindeverbände and districts by key, themes by slug.
    The lead is exactly one of ``lead_municipality``, ``lead_association`` and
    ``lead_district`` (the others null): the model's rule, so two or none are a 409."""

    lead_municipality = serializers.SlugRelatedField(
        slug_field="ags", queryset=Municipality.objects.all(), required=False, allow_null=True
    )
    lead_association = serializers.SlugRelatedField(
        slug_field="key", queryset=Association.objects.all(), required=False, allow_null=True
    )
    lead_district = serializers.SlugRelatedField(
        slug_field="key", queryset=District.objects.all(), required=False, allow_null=True
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
    funding_programmes = VisibleSlugRelatedField(
        slug_field="slug", many=True, queryset=FundingProgramme.objects.all(), required=False
    )
    links = PatternField(
        pattern=LINK_LINES_PATTERN,
        required=False,
        allow_blank=True,
        validators=[validate_links],
        help_text=Project._meta.get_field("links").help_text,
    )
    url = PageURLField()

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "description",
            "lead_municipality",
            "lead_association",
            "lead_district",
            "participating_municipalities",
            "themes",
            "phase",
            "start_date",
            "end_date",
            "is_lighthouse",
            "investment_costs",
            "running_costs_per_year",
            "funding_note",
            "funding_programmes",
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
        attrs = super().validate(attrs)
        # clean() takes the lead's state from the lead.
        attrs["lead_state"] = self.validated_candidate.lead_state
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.contact_consent:
            data["contact_name"] = ""
        return data
