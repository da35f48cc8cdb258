from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalCheckConfig(AppConfig):
    name = "digitalcheck"
    verbose_name = _("Digital-Check")
