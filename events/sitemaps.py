from django.contrib.sitemaps import Sitemap

from events.models import Event, ExpertCircle


class EventSitemap(Sitemap):
    """Published events."""

    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ExpertCircleSitemap(Sitemap):
    """Published expert circles."""

    changefreq = "monthly"

    def items(self):
        return ExpertCircle.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"events": EventSitemap, "expert-circles": ExpertCircleSitemap}
