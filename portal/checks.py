"""Deployment checks of the portal (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {"django.core.cache.backends.locmem.LocMemCache"}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """The page cache's content generation, the API list counts and the request limits live
    in the default cache: in production several processes must share it."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "CACHE_URL is a cache of one process (locmem://).",
            hint=(
                "With several gunicorn workers or instances, each keeps its own cached pages "
                "and request limits: a publication shows late in the others (up to "
                "CACHE_PAGE_SECONDS) and every limit counts per process. Set CACHE_URL to a "
                "shared Redis, e.g. redis://cache:6379/0, as docker-compose.yml does."
            ),
            id="portal.W001",
        )
    ]
