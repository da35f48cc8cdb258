"""``GET <list>/facets/``: the counts of a list's facets, as on its page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.filters import PortalFilterBackend


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The value to send as the facet's query parameter.")
    label = serializers.CharField()
    count = serializers.IntegerField(
        min_value=0, help_text="How many objects the list would have with this value chosen."
    )


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The facet's query parameter.")
    label = serializers.CharField()
    multiple = serializers.BooleanField(
        help_text="Whether several values may be chosen (repeat the parameter; they are OR-ed)."
    )
    options = FacetOptionSerializer(many=True)


class FacetCountsSerializer(serializers.Serializer):
    facets = FacetSerializer(many=True)


class FacetCountsActionMixin:
    """Adds ``GET <list>/facets/`` to a viewset whose FilterSet has facets: the same filters
    as the list, and for each facet every value with the number of objects the list would
    have with it chosen (under all the other filters). One statement for the counts."""

    @extend_schema(filters=True, responses=FacetCountsSerializer)
    @action(detail=False, url_path="facets", url_name="facets", pagination_class=None)
    def facets(self, request, *args, **kwargs):
        # The list's own reading of the parameters, and its 400 or 404 naming them.
        filterset = PortalFilterBackend().get_valid_filterset(request, self.get_queryset(), self)
        counts = filterset.facet_counts()
        facets = [
            {
                "name": facet.name,
                "label": str(facet.label),
                "multiple": facet.multiple,
                "options": [
                    {
                        "value": "true" if value is True else str(value),
                        "label": str(label),
                        "count": counts[facet.name][value],
                    }
                    for value, label in filterset.facet_options(facet)
                ],
            }
            for facet in filterset.facets
        ]
        return Response(FacetCountsSerializer({"facets": facets}).data)
