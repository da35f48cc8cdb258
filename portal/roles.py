"""The editors' group "Redaktion" and its permissions."""

from django.conf import settings

EDITOR_GROUP = "Redaktion"

# Fixed by law or by the register import: editors may view these but not add or delete.
READ_MOSTLY = {("portal", "federalstate")}


def sync_editor_permissions(using="default", **kwargs):
    """Give the editors' group every model permission of the project apps.

    Runs after each ``migrate`` (post_migrate), so models added later are covered without a
    migration per app. The group itself is created by portal's migration 0002.
    """
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=settings.PROJECT_APPS)
        .select_related("content_type")
        if not (
            (permission.content_type.app_label, permission.content_type.model) in READ_MOSTLY
            and not permission.codename.startswith(("view_", "change_"))
        )
    ]
    group.permissions.add(*permissions)
