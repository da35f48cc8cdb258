from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.models import BodyRelation, DirectoryEntry
from members.selectors import body_field_of, contact_body_path_kwargs


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


class RelationBodySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="municipality, association or district")
    key = serializers.CharField(
        help_text="AGS (8 digits), Verbandsschlüssel (9) or Kreisschlüssel (5)"
    )
    name = serializers.CharField()


class RelationSolutionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


class BodyRelationSerializer(serializers.ModelSerializer):
    """A relation of the network of municipalities. For the directed kinds (``model``,
    ``adoption``) the source gave (was the model, had the solution) and the target took;
    for ``exchange`` and ``joint`` the sides are alike. ``solution`` is the project taken
    over, where the caller may see it. Who proposed or confirmed it is not shown."""

    source = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    directed = serializers.BooleanField(source="is_directed", read_only=True)
    solution = serializers.SerializerMethodField()

    class Meta:
        model = BodyRelation
        fields = [
            "id",
            "kind",
            "source",
            "target",
            "directed",
            "description",
            "solution",
            "status",
            "confirmed_at",
            "updated_at",
        ]

    @staticmethod
    def _body(body) -> dict:
        return {
            "kind": body_field_of(body),
            "key": contact_body_path_kwargs(body)["key"],
            "name": body.name,
        }

    @extend_schema_field(RelationBodySerializer)
    def get_source(self, relation):
        return self._body(relation.source)

    @extend_schema_field(RelationBodySerializer)
    def get_target(self, relation):
        return self._body(relation.target)

    @extend_schema_field(RelationSolutionSerializer(allow_null=True))
    def get_solution(self, relation):
        solution = getattr(relation, "shown_solution", None)
        if solution is None:
            return None
        request = self.context.get("request")
        path = solution.get_absolute_url()
        return {
            "slug": solution.slug,
            "title": str(solution),
            "url": request.build_absolute_uri(path) if request else path,
        }


class NetworkFigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The kind of relation, or the body's official key.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="Share of all confirmed relations, in per cent.")


class NetworkStatisticsSerializer(serializers.Serializer):
    """The network's figures on /atlas/: confirmed relations per kind and the bodies with
    the most relations."""

    relation_count = serializers.IntegerField()
    body_count = serializers.IntegerField(help_text="Bodies with at least one relation.")
    kinds = NetworkFigureSerializer(many=True)
    top_bodies = NetworkFigureSerializer(many=True)
