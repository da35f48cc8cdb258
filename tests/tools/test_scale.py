"""The synthetic data generator, the baseline endpoint /healthz and the benchmark's report."""

import importlib.util
import json
import random
import socket
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import report
from bench.endpoints import BASELINE, ENDPOINTS
from cities.models import District, Municipality
from cities.validators import ags_from_ars
from tests.cities.factories import MunicipalityFactory
from tools import scale
from tools.scale import cities as cities_scale

SMALL = scale.SCALES["small"]


def generate(*args):
    out = StringIO()
    call_command("generate_scale_data", "--scale", "small", *args, stdout=out)
    return out.getvalue()


def synthetic_keys():
    return list(
        cities_scale.synthetic_municipalities().order_by("ags").values_list("ags", "ars", "name")
    )


# --- generate_scale_data ------------------------------------------------------------------


@pytest.mark.django_db
def test_small_scale_fills_the_register_up_to_its_target_with_real_districts():
    output = generate("--seed", "1")
    assert District.objects.count() == 400
    assert Municipality.objects.count() == SMALL.municipalities
    # The real kreisfreie Städte come from the district import, the rest is synthetic.
    assert Municipality.objects.filter(ags="05513000", name="Gelsenkirchen").exists()
    assert cities_scale.generated_count() == SMALL.municipalities - 106
    assert "Synthetische Daten (small, Seed 1) erzeugt" in output


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_municipalities_and_another_seed_others():
    generate("--seed", "7")
    first = synthetic_keys()
    generate("--seed", "7", "--flush-generated")
    assert synthetic_keys() == first
    generate("--seed", "8", "--flush-generated")
    assert synthetic_keys() != first


@pytest.mark.django_db
def test_generated_municipalities_are_valid_and_consistent():
    generate()
    municipalities = list(cities_scale.synthetic_municipalities().select_related("district"))
    for municipality in random.Random(0).sample(municipalities, 20):
        municipality.full_clean()  # AGS/ARS format, AGS = ARS[0:5] + ARS[9:12], state, district
    south, north, west, east = cities_scale.GERMANY
    for municipality in municipalities:
        assert municipality.ags[:5] == municipality.district.key
        assert ags_from_ars(municipality.ars) == municipality.ags
        assert municipality.state_id == municipality.ags[:2]
        assert municipality.district.kind in {"landkreis", "kreis", "regionalverband"}
        assert south <= municipality.latitude <= north
        assert west <= municipality.longitude <= east
        assert municipality.population > 0


@pytest.mark.django_db
def test_a_second_run_is_refused_and_changes_nothing():
    generate()
    before = synthetic_keys()
    with pytest.raises(CommandError, match="--flush-generated"):
        generate("--seed", "99")
    assert synthetic_keys() == before


@pytest.mark.django_db
def test_flush_generated_replaces_synthetic_rows_and_keeps_real_ones():
    generate("--seed", "3")
    real = MunicipalityFactory(ags="05558032", ars="055580032032", district__key="05558")
    generate("--seed", "4", "--flush-generated")
    assert Municipality.objects.filter(pk=real.pk).exists()
    assert Municipality.objects.filter(ags="05513000").exists()
    # The real row counts towards the target, so one synthetic row fewer is made.
    assert Municipality.objects.count() == SMALL.municipalities
    assert not cities_scale.synthetic_municipalities().filter(ags="05558032").exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_inside_a_transaction_the_generator_leaves_the_statistics_of_generated_rows_alone():
    """ANALYZE writes a table's row count in place, where a rollback does not undo it: the
    generator's closing VACUUM ANALYZE, run inside a test's transaction, would leave later
    tests' plans chosen for tables of generated rows that no longer exist. Only the import
    of the real districts analyses its two register tables, as every register import does
    so that its own queries over the new rows are planned for them. (Comparing
    ``pg_class.reltuples`` before and after would race autovacuum.)"""
    with CaptureQueriesContext(connection) as queries:
        generate("--seed", "1")
    assert Municipality.objects.count() == SMALL.municipalities
    statements = [query["sql"].lstrip().upper() for query in queries.captured_queries]
    assert statements, "the generator ran no statement at all"
    assert not [sql for sql in statements if sql.startswith("VACUUM")]
    analysed = [sql for sql in statements if sql.startswith("ANALYZE")]
    assert analysed == ['ANALYZE "CITIES_DISTRICT"', 'ANALYZE "CITIES_MUNICIPALITY"']


