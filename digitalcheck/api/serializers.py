from rest_framework import serializers


class QuartilesSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Bodies with a score in this dimension.")
    lower = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="First quartile.")
    median = serializers.DecimalField(max_digits=4, decimal_places=1)
    upper = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="Third quartile.")


class DimensionFiguresSerializer(serializers.Serializer):
    key = serializers.CharField()
    quartiles = QuartilesSerializer(
        allow_null=True, help_text="null where fewer bodies than the threshold have a score."
    )


class GroupFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The size class or the state's code.")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Bodies of the group with a submitted check.")
    shown = serializers.BooleanField(help_text="Whether the group reaches the threshold.")
    dimensions = DimensionFiguresSerializer(many=True, source="dimension_list")


class DimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class CheckStatisticsSerializer(serializers.Serializer):
    """The Digital-Check's figures of /atlas/: per dimension the quartiles of the bodies'
    scores (0–100, each body's latest submitted check), by size class and by state; a group
    of fewer than ``threshold`` bodies shows its count only."""

    threshold = serializers.IntegerField()
    body_count = serializers.IntegerField()
    example_count = serializers.IntegerField(
        help_text="Of body_count, the example checks of the demo content (made up)."
    )
    dimensions = DimensionSerializer(many=True)
    by_size_class = GroupFiguresSerializer(many=True)
    by_state = GroupFiguresSerializer(many=True)
