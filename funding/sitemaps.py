from django.contrib.sitemaps import Sitemap

from funding.models import FundingProgramme


class FundingProgrammeSitemap(Sitemap):
    """Published programmes only, without the examples."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            FundingProgramme.objects.published()
            .filter(is_example=False)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, programme):
        return programme.updated_at


SITEMAPS = {"funding": FundingProgrammeSitemap}
