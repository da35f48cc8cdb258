from django.contrib.sitemaps import Sitemap

from cities.models import DigitalProfile


class MunicipalityProfileSitemap(Sitemap):
    """Pages of municipalities that have a published digital profile."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            DigitalProfile.objects.published()
            .select_related("municipality")
            .only("updated_at", "municipality__ags")
            .order_by("municipality__ags")
        )

    def location(self, profile):
        return profile.municipality.get_absolute_url()

    def lastmod(self, profile):
        return profile.updated_at


SITEMAPS = {"municipalities": MunicipalityProfileSitemap}
