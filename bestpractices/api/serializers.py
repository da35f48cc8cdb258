from collections import defaultdict

from django.db import models
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from bestpractices.models import Project
from cities.models import Municipality
from portal.api.serializers import ModelValidationMixin
from portal.models import Theme

# The funding catalogue's programme model, through the relation rather than an import of the
# funding app (the domain apps import only cities and portal).
FundingProgramme = Project._meta.get_field("funding_programmes").related_model


URL_PLACEHOLDER = "slug-placeholder"


class ProjectBriefListSerializer(serializers.ListSerializer):
    """A page of brief projects with their theme slugs read in one query of plain values
    (a prefetch built a model instance for every theme of every project)."""

    def to_representation(self, data):
        projects = list(data.all() if isinstance(data, models.Manager) else data)
        through = Project.themes.through
        slugs = defaultdict(list)
        rows = (
            through.objects.filter(project_id__in=[project.pk for project in projects])
            .order_by(*(f"theme__{field}" for field in Theme._meta.ordering))
            .values_list("project_id", "theme__slug")
        )
        for project_id, slug in rows:
            slugs[project_id].append(slug)
        # One reverse() for the page: the detail address of each project differs only in
        # its slug (reverse() per row was a fifth of the list's time).
        before, after = Project(slug=URL_PLACEHOLDER).get_absolute_url().split(URL_PLACEHOLDER)
        return [
            self.child.to_representation(
                project, slugs[project.pk], url=f"{before}{project.slug}{after}"
            )
            for project in projects
        ]


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
        list_serializer_class = ProjectBriefListSerializer

    def to_representation(self, instance, theme_slugs=None, url=None):
        # Written out: a list of 50 is the API's busiest answer, and DRF's field-by-field
        # machinery took most of its time. The declared fields still describe the schema;
        # tests/bestpractices/test_api.py checks that both give the same answer.
        if theme_slugs is None:
            theme_slugs = [theme.slug for theme in instance.themes.all()]
        return {
            "id": instance.pk,
            "slug": instance.slug,
            "title": instance.title,
            "summary": instance.summary,
            "lead_municipality": instance.lead_municipality.ags,
            "themes": theme_slugs,
            "phase": instance.phase,
            "is_lighthouse": instance.is_lighthouse,
            "licence": instance.licence,
            "url": url or instance.get_absolute_url(),
            "updated_at": self.fields["updated_at"].to_representation(instance.updated_at),
        }


class ProjectSerializer(ModelValidationMixin, serializers.ModelSerializer):
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
    funding_programmes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=FundingProgramme.objects.all(), required=False
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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.contact_consent:
            data["contact_name"] = ""
        return data
