from funding.api.views import FundingCallViewSet, FundingProgrammeViewSet


def register(router):
    router.register("funding-programmes", FundingProgrammeViewSet, basename="funding-programme")
    router.register("funding-calls", FundingCallViewSet, basename="funding-call")
