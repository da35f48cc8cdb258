from django.contrib.sitemaps import Sitemap

from cities.models import DigitalProfile


class MunicipalityProfileSitemap(Sitemap):
    """Pages of the bodies (municipalities, Gemeindeverbände, districts) that have a
    published digital profile."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            DigitalProfile.objects.published()
            .select_related("municipality", "association", "district")
            .only(
                "updated_at",
                "municipality__ags",
                "association__key",
                "district__key",
            )
            .order_by("municipality__ags", "association__key", "district__key")
        )

    def location(self, profile):
        return profile.get_absolute_url()

    def lastmod(self, profile):
        return profile.updated_at


SITEMAPS = {"municipalities": MunicipalityProfileSitemap}
