from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from cities.choices import NO_PROFILE_CATEGORY, AtlasCriterion, Challenge, SizeClass
from cities.models import PROFILE_FIELDS, Association, DigitalProfile, District, Municipality
from portal.api.serializers import ModelValidationMixin, PageURLField, PortalModelSerializer
from portal.models import FederalState

STRATEGY_CATEGORY_CHOICES = [
    *DigitalProfile._meta.get_field("strategy_status").choices,
    (NO_PROFILE_CATEGORY, "no profile"),
]


class ChangedAtField(serializers.DateTimeField):
    """When what the caller sees of a municipality last changed: the register entry or the
    digital profile the caller may see — the moment ``modified_since`` compares."""

    def __init__(self, **kwargs):
        super().__init__(
            source="*",
            read_only=True,
            help_text="Last change of the register entry or of the profile visible to you.",
            **kwargs,
        )

    def to_representation(self, municipality):
        profile = getattr(municipality, "visible_profile", None)
        moments = [
            municipality.updated_at,
            getattr(municipality, "changed_at", None),  # the list's annotation
            profile.updated_at if profile is not None else None,
        ]
        return super().to_representation(max(moment for moment in moments if moment))


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Gelsenkirchen",
            response_only=True,
            value={
                "ags": "05513000",
                "name": "Gelsenkirchen",
                "kind": "kreisfreie_stadt",
                "state": "05",
                "population": 260654,
                "size_class": "grossstadt",
                "latitude": 51.50508,
                "longitude": 7.09654,
                "strategy_status": "in_development",
                "url": "https://portal.example.org/kommunen/05513000/",
                "updated_at": "2026-11-02T09:30:00+01:00",
            },
        )
    ]
)
class MunicipalityListSerializer(PortalModelSerializer):
    """Brief entry of the list: register key data and the visible strategy status."""

    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    size_class = serializers.ChoiceField(choices=SizeClass.choices, read_only=True, allow_null=True)
    strategy_status = serializers.ChoiceField(
        source="visible_strategy_status",
        choices=STRATEGY_CATEGORY_CHOICES,
        read_only=True,
        help_text="Strategy status of the digital profile visible to the caller, or no_profile.",
    )
    url = PageURLField()
    updated_at = ChangedAtField()

    class Meta:
        model = Municipality
        fields = [
            "ags",
            "name",
            "kind",
            "state",
            "population",
            "size_class",
            "latitude",
            "longitude",
            "strategy_status",
            "dissolved_on",
            "url",
            "updated_at",
        ]


class DigitalProfileSerializer(PortalModelSerializer):
    """The digital profile as nested in the detail of its municipality, Gemeindeverband or
    district (read-only)."""

    focus_themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    lighthouse_themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    challenges = serializers.ListField(
        child=serializers.ChoiceField(choices=Challenge.choices), read_only=True
    )
    partners = serializers.ListField(
        source="partner_list", child=serializers.CharField(), read_only=True
    )
    awards_and_networks = serializers.ListField(
        source="award_list", child=serializers.CharField(), read_only=True
    )
    sources = serializers.ListField(
        source="source_list", child=serializers.CharField(), read_only=True
    )
    atlas_criteria_met = serializers.ListField(
        child=serializers.ChoiceField(choices=AtlasCriterion.choices),
        read_only=True,
        help_text="Conditions for inclusion in the Smart-City-Atlas that the profile meets "
        "(derived from its facts).",
    )

    class Meta:
        model = DigitalProfile
        fields = ["status", *PROFILE_FIELDS, "atlas_criteria_met"]
        read_only_fields = fields


