from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from funding.choices import CallStatus, ProgrammeStatus
from funding.models import (
    PROGRAMME_FIELDS,
    Applicant,
    FundingCall,
    FundingProgramme,
    validate_programme_states,
)
from portal.api.serializers import (
    BriefSerializer,
    ModelValidationMixin,
    PageURLField,
    PortalModelSerializer,
    VisibleSlugRelatedField,
    raise_conflict,
)
from portal.choices import PublicationStatus
from portal.models import FederalState, Theme


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Modellprojekte Smart Cities",
            response_only=True,
            value={
                "slug": "modellprojekte-smart-cities",
                "title": "Modellprojekte Smart Cities",
                "short_name": "MPSC",
                "funding_body": "Bund",
                "level": "federal",
                "kind": "grant",
                "status": "open",
                "next_deadline": "2026-12-15T12:00:00+01:00",
                "is_example": False,
                "last_verified_on": "2026-11-02",
                "updated_at": "2026-11-02T09:30:00+01:00",
                "url": "https://portal.example.org/foerderprogramme/modellprojekte-smart-cities/",
            },
        )
    ]
)
class ProgrammeStatusFields(serializers.Serializer):
    """A programme's status and next deadline, from the ``with_status()`` annotation, and
    its page address."""

    status = serializers.ChoiceField(
        source="funding_status", choices=ProgrammeStatus.choices, read_only=True
    )
    next_deadline = serializers.DateTimeField(read_only=True, allow_null=True)
    url = PageURLField()


class FundingProgrammeListSerializer(ProgrammeStatusFields, BriefSerializer):
    """Brief: enough for a list; status and next deadline come from the annotation."""

    class Meta(BriefSerializer.Meta):
        model = FundingProgramme
        fields = [
            "slug",
            "title",
            "short_name",
            "funding_body",
            "level",
            "kind",
            "status",
            "next_deadline",
            "is_example",
            "last_verified_on",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def brief(self, instance, *, themes, url):
        return {
            "slug": instance.slug,
            "title": instance.title,
            "short_name": instance.short_name,
            "funding_body": instance.funding_body,
            "level": instance.level,
            "kind": instance.kind,
            "status": instance.funding_status,
            "next_deadline": self.represent("next_deadline", instance.next_deadline),
            "is_example": instance.is_example,
            "last_verified_on": self.represent("last_verified_on", instance.last_verified_on),
            "updated_at": self.represent("updated_at", instance.updated_at),
            "url": url,
        }


class FundingProgrammeSerializer(
    ModelValidationMixin, ProgrammeStatusFields, PortalModelSerializer
):
    """Full programme; writes are validated like the admin form."""

    publication_status = serializers.ChoiceField(
        source="status", choices=PublicationStatus.choices, required=False
    )
    states = serializers.SlugRelatedField(
        slug_field="code", queryset=FederalState.objects.all(), many=True, required=False
    )
    eligible_applicants = serializers.SlugRelatedField(
        slug_field="slug", queryset=Applicant.objects.all(), many=True, required=False
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )

    class Meta:
        model = FundingProgramme
        fields = [
            *FundingProgrammeListSerializer.Meta.fields,
            "publication_status",
            # The editable fields as admin, form and import have them (funding.models).
            *(
                name
                for name in PROGRAMME_FIELDS
                if name not in FundingProgrammeListSerializer.Meta.fields
            ),
            "published_at",
            "created_at",
        ]
        read_only_fields = [
            "status",
            "next_deadline",
            "url",
            "published_at",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance):
        if not hasattr(instance, "funding_status"):
            # After a write: read the derived fields back from the annotation.
            instance = FundingProgramme.objects.with_status().get(pk=instance.pk)
        return super().to_representation(instance)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # A state programme names its states: a rule across the programme and its relation.
        if "states" in attrs:
            states = attrs["states"]
        elif self.instance is not None:
            states = list(self.instance.states.all())
        else:
            states = []
        try:
            validate_programme_states(self.validated_candidate.level, states)
        except DjangoValidationError as error:
            raise_conflict(error)
        return attrs


class FundingCallListSerializer(PortalModelSerializer):
    """Brief call; status from the annotation."""

    programme = VisibleSlugRelatedField(slug_field="slug", queryset=FundingProgramme.objects.all())
    status = serializers.ChoiceField(
        source="call_status", choices=CallStatus.choices, read_only=True
    )

    class Meta:
        model = FundingCall
        fields = [
            "id",
            "programme",
            "title",
            "opens_at",
            "deadline",
            "rolling",
            "status",
            "budget",
            "link",
            "is_example",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "updated_at"]

    def to_representation(self, instance):
        if not hasattr(instance, "call_status"):
            # After a write: read the derived status back from the annotation.
            instance = (
                FundingCall.objects.with_status().select_related("programme").get(pk=instance.pk)
            )
        return super().to_representation(instance)


class FundingCallSerializer(ModelValidationMixin, FundingCallListSerializer):
    """A call; writes checked by the model's rules (deadline after opening, rolling without
    deadline)."""

    class Meta(FundingCallListSerializer.Meta):
        fields = [*FundingCallListSerializer.Meta.fields, "created_at"]
        read_only_fields = [*FundingCallListSerializer.Meta.read_only_fields, "created_at"]
