import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from portal.page_cache import content_generation

COUNT_KEY_PREFIX = "portal:api-count"


class GenerationCountPaginator(Paginator):
    """Counts a list once per content generation (``portal.page_cache``).

    Counting every published project for each page of the API list was a third of its
    database time at national scale. The count is kept under the list's SQL (filters and
    visibility included, so two callers who see different objects never share a count) and
    the content generation, which every save or delete of content moves on: a changed
    list is counted afresh at once. ``CACHE_PAGE_SECONDS`` = 0 switches it off.

    The key is the SQL of the list's keys only: columns, annotations and the order of the
    rows do not change the count. A filter on a value that depends on the time (a call's
    status) puts the time into that SQL, so such a list is counted for every request."""

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "query") or not settings.CACHE_PAGE_SECONDS:
            return super().count
        sql, params = self.object_list.order_by().values("pk").query.sql_with_params()
        digest = hashlib.sha256(f"{sql}\0{params!r}".encode()).hexdigest()
        key = f"{COUNT_KEY_PREFIX}:{content_generation()}:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, settings.CACHE_PAGE_SECONDS)
        return count


class PortalPagination(PageNumberPagination):
    """Page-number pagination for every list endpoint; ``page_size`` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = GenerationCountPaginator
