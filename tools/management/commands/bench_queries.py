import json
import statistics
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from bench.endpoints import ENDPOINTS
from portal.search import search_sections

# A typical query of the site search (see bench/endpoints.py).
SEARCH_TERM = "Chatbot"


def with_param(path: str, name: str, value) -> str:
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return urlunsplit(parts._replace(query=urlencode([*query, (name, value)])))


class QueryTimer:
    """Times each SQL statement precisely (Django's query log rounds to milliseconds)."""

    def __init__(self):
        self.durations_ms: list[float] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.durations_ms.append((time.perf_counter() - started) * 1000)

    @property
    def total_ms(self) -> float:
        return sum(self.durations_ms)


class Command(BaseCommand):
    help = (
        "Zählt für jeden Endpunkt des Benchmarks (bench/endpoints.py) die SQL-Abfragen und "
        "misst ihre Datenbankzeit über Djangos Test-Client, gegen die konfigurierte "
        "Datenbank; dazu die Zeit der typischen Volltextsuche. Ausgabe als JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="JSON-Datei (Standard: Ausgabe auf stdout)")
        parser.add_argument(
            "--repeat", type=int, default=5, help="Läufe je Endpunkt für die Datenbankzeit"
        )

    def handle(self, *args, output, repeat, **options):
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        client = Client(HTTP_HOST=host)
        client.get("/")  # one-off work of a fresh process (translations, content types)
        result = {
            "database": self.database_version(),
            "dataset": self.dataset(),
            "endpoints": {},
            "search_sections": self.time_search_sections(repeat),
        }
        for endpoint in ENDPOINTS:
            result["endpoints"][endpoint.name] = self.measure(client, endpoint, repeat)
        data = json.dumps(result, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(data)
            self.stdout.write(f"Abfragen gezählt: {output}")
        else:
            self.stdout.write(data)

    def database_version(self) -> str:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return f"PostgreSQL {cursor.fetchone()[0]}"
        return f"{connection.vendor} {connection.Database.sqlite_version}"

    def dataset(self) -> dict:
        counts = {}
        for app in settings.DOMAIN_APPS:
            for model in apps.get_app_config(app).get_models():
                counts[model._meta.label] = model.objects.count()
        return counts

    def resolve(self, endpoint) -> str | None:
        """The endpoint's path; for a detail page, that of one visible object."""
        if not endpoint.detail_of:
            return endpoint.path
        try:
            model = apps.get_model(endpoint.detail_of)
        except LookupError:
            return None
        queryset = model.objects.all()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(AnonymousUser())
        count = queryset.count()
        if not count:
            return None
        # An object from the middle of the table, not the first one created.
        instance = queryset.order_by("pk")[count // 2]
        try:
            return instance.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return None

    def count(self, client, path: str, headers: dict):
        """Queries and their database time of one request with an empty cache."""
        cache.clear()
        timer = QueryTimer()
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
            response = client.get(path, headers=headers)
        return response, queries.captured_queries, timer

    def measure(self, client, endpoint, repeat: int) -> dict:
        path = self.resolve(endpoint)
        if path is None:
            return {"path": endpoint.path, "status": "not available"}
        headers = dict(endpoint.headers)
        if endpoint.conditional:
            first = client.get(path, headers=headers)
            if first.status_code == 404:
                return {"path": path, "status": "not available", "http_status": 404}
            if not first.has_header("ETag"):
                return {"path": path, "status": "error", "note": "no ETag"}
            headers["If-None-Match"] = first["ETag"]
        response, queries, timer = self.count(client, path, headers)
        if response.status_code == 404:
            return {"path": path, "status": "not available", "http_status": 404}
        timers = [timer] + [self.count(client, path, headers)[2] for _ in range(repeat - 1)]
        # The figures of the median run: one slow outlier (a cold cache) does not count.
        median = sorted(timers, key=lambda t: t.total_ms)[len(timers) // 2]
        with CaptureQueriesContext(connection) as cached:
            client.get(path, headers=headers)
        figures = {
            "path": path,
            "http_status": response.status_code,
            "queries": len(queries),
            "queries_cached": len(cached.captured_queries),
            "db_ms": round(median.total_ms, 2),
            "slowest_query_ms": round(max(median.durations_ms, default=0.0), 2),
        }
        if response.status_code >= 400:
            figures.update(status="error", note=f"HTTP {response.status_code}")
        if endpoint.page_size_param:
            _response, single, _timer = self.count(
                client, with_param(path, endpoint.page_size_param, 1), headers
            )
            figures["queries_growth"] = len(queries) - len(single)
        return figures

    def time_search_sections(self, repeat: int) -> dict:
        """The database time of the site search's typical query, per section."""
        sections = {}
        for section in search_sections():
            times, count = [], 0
            for _ in range(repeat):
                timer = QueryTimer()
                with connection.execute_wrapper(timer):
                    section.search(SEARCH_TERM, user=AnonymousUser(), limit=10)
                times.append(timer.total_ms)
                count = len(timer.durations_ms)
            sections[section.key] = {
                "query": SEARCH_TERM,
                "queries": count,
                "db_ms": round(statistics.median(times), 2),
            }
        return sections
