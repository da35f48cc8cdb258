from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import ListView, TemplateView

from portal.context_processors import portal_areas
from portal.facets import FacetedFilterSet
from portal.models import Theme
from portal.querysets import keys_first
from portal.registry import project_modules
from portal.search import normalise_query, search_sections

SEARCH_HITS_PER_SECTION = 10


class KnownCountPaginator(Paginator):
    """A paginator told its total when the view has counted the list already (``count``
    None: it counts as usual)."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count


class KeysFirstPaginator(KnownCountPaginator):
    """Reads each page with ``portal.querysets.keys_first``: the keys of the page's rows
    first, then joins and wide columns for those rows only."""

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, QuerySet) and object_list.query.is_sliced:
            query = object_list.query
            object_list = keys_first(object_list, query.low_mark, query.high_mark)
        return super()._get_page(object_list, number, paginator)


PRIVATE = {"Cache-Control": "private, no-store"}


def private(response):
    """Pages about one member are never stored by a cache."""
    for header, value in PRIVATE.items():
        response[header] = value
    return response


class FilteredListView(ListView):
    """A public list page: the model's FilterSet (the same one the API, feeds and exports
    use) applied to the query string, over what the visitor may see, paginated.

    Invalid filter values are shown as form errors and ignored; the valid ones still apply.
    """

    filterset_class = None
    paginate_by = 20

    def get_base_queryset(self):
        """What the visitor may see, with what the template needs loaded up front."""
        return self.model.objects.visible_to(self.request.user)

    def get_filterset(self):
        return self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_facet_counts(self) -> dict[str, dict] | None:
        """The counts of the list's facets (one query), shown in the options of the
        filters that choose one value; None for a list without facets."""
        if not isinstance(self.filterset, FacetedFilterSet):
            return None
        counts = self.filterset.facet_counts()
        self.filterset.label_choices_with_counts(counts)
        return counts

    def api_url(self, name: str) -> str:
        """The address of the API route ``name`` with the page's filters: less the page,
        the values the form refused (the list ignores those) and the empty ones (a form
        sends every field; the API refuses a parameter without a value)."""
        query = self.request.GET.copy()
        for key in ["page", *getattr(self.filterset.form, "errors", {})]:
            query.pop(key, None)
        for key in list(query):
            values = [value for value in query.getlist(key) if value.strip()]
            if values:
                query.setlist(key, values)
            else:
                query.pop(key)
        url = reverse(name)
        return f"{url}?{query.urlencode()}" if query else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facet_counts"] = self.get_facet_counts()
        context["filterset"] = self.filterset
        context["filter_form"] = self.filterset.form
        # What other apps offer for the list with its filters ("Diese Suche speichern"):
        # ``<app>/listlinks.py``. The page is public and cached: the links name no visitor.
        context["list_links"] = [
            link
            for module in project_modules("listlinks")
            for link in module.list_links(self.model, self.request.GET)
        ]
        context["is_filtered"] = any(
            value not in (None, "", [])
            for name, value in getattr(self.filterset.form, "cleaned_data", {}).items()
        )
        return context


class PrivacyView(TemplateView):
    """The privacy notice, with the retention periods the settings fix."""

    template_name = "portal/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendee_retention_days"] = settings.EVENT_ATTENDEE_RETENTION_DAYS
        return context


class HomeView(TemplateView):
    """The start page: what the centre offers, the four areas and the search box."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["areas"] = portal_areas()
        context["themes"] = Theme.objects.only("name", "name_en", "slug")
        return context


class SearchView(TemplateView):
    """Site-wide search over every section the apps contribute, grouped by type."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = normalise_query(self.request.GET.get("q"))
        groups = []
        if query:
            for section in search_sections():
                result = section.search(
                    query, user=self.request.user, limit=SEARCH_HITS_PER_SECTION
                )
                groups.append(
                    {
                        "section": section,
                        "result": result,
                        "more_url": section.more_url(query) if section.more_url else None,
                    }
                )
        context.update(
            query=query,
            groups=groups,
            total=sum(group["result"].total for group in groups),
        )
        return context


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read the public pages, not the admin or the API."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /suche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def healthz(request):
    """Liveness check for load balancers and the container's health check, and the baseline
    of the benchmark: a constant answer without database, session or cookies."""
    response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response


API_PREFIX = "/api/"


def page_not_found(request, exception):
    # API clients get the API's error format also for paths no route matches.
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": gettext("Nicht gefunden.")}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    # A request Django refuses before any view (too many parameters, a bad Host header).
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": gettext("Ungültige Anfrage.")}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": gettext("Interner Fehler.")}, status=500)
    # Rendered without context processors: they might be what failed.
    return render(request, "500.html", {"PORTAL_NAME": settings.PORTAL_NAME}, status=500)


@require_GET
def switch_language(request, language):
    """Store the visitor's language choice in the language cookie and go back.

    A plain link (GET) rather than Django's POST-only ``set_language``: choosing a language
    changes nothing but the cookie, and pages stay free of CSRF tokens and thus cacheable.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("portal:home")
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