class MunicipalitySerializer(ModelValidationMixin, PortalModelSerializer):
    """A municipality with its register data and, read-only, the profile the caller may see.
    Writes run the same validation as the admin (keys, AGS/ARS pair, state and district)."""

    state = serializers.SlugRelatedField(slug_field="code", queryset=FederalState.objects.all())
    district = serializers.SlugRelatedField(
        slug_field="key", queryset=District.objects.all(), allow_null=True, required=False
    )
    association = serializers.SlugRelatedField(
        slug_field="key",
        queryset=Association.objects.all(),
        allow_null=True,
        required=False,
        help_text="Key of the Gemeindeverband (the first 9 digits of the ARS), if any.",
    )
    successor = serializers.SlugRelatedField(
        slug_field="ags",
        read_only=True,
        allow_null=True,
        help_text="AGS of the municipality that took over after a dissolution.",
    )
    size_class = serializers.ChoiceField(choices=SizeClass.choices, read_only=True, allow_null=True)
    url = PageURLField()
    profile = DigitalProfileSerializer(
        source="visible_profile", read_only=True, allow_null=True, default=None
    )
    updated_at = ChangedAtField()

    class Meta:
        model = Municipality
        fields = [
            "ags",
            "ars",
            "name",
            "kind",
            "state",
            "district",
            "association",
            "postal_code",
            "population",
            "population_date",
            "area_km2",
            "latitude",
            "longitude",
            "website",
            "size_class",
            "dissolved_on",
            "successor",
            "url",
            "updated_at",
            "profile",
        ]
        read_only_fields = ["dissolved_on"]


class DistrictSerializer(PortalModelSerializer):
    """A district of the official register (read-only: the register comes from Destatis)."""

    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successor = serializers.SlugRelatedField(
        slug_field="key",
        read_only=True,
        allow_null=True,
        help_text="Key of the district that took over.",
    )
    url = PageURLField()

    class Meta:
        model = District
        fields = [
            "key",
            "name",
            "kind",
            "state",
            "seat",
            "population",
            "population_date",
            "area_km2",
            "dissolved_on",
            "successor",
            "url",
            "updated_at",
        ]
        read_only_fields = fields


class AssociationSerializer(PortalModelSerializer):
    """A Gemeindeverband (Amt, Verbandsgemeinde, Samtgemeinde, Verwaltungsgemeinschaft …)
    with the AGS of its member municipalities (read-only)."""

    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="key", read_only=True)
    successor = serializers.SlugRelatedField(
        slug_field="key",
        read_only=True,
        allow_null=True,
        help_text="Key of the body that took over.",
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="ags",
        many=True,
        read_only=True,
        help_text="AGS of the current member municipalities.",
    )
    url = PageURLField()

    class Meta:
        model = Association
        fields = [
            "key",
            "name",
            "kind",
            "state",
            "district",
            "seat",
            "municipalities",
            "dissolved_on",
            "successor",
            "url",
            "updated_at",
        ]
        read_only_fields = fields


class DistrictDetailSerializer(DistrictSerializer):
    """A district with, read-only, the digital profile the caller may see."""

    profile = DigitalProfileSerializer(
        source="visible_profile", read_only=True, allow_null=True, default=None
    )

    class Meta(DistrictSerializer.Meta):
        fields = [*DistrictSerializer.Meta.fields, "profile"]
        read_only_fields = fields


class AssociationDetailSerializer(AssociationSerializer):
    """A Gemeindeverband with, read-only, the digital profile the caller may see."""

    profile = DigitalProfileSerializer(
        source="visible_profile", read_only=True, allow_null=True, default=None
    )

    class Meta(AssociationSerializer.Meta):
        fields = [*AssociationSerializer.Meta.fields, "profile"]
        read_only_fields = fields


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="Share of all published profiles, in per cent.")


class AtlasStatisticsSerializer(serializers.Serializer):
    """The figures of /atlas/, computed from the published digital profiles."""

    profile_count = serializers.IntegerField()
    counted_bodies = serializers.ChoiceField(
        choices=["municipalities"],
        help_text="What kind of body the figures count: municipalities of the current "
        "register (dissolved ones left out), not districts or Gemeindeverbände.",
    )
    strategy_status = FigureSerializer(many=True)
    focus_themes = FigureSerializer(many=True)
    lighthouse_themes = FigureSerializer(many=True)
    states = FigureSerializer(many=True)
    size_classes = FigureSerializer(many=True)
