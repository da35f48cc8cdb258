from members.api.views import DirectoryEntryViewSet


def register(router):
    router.register("directory", DirectoryEntryViewSet, basename="directory-entry")
