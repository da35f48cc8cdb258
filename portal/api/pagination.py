import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext
from rest_framework.exceptions import ValidationError
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


def whole_number(request, name: str, default: int) -> int:
    """The query parameter ``name`` as a whole number from 1; anything else is a 400 naming
    it."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not re.fullmatch(WHOLE_NUMBER, raw):
        raise ValidationError({name: [gettext("Ganze Zahl ab 1 erwartet.")]})
    return int(raw)


# Up to 10^18 - 1: a page number any database can count to.
WHOLE_NUMBER = r"[1-9][0-9]{0,17}"
LARGEST_WHOLE_NUMBER = 10**18 - 1


class PortalPagination(PageNumberPagination):
    """Page-number pagination for every list endpoint: ``page`` from 1 (a page past the last
    is a 404), ``page_size`` from 1, more than 100 giving 100; anything else is a 400 naming
    the parameter."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = GenerationCountPaginator
    # A page is a number: "last" is not part of the documented parameter.
    last_page_strings = ()

    def get_page_size(self, request):
        size = whole_number(request, self.page_size_query_param, self.page_size)
        return min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        return whole_number(request, self.page_query_param, 1)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(minimum=1, maximum=LARGEST_WHOLE_NUMBER)
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "Page number from 1; a page past the last is a 404."
            elif parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Objects per page (default {self.page_size}); more than "
                    f"{self.max_page_size} give {self.max_page_size}."
                )
                parameter["schema"]["default"] = self.page_size
        return parameters
