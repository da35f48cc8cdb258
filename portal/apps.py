from importlib import import_module

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.registry import project_modules
        from portal.roles import sync_editor_permissions

        # The admin runs as SimpleAdminConfig (see settings): register Django's user and
        # group admin and the project's ModelAdmins here instead of through autodiscovery.
        import_module("django.contrib.auth.admin")
        project_modules("admin", apps=settings.PROJECT_APPS)
        post_migrate.connect(sync_editor_permissions, dispatch_uid="portal.sync_editor_permissions")

        from portal.api.sync import connect_signals

        connect_signals()
