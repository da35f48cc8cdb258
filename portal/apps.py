from importlib import import_module

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin.apps import SimpleAdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(SimpleAdminConfig):
    """Django's admin without autodiscovery (see settings), on the two-factor admin site."""

    default_site = "portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import checks  # noqa: F401 - registers the deployment checks
        from portal.registry import project_modules
        from portal.roles import sync_editor_permissions

        # The admin runs as SimpleAdminConfig (see settings): register Django's user and
        # group admin and the project's ModelAdmins here instead of through autodiscovery.
        import_module("django.contrib.auth.admin")
        # Administrators unlock accounts (login throttle) and remove lost authenticators.
        import_module("axes.admin")
        project_modules("admin", apps=settings.PROJECT_APPS)
        post_migrate.connect(sync_editor_permissions, dispatch_uid="portal.sync_editor_permissions")

        from portal.api.sync import connect_signals

        connect_signals()

        from portal import page_cache, two_factor

        two_factor.connect_signals()

        page_cache.connect_signals()
