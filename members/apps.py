from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Mitglieder")

    def ready(self):
        from members import signals  # noqa: F401 - connects the e-mail confirmation
