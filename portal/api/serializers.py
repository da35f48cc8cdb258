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
