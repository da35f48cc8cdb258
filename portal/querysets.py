from django.db import models
from django.db.models import Count, Window

from portal.choices import PublicationStatus


class PublishableQuerySet(models.QuerySet):
    """Chainable filters shared by every editorial model."""

    def published(self):
        """Objects the public may see."""
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """The one visibility rule of every channel (pages, API, feeds, search, maps, exports,
        sitemaps): staff who may view this model in the admin see everything, everybody
        else only what is published."""
        if can_view_unpublished(user, self.model):
            return self
        return self.published()


def keys_first(queryset: models.QuerySet, low: int, high: int) -> models.QuerySet:
    """Rows ``low:high`` of an ordered queryset, read in one statement whose subquery finds
    their keys first, so that joins and wide columns are read for those rows only.

    For a list ordered by a computed value (a search rank) the database would otherwise
    join and carry every matching row through the sort to keep a few of them."""
    unsliced = queryset.all()
    unsliced.query.clear_limits()
    return unsliced.filter(pk__in=unsliced.values("pk")[low:high])


def first_with_total(queryset: models.QuerySet, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of an ordered queryset and how many rows it has, in one
    statement: a count over the whole result (a window) rides on every row. A separate
    ``COUNT`` would find every match a second time: for a broad word in the site search
    that was the larger part of the section's time."""
    rows = list(queryset.annotate(rows_in_all=Window(Count("pk")))[:limit])
    return rows, rows[0].rows_in_all if rows else 0


def can_view_unpublished(user, model) -> bool:
    """True for active staff users with the model's view permission (editors, superusers) and
    for partner tokens whose scopes include reading drafts or writing this model."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_staff or getattr(user, "is_api_token", False)):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class ThemeQuerySet(models.QuerySet):
    """Filters for the Handlungsfeld taxonomy."""

    def in_use_order(self):
        return self.order_by("position", "name")
