from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from digitalcheck.api.serializers import CheckStatisticsSerializer
from digitalcheck.figures import check_statistics
from portal.api.viewsets import NoEmptyParametersMixin


class CheckStatisticsView(NoEmptyParametersMixin, APIView):
    """The Digital-Check's figures of /atlas/: the distribution of the scores per dimension
    by size class and by state, only for groups of at least five bodies. Computed live."""

    permission_classes = [AllowAny]

    @extend_schema(responses=CheckStatisticsSerializer)
    def get(self, request):
        return Response(CheckStatisticsSerializer(check_statistics()).data)
