from rest_framework import serializers

from portal.models import FederalState, Theme


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "name_en", "description", "position"]


class FederalStateSerializer(serializers.ModelSerializer):
    class Meta:
        model = FederalState
        fields = ["code", "name", "name_en", "abbreviation"]
