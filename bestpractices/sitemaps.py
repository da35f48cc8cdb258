from django.contrib.sitemaps import Sitemap

from bestpractices.models import Project


class ProjectSitemap(Sitemap):
    """Published projects only."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, project):
        return project.updated_at


SITEMAPS = {"projects": ProjectSitemap}
