from bestpractices.api.views import ProjectViewSet


def register(router):
    router.register("projects", ProjectViewSet, basename="project")
