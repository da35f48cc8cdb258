from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from cities.models import Association, District, Municipality
from events.models import Event, ExpertCircle
from portal.api.serializers import (
    BriefSerializer,
    ModelValidationMixin,
    PageURLField,
    PortalModelSerializer,
    VisibleSlugRelatedField,
)
from portal.models import Theme


class EventSerializer(ModelValidationMixin, PortalModelSerializer):
    """An event with all its data; writes run the model's validation."""

    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )
    venue_municipality = serializers.SlugRelatedField(
        slug_field="ags",
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="AGS of the municipality of the venue.",
    )
    host_municipality = serializers.SlugRelatedField(
        slug_field="ags",
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="AGS of the hosting municipality (at most one host).",
    )
    host_association = serializers.SlugRelatedField(
        slug_field="key",
        queryset=Association.objects.all(),
        required=False,
        allow_null=True,
        help_text="9-digit key of the hosting Gemeindeverband (at most one host).",
    )
    host_district = serializers.SlugRelatedField(
        slug_field="key",
        queryset=District.objects.all(),
        required=False,
        allow_null=True,
        help_text="5-digit key of the hosting district (at most one host).",
    )
    expert_circle = VisibleSlugRelatedField(
        slug_field="slug",
        queryset=ExpertCircle.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the expert circle; null while the circle is not visible to you.",
    )
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = PageURLField()
    ical_uid = serializers.CharField(source="uid", read_only=True)
    attendance_modes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "all_day",
            "start",
            "end",
            "start_date",
            "end_date",
            "venue_name",
            "venue_address",
            "venue_municipality",
            "latitude",
            "longitude",
            "online_link",
            "attendance_modes",
            "organiser",
            "host_municipality",
            "host_association",
            "host_district",
            "themes",
            "description",
            "registration_url",
            "registration_deadline",
            "registration_enabled",
            "capacity",
            "fee_amount",
            "fee_note",
            "language",
            "expert_circle",
            "cancelled",
            "is_example",
            "series",
            "status",
            "url",
            "ical_uid",
            "created_at",
            "updated_at",
            "published_at",
            "last_verified_on",
        ]
        read_only_fields = ["created_at", "updated_at", "published_at"]
        extra_kwargs = {
            "online_link": {
                "help_text": "Link of the online meeting; empty in every answer while "
                "registration runs through the portal (registered attendees receive it)."
            },
            "registration_enabled": {
                "help_text": "The centre takes registrations on the event's page "
                "(then registration_url is empty and capacity is set)."
            },
            "start": {"help_text": "Start (ISO 8601 with offset); derived for all-day events."},
            "end": {"help_text": "End (exclusive); derived for all-day events."},
            "end_date": {"help_text": "Last day of an all-day event (inclusive)."},
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Written through the API, but never read back while registration runs through the
        # portal: the link is for registered attendees only.
        if not instance.public_online_link:
            data["online_link"] = None
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # clean() derives start/end of all-day events and default coordinates.
        for name in ("start", "end", "start_date", "end_date", "latitude", "longitude"):
            attrs[name] = getattr(self.validated_candidate, name)
        return attrs


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Smart Country Convention",
            response_only=True,
            value={
                "slug": "smart-country-convention-2024",
                "title": "Smart Country Convention",
                "kind": "trade_fair",
                "all_day": True,
                "start": "2024-10-15T00:00:00+02:00",
                "end": "2024-10-18T00:00:00+02:00",
                "start_date": "2024-10-15",
                "end_date": "2024-10-17",
                "venue_name": "Berlin",
                "venue_municipality": "11000000",
                "online_link": None,
                "registration_enabled": False,
                "themes": ["verwaltung"],
                "cancelled": False,
                "is_example": False,
                "status": "published",
                "url": "https://portal.example.org/termine/smart-country-convention-2024/",
                "updated_at": "2026-11-02T09:30:00+01:00",
            },
        )
    ]
)
class EventListSerializer(BriefSerializer):
    """The brief form for lists."""

    venue_municipality = serializers.SlugRelatedField(
        slug_field="ags", read_only=True, allow_null=True
    )
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta(BriefSerializer.Meta):
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "all_day",
            "start",
            "end",
            "start_date",
            "end_date",
            "venue_name",
            "venue_municipality",
            "online_link",
            "registration_enabled",
            "themes",
            "cancelled",
            "is_example",
            "status",
            "url",
            "updated_at",
        ]
        read_only_fields = fields

    def brief(self, instance, *, themes, url):
        municipality = instance.venue_municipality
        return {
            "slug": instance.slug,
            "title": instance.title,
            "kind": instance.kind,
            "all_day": instance.all_day,
            "start": self.represent("start", instance.start),
            "end": self.represent("end", instance.end),
            "start_date": self.represent("start_date", instance.start_date),
            "end_date": self.represent("end_date", instance.end_date),
            "venue_name": instance.venue_name,
            "venue_municipality": municipality.ags if municipality is not None else None,
            "online_link": self.represent("online_link", instance.public_online_link),
            "registration_enabled": instance.registration_enabled,
            "themes": themes,
            "cancelled": instance.cancelled,
            "is_example": instance.is_example,
            "status": instance.status,
            "url": url,
            "updated_at": self.represent("updated_at", instance.updated_at),
        }


class ExpertCircleSerializer(PortalModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    member_municipalities = serializers.SlugRelatedField(
        slug_field="ags", many=True, read_only=True
    )
    member_associations = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    member_districts = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    member_organisations = serializers.ListField(
        source="member_organisation_list", child=serializers.CharField(), read_only=True
    )
    url = PageURLField()

    class Meta:
        model = ExpertCircle
        fields = [
            "slug",
            "name",
            "themes",
            "description",
            "moderation_organisation",
            "moderation_role",
            "join_policy",
            "contact_role",
            "contact_email",
            "member_organisations",
            "member_municipalities",
            "member_associations",
            "member_districts",
            "is_example",
            "status",
            "url",
            "updated_at",
        ]
        read_only_fields = fields
