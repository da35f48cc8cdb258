from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.models import DirectoryEntry
from members.selectors import body_field_of


class DirectoryBodySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="municipality, association, district or organisation")
    key = serializers.CharField(help_text="AGS, Verbandsschlüssel, Kreisschlüssel or slug")
    name = serializers.CharField()
    is_company = serializers.BooleanField()


class DirectoryProjectSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()


class DirectoryEntrySerializer(serializers.ModelSerializer):
    """An entry of "Wer macht was" with only what the member chose to show; fields they
    did not choose are null or empty. Never an e-mail address: ``contact_url`` is the
    portal's relay."""

    name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()
    bodies = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    projects = serializers.SerializerMethodField()
    contact_url = serializers.SerializerMethodField()

    class Meta:
        model = DirectoryEntry
        fields = ["id", "name", "role", "role_title", "bodies", "themes", "projects", "contact_url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name(self, entry):
        return entry.display_name if entry.show_name else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_role(self, entry):
        return entry.role or None

    @extend_schema_field(DirectoryBodySerializer(many=True))
    def get_bodies(self, entry):
        rows = []
        for body in entry.shown_bodies:
            kind = body_field_of(body)
            key = getattr(body, {"municipality": "ags", "organisation": "slug"}.get(kind, "key"))
            rows.append(
                {
                    "kind": kind,
                    "key": key,
                    "name": body.name,
                    "is_company": bool(getattr(body, "is_company", False)),
                }
            )
        return rows

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_themes(self, entry):
        return [theme.slug for theme in entry.shown_themes]

    @extend_schema_field(DirectoryProjectSerializer(many=True))
    def get_projects(self, entry):
        request = self.context.get("request")
        return [
            {
                "title": str(project),
                "url": request.build_absolute_uri(project.get_absolute_url())
                if request
                else project.get_absolute_url(),
            }
            for project in entry.shown_projects
        ]

    def get_contact_url(self, entry) -> str:
        path = reverse("members:contact_member", args=[entry.user_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
