"""What ``make bench`` measures, and the budget each measurement must meet (issue
"Performance at national scale").

Each endpoint is fetched once (status, size, page weight), counted once through Django's
test client (SQL queries, database time) and then loaded with wrk at its concurrency. An
endpoint that answers 404 — an app or page that does not exist yet — is reported as "not
available" instead of failing the run. Filter names in the query strings follow the apps'
FilterSets; adjust them here when an app names its filters differently.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Budget:
    """A limit on one measured value: ``measured <= limit`` ("max") or ``>= limit`` ("min").

    ``baseline`` makes the value a ratio: the endpoint's value divided by the same value of
    the named baseline endpoint (e.g. throughput relative to /healthz)."""

    label: str
    metric: str
    limit: float
    kind: str = "max"
    baseline: str | None = None


@dataclass(frozen=True)
class Endpoint:
    """One URL under load.

    - ``concurrency``: open connections of wrk.
    - ``page``: an HTML page; its weight (with the same-origin CSS, JS and images it
      references) is measured.
    - ``conditional``: send the ``If-None-Match`` of a first answer, measure the 304.
    - ``vary_query``: add a changing dummy parameter to every request, so that no cache
      answers (the uncached throughput of the API).
    - ``detail_of``: a model label; the path is the ``get_absolute_url()`` of one published
      object, found when the benchmark starts (``path`` is then ignored).
    - ``page_size_param``: a list whose query count must not grow with its page size.
    """

    name: str
    path: str = ""
    concurrency: int = 10
    budgets: tuple[Budget, ...] = ()
    page: bool = False
    conditional: bool = False
    vary_query: bool = False
    detail_of: str | None = None
    page_size_param: str | None = None
    headers: dict = field(default_factory=dict)


BASELINE = "healthz"

# --- Budgets of the issue ------------------------------------------------------------------

QUERIES = Budget("≤ 10 SQL queries", "queries", 10)
QUERIES_FIXED = Budget(
    "query count independent of page size", "queries_growth", 0
)  # queries at the largest page size minus queries at page size 1
CACHED_PAGE = Budget("cached anonymous page ≥ 1,000 req/s", "rps", 1000, kind="min")
PAGE_WEIGHT = Budget("page weight ≤ 300 KB (gzip)", "page_weight_bytes", 300 * 1024)
PAGE_JS = Budget("JavaScript ≤ 100 KB (gzip)", "page_js_bytes", 100 * 1024)
SEARCH_P95 = Budget("full-text search p95 ≤ 250 ms", "p95_ms", 250)
SEARCH_DB = Budget("full-text search DB time ≤ 30 ms", "db_ms", 30)
API_P95 = Budget("API list of 50: p95 ≤ 150 ms at 20 clients", "p95_ms", 150)
API_THROUGHPUT = Budget(
    "API list uncached ≥ 40 % of baseline req/s", "rps", 0.40, kind="min", baseline=BASELINE
)
NOT_MODIFIED = Budget("unchanged iCal feed: 304 within 20 ms (p95)", "p95_ms", 20)
GEOJSON_TIME = Budget("GeoJSON of all municipalities ≤ 300 ms (p95)", "p95_ms", 300)
GEOJSON_SIZE = Budget("GeoJSON ≤ 1 MB (gzip)", "gzip_bytes", 1024 * 1024)

PAGE = (QUERIES, PAGE_WEIGHT, PAGE_JS)

ENDPOINTS = (
    Endpoint(BASELINE, "/healthz", concurrency=20),
    Endpoint("home", "/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    # Full-text search: the database-time budget is for a typical query. "Chatbot" names one
    # kind of project (about 2 % of the synthetic projects, as a specific word does in real
    # descriptions); "Digitalisierung" is the domain's broadest word (about 30 %): its rows
    # keep the latency and page budgets and show their database time without a budget.
    Endpoint("search", "/suche/?q=Chatbot", page=True, budgets=(SEARCH_P95, SEARCH_DB, *PAGE)),
    Endpoint("search-broad", "/suche/?q=Digitalisierung", page=True, budgets=(SEARCH_P95, *PAGE)),
    # The smallest API list (ten themes, no filters), loaded like the projects list: what a
    # list through Django REST framework costs before any work of its own.
    Endpoint("api-themes", "/api/v1/themes/", concurrency=20, vary_query=True, budgets=(QUERIES,)),
    # The API reference is a page of the portal (HTML rendered from the OpenAPI schema).
    Endpoint("api-docs", "/api/v1/docs/", concurrency=2, page=True, budgets=PAGE),
    # The opt-in interactive console (Swagger UI from drf-spectacular-sidecar) is measured
    # against the same page budgets; its JavaScript alone is about 500 KB.
    Endpoint("api-docs-console", "/api/v1/docs/console/", concurrency=2, page=True, budgets=PAGE),
    Endpoint("municipality-list", "/kommunen/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    Endpoint(
        "municipality-facets",
        "/kommunen/?state=09&size_class=kleinstadt&has_profile=true&theme=mobilitaet",
        page=True,
        budgets=PAGE,
    ),
    Endpoint(
        "municipality-detail",
        detail_of="cities.Municipality",
        page=True,
        budgets=(CACHED_PAGE, *PAGE),
    ),
    Endpoint("project-list", "/praxisbeispiele/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    Endpoint(
        "project-facets",
        "/praxisbeispiele/?theme=mobilitaet&state=09&size_class=kleinstadt",
        page=True,
        budgets=PAGE,
    ),
    Endpoint(
        "project-search",
        "/praxisbeispiele/?q=Chatbot",
        page=True,
        budgets=(SEARCH_P95, SEARCH_DB, *PAGE),
    ),
    Endpoint(
        "project-search-broad",
        "/praxisbeispiele/?q=Digitalisierung",
        page=True,
        budgets=(SEARCH_P95, *PAGE),
    ),
    Endpoint(
        "project-search-facets",
        "/praxisbeispiele/?q=Open+Data&theme=datenplattform&state=05&size_class=mittelstadt",
        page=True,
        budgets=(SEARCH_P95, SEARCH_DB, *PAGE),
    ),
    Endpoint("project-detail", detail_of="bestpractices.Project", page=True, budgets=PAGE),
    Endpoint("event-list", "/termine/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    Endpoint(
        "event-list-filtered",
        "/termine/?theme=mobilitaet&state=09&attendance=vor-ort&kind=workshop",
        page=True,
        budgets=PAGE,
    ),
    Endpoint("event-search", "/termine/?q=Open+Data", page=True, budgets=PAGE),
    Endpoint("event-calendar", "/termine/kalender/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    Endpoint("event-detail", detail_of="events.Event", page=True, budgets=PAGE),
    Endpoint("programme-list", "/foerderprogramme/", page=True, budgets=(CACHED_PAGE, *PAGE)),
    Endpoint(
        "programme-filtered",
        "/foerderprogramme/?level=state&state=09&theme=mobilitaet&status=open",
        page=True,
        budgets=PAGE,
    ),
    Endpoint("deadline-list", "/foerderprogramme/fristen/", page=True, budgets=PAGE),
    Endpoint("programme-detail", detail_of="funding.FundingProgramme", page=True, budgets=PAGE),
    Endpoint(
        "funding-matcher",
        "/foerderprogramme/passt-zu-meiner-kommune/?municipality=05513000",
        page=True,
        budgets=PAGE,
    ),
    Endpoint("event-ical", "/termine/kalender.ics", budgets=(QUERIES,)),
    Endpoint("event-ical-304", "/termine/kalender.ics", conditional=True, budgets=(NOT_MODIFIED,)),
    Endpoint("deadline-ical", "/foerderprogramme/fristen.ics", budgets=(QUERIES,)),
    Endpoint(
        "deadline-ical-304",
        "/foerderprogramme/fristen.ics",
        conditional=True,
        budgets=(NOT_MODIFIED,),
    ),
    Endpoint(
        "api-projects-50",
        "/api/v1/projects/?page_size=50",
        concurrency=20,
        vary_query=True,
        page_size_param="page_size",
        budgets=(API_P95, API_THROUGHPUT, QUERIES, QUERIES_FIXED),
    ),
    Endpoint(
        "api-programmes-50",
        "/api/v1/funding-programmes/?page_size=50",
        concurrency=20,
        vary_query=True,
        page_size_param="page_size",
        budgets=(QUERIES, QUERIES_FIXED),
    ),
    Endpoint(
        "api-municipalities-50",
        "/api/v1/municipalities/?page_size=50",
        concurrency=20,
        vary_query=True,
        page_size_param="page_size",
        budgets=(QUERIES, QUERIES_FIXED),
    ),
    Endpoint(
        "api-events-50",
        "/api/v1/events/?page_size=50",
        concurrency=20,
        vary_query=True,
        page_size_param="page_size",
        budgets=(QUERIES, QUERIES_FIXED),
    ),
    # The Digital-Check's start page and its statistics (one query over all scores).
    Endpoint("digital-check", "/digital-check/", page=True, budgets=PAGE),
    Endpoint(
        "api-stats-digital-check", "/api/v1/stats/digital-check/", concurrency=4, budgets=(QUERIES,)
    ),
    Endpoint(
        "api-municipalities-geojson",
        "/api/v1/municipalities/geojson/",
        concurrency=1,
        budgets=(GEOJSON_TIME, GEOJSON_SIZE, QUERIES),
    ),
)


def endpoint_named(name: str) -> Endpoint:
    return next(endpoint for endpoint in ENDPOINTS if endpoint.name == name)
