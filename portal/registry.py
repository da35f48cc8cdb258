"""Discovery of the optional modules that each project app contributes.

The portal composes admin, API routes, sitemaps, site-wide search and demo content from
the domain apps without importing them by name: an app takes part by having the module.
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


def project_modules(name: str, apps: list[str] | None = None) -> list[ModuleType]:
    """Import ``<app>.<name>`` for every domain app (or each of ``apps``) that has it."""
    modules = []
    for app in settings.DOMAIN_APPS if apps is None else apps:
        dotted = f"{app}.{name}"
        try:
            spec = find_spec(dotted)
        except ModuleNotFoundError:
            # A parent package of the dotted name is missing (e.g. no <app>/api/).
            spec = None
        if spec is not None:
            modules.append(import_module(dotted))
    return modules
