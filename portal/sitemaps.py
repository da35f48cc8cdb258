from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.registry import project_modules


class StaticPageSitemap(Sitemap):
    """The portal's fixed pages (home and legal pages)."""

    changefreq = "monthly"

    def items(self):
        return ["portal:home", "portal:imprint", "portal:privacy", "portal:accessibility"]

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict:
    """The static pages plus each app's ``SITEMAPS`` (published objects only)."""
    collected = {"pages": StaticPageSitemap}
    for module in project_modules("sitemaps"):
        collected.update(module.SITEMAPS)
    return collected
