from django.contrib.sitemaps import Sitemap

from events.models import Event, ExpertCircle


class EventSitemap(Sitemap):
    """Published events; made-up ones (examples) are not offered to search engines."""

    changefreq = "weekly"

    def items(self):
        return (
            Event.objects.published()
            .filter(is_example=False)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, obj):
        return obj.updated_at


class ExpertCircleSitemap(Sitemap):
    """Published expert circles, without the examples."""

    changefreq = "monthly"

    def items(self):
        return (
            ExpertCircle.objects.published()
            .filter(is_example=False)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {"events": EventSitemap, "expert-circles": ExpertCircleSitemap}
