from events.api.views import EventViewSet, ExpertCircleViewSet


def register(router):
    router.register("events", EventViewSet, basename="event")
    router.register("expert-circles", ExpertCircleViewSet, basename="expert-circle")
