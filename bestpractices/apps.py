from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestPracticesConfig(AppConfig):
    name = "bestpractices"
    verbose_name = _("Praxisbeispiele")