@pytest.mark.django_db
def test_generated_keys_avoid_keys_already_in_the_register():
    taken = MunicipalityFactory(ags="07232001", ars="072320001001", district__key="07232")
    generate()
    assert Municipality.objects.filter(ags="07232001").get() == taken


def test_national_population_is_mostly_small_municipalities():
    district = District(key="07232", state_id="07", population=100_000, area_km2=1600)
    rng = random.Random(5)
    made = cities_scale.municipalities_of(
        district, 200, national_share=200, centre=(50.0, 6.5), existing=set(), rng=rng
    )
    populations = sorted(m.population for m in made)
    assert len({m.ags for m in made}) == 200
    assert populations[len(populations) // 2] < 500 < sum(populations) / len(populations)
    assert sum(p < 5_000 for p in populations) > 0.9 * len(populations)
    assert 90_000 < sum(populations) < 110_000


def test_allocation_adds_up_and_follows_the_weights():
    assert scale.allocate(10, [1, 1, 2]) == [3, 2, 5]
    assert sum(scale.allocate(10_893, [1.5, 2.25, 7, 0.1])) == 10_893
    assert scale.allocate(0, [1, 2]) == [0, 0]


def test_german_text_comes_from_the_digitalisation_vocabulary():
    rng = random.Random(1)
    body = scale.text(rng)
    assert body.count("\n\n") >= 1
    assert any(topic in body for topic in scale.TOPICS + scale.OBJECTS + scale.GOALS)
    assert scale.text(random.Random(1)) == body


@pytest.mark.django_db
def test_bulk_create_inserts_a_generator_in_batches():
    districts = (
        District(key=f"09{number:03d}", name=f"Kreis {number}", kind="landkreis", state_id="09")
        for number in range(100, 105)
    )
    with CaptureQueriesContext(connection) as queries:
        assert scale.bulk_create(District, districts, batch_size=2) == 5
    inserts = [q for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 3
    assert District.objects.filter(key__startswith="09").count() == 5


# --- /healthz -----------------------------------------------------------------------------


def test_healthz_answers_constant_json_without_database_or_cookies(client):
    # No django_db mark: any database access would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/impressum/").status_code == 301


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


# --- The benchmark's report ---------------------------------------------------------------


def budget_result(results, endpoint, metric):
    return next(r for r in results if r["endpoint"] == endpoint and r["metric"].startswith(metric))


def fake_measurements(**overrides):
    measurements = {
        "healthz": {"status": "ok", "rps": 2000.0, "p95_ms": 5.0, "error_rate": 0.0},
        "home": {
            "status": "ok",
            "rps": 1200.0,
            "p95_ms": 20.0,
            "error_rate": 0.0,
            "queries": 3,
            "page_weight_bytes": 120_000,
            "page_js_bytes": 0,
        },
        "api-projects-50": {
            "status": "ok",
            "rps": 900.0,
            "p95_ms": 120.0,
            "error_rate": 0.0,
            "queries": 4,
            "queries_growth": 0,
        },
        "api-municipalities-geojson": {
            "status": "ok",
            "rps": 5.0,
            "p95_ms": 280.0,
            "error_rate": 0.0,
            "gzip_bytes": 2 * 1024 * 1024,
            "queries": 1,
        },
        "event-ical-304": {"status": "error", "note": "no ETag, so no 304"},
    }
    for name, figures in overrides.items():
        measurements[name] = {**measurements.get(name, {}), **figures}
    return measurements


def test_budgets_are_met_or_not_by_the_measured_value():
    results = report.evaluate(fake_measurements())
    assert budget_result(results, "home", "rps")["met"] is True
    assert budget_result(results, "home", "page_weight_bytes")["met"] is True
    assert budget_result(results, "api-projects-50", "p95_ms")["met"] is True
    geojson_size = budget_result(results, "api-municipalities-geojson", "gzip_bytes")
    assert geojson_size["met"] is False
    assert geojson_size["measured"] == 2 * 1024 * 1024
    assert budget_result(results, "api-municipalities-geojson", "p95_ms")["met"] is True

    slow = report.evaluate(fake_measurements(home={"rps": 800.0, "queries": 11}))
    assert budget_result(slow, "home", "rps")["met"] is False
    assert budget_result(slow, "home", "queries")["met"] is False


def test_api_throughput_is_judged_relative_to_the_baseline():
    results = report.evaluate(fake_measurements())
    ratio = budget_result(results, "api-projects-50", "rps")
    assert ratio["measured"] == 0.45
    assert ratio["met"] is True
    slower = report.evaluate(fake_measurements(**{"api-projects-50": {"rps": 700.0}}))
    assert budget_result(slower, "api-projects-50", "rps")["met"] is False


def test_missing_endpoints_are_not_available_and_errors_fail():
    results = report.evaluate(fake_measurements())
    missing = budget_result(results, "project-search", "p95_ms")
    assert missing["met"] is None
    assert missing["note"] == "not available"
    assert budget_result(results, "event-ical-304", "p95_ms")["met"] is False


def test_fast_answers_with_many_errors_do_not_meet_a_load_budget():
    results = report.evaluate(fake_measurements(home={"error_rate": 0.2}))
    throughput = budget_result(results, "home", "rps")
    assert throughput["met"] is False
    assert "20% error responses" in throughput["note"]


def test_results_are_written_as_markdown_and_json_with_a_latest_copy(tmp_path):
    result = report.build({"scale": "small"}, fake_measurements())
    written = report.write(result, tmp_path, "20260101T000000Z")
    assert {path.name for path in written} == {
        "20260101T000000Z.md",
        "20260101T000000Z.json",
        "latest.md",
        "latest.json",
    }
    data = json.loads((tmp_path / "latest.json").read_text())
    assert data == json.loads((tmp_path / "20260101T000000Z.json").read_text())
    assert {b["met"] for b in data["budgets"]} == {True, False, None}
    assert data["summary"]["not_met"] == sum(b["met"] is False for b in data["budgets"])
    markdown = (tmp_path / "latest.md").read_text()
    assert "| cached anonymous page ≥ 1,000 req/s | home | ≥ 1000 | 1,200.00 | ✅ met |" in markdown
    assert "❌ not met" in markdown


@pytest.mark.django_db
def test_bench_queries_counts_the_queries_of_each_endpoint(tmp_path, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    output = tmp_path / "queries.json"
    call_command("bench_queries", "--output", str(output), "--repeat", "1", stdout=StringIO())
    data = json.loads(output.read_text())
    assert data["endpoints"]["healthz"]["queries"] == 0
    assert data["endpoints"]["home"]["http_status"] == 200
    assert data["endpoints"]["api-themes"]["queries"] >= 1
    assert "cities.Municipality" in data["dataset"]


def test_benchmark_endpoints_have_unique_names_and_known_baselines():
    names = [endpoint.name for endpoint in ENDPOINTS]
    assert len(names) == len(set(names))
    assert names[0] == BASELINE
    for endpoint in ENDPOINTS:
        assert endpoint.path.startswith("/") or endpoint.detail_of
        for budget in endpoint.budgets:
            assert budget.kind in {"max", "min"}
            assert budget.baseline in (None, *names)


# --- The container health check -------------------------------------------------------------


def load_healthcheck():
    path = Path(__file__).resolve().parents[2] / "scripts" / "healthcheck.py"
    spec = importlib.util.spec_from_file_location("healthcheck", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_container_health_check_passes_against_a_running_portal(live_server, monkeypatch):
    monkeypatch.setenv("HEALTHCHECK_URL", f"{live_server.url}/healthz")
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost,portal.example.org")
    assert load_healthcheck().main() == 0


def test_container_health_check_fails_when_nothing_answers(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("HEALTHCHECK_URL", f"http://127.0.0.1:{port}/healthz")
    assert load_healthcheck().main() == 1


# --- Generators of the domain apps ----------------------------------------------------------


def event_keys():
    from tools.scale import events as events_scale

    return list(events_scale.synthetic_events().order_by("slug").values_list("slug", "title"))


@pytest.mark.django_db
def test_small_scale_makes_profiles_for_every_grossstadt_with_themes():
    from cities.models import DigitalProfile

    generate("--seed", "2")
    profiles = cities_scale.synthetic_profiles()
    assert profiles.count() > 0
    big = Municipality.objects.filter(population__gte=100_000)
    assert big.exists()
    assert not big.filter(profile__isnull=True).exists()
    assert {p.strategy_status for p in profiles} >= {"adopted", "in_development"}
    assert DigitalProfile.focus_themes.through.objects.exists()
    for profile in random.Random(0).sample(list(profiles.select_related("municipality")), 10):
        profile.full_clean()


@pytest.mark.django_db
def test_small_scale_fills_the_calendar_with_past_future_online_and_series_events():
    from django.utils import timezone

    from events.models import Event
    from tools.scale import events as events_scale

    generate("--seed", "5")
    events = events_scale.synthetic_events()
    assert Event.objects.count() == SMALL.events
    now = timezone.now()
    assert events.filter(end__lte=now).exists() and events.filter(start__gt=now).exists()
    assert events.exclude(online_link="").exists()
    assert events.filter(venue_municipality__isnull=False).exists()
    assert events.filter(series__isnull=False).exists()
    assert events_scale.synthetic_circles().exists()
    assert Event.themes.through.objects.filter(event__in=events).exists()
    for event in random.Random(0).sample(list(events.select_related("venue_municipality")), 12):
        event.full_clean()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_events_and_flush_removes_them():
    from tools.scale import events as events_scale

    generate("--seed", "7")
    first = event_keys()
    generate("--seed", "7", "--flush-generated")
    assert event_keys() == first
    events_scale.flush(stdout=StringIO())
    assert events_scale.generated_count() == 0


@pytest.mark.django_db
def test_small_scale_makes_projects_with_german_text_themes_and_lead_municipalities():
    from bestpractices.models import Project
    from tools.scale import bestpractices as bp_scale

    generate("--seed", "3")
    projects = bp_scale.synthetic_projects()
    assert Project.objects.count() == SMALL.projects
    assert projects.filter(status="published").exists()
    assert Project.themes.through.objects.filter(project__in=projects).exists()
    sample = random.Random(0).sample(list(projects.select_related("lead_municipality")), 12)
    for project in sample:
        project.full_clean()
        assert project.lead_municipality_id
        assert any(topic in project.description for topic in scale.TOPICS + scale.OBJECTS)
    first = list(projects.order_by("slug").values_list("slug", flat=True))
    generate("--seed", "3", "--flush-generated")
    assert list(bp_scale.synthetic_projects().order_by("slug").values_list("slug", flat=True)) == (
        first
    )


@pytest.mark.django_db
def test_small_scale_makes_programmes_and_calls_of_every_status():
    from django.utils import timezone

    from funding.models import FundingCall, FundingProgramme, validate_programme_states
    from funding.status import call_status
    from tools.scale import funding as funding_scale

    generate("--seed", "4")
    assert FundingProgramme.objects.count() == SMALL.programmes
    assert FundingCall.objects.count() == SMALL.calls
    now = timezone.now()
    statuses = {
        call_status(opens_at=c.opens_at, deadline=c.deadline, rolling=c.rolling, now=now)
        for c in FundingCall.objects.all()
    }
    assert statuses == {"announced", "open", "closing_soon", "rolling", "closed"}
    programmes = list(funding_scale.synthetic_programmes().prefetch_related("states"))
    for programme in random.Random(0).sample(programmes, 8):
        programme.full_clean()
        validate_programme_states(programme.level, programme.states.all())
    for call in random.Random(0).sample(list(FundingCall.objects.all()), 12):
        call.full_clean()
