"""The API keeps its OpenAPI contract, checked by schemathesis with every one of its checks:
no server error, every status, header, content type and body as documented, valid requests
accepted and invalid ones refused, credentials required where the schema says so, created
objects readable and deleted ones gone.

Both runs are in the PostgreSQL pass against the production database (generating requests
for every operation is the slowest part of the suite, and once per CI run is enough):

- in-process, per operation (examples, coverage of every parameter's edge values, fuzzing),
  for anonymous reads and for a token holding every scope;
- the command line tool, as a partner runs it, against a served portal with the demo
  content and a token holding every scope: fuzzing and the stateful phase (create, read,
  change, delete in sequence, which the per-operation tests cannot do). Its coverage phase
  repeats the in-process one and would take most of the time, so it is left out here."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from portal.tokens import partner_create, scope_choices, token_create

pytestmark = pytest.mark.postgres

load_all_checks()
# Every check schemathesis has (the command line's ``--checks all``), not only its defaults.
ALL_CHECKS = [check for check in CHECKS.get_all() if not is_check_class(check)]
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
HYPOTHESIS = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CLI = Path(sys.executable).with_name("schemathesis")


def test_every_check_of_schemathesis_is_run():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "missing_required_header",
        "unsupported_method",
        "use_after_free",
        "ensure_resource_availability",
        "ignored_auth",
    } <= names


@pytest.fixture
def in_process_requests(db):
    """Raw WSGI calls would close the test's connection at the end of each request (as
    Django's test client avoids): keep it open, and start every case with fresh limits."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cache.clear()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def full_scope_token() -> str:
    partner = partner_create(name="Vertragspartner")
    _token, key = token_create(
        partner=partner, label="alles", scopes=[value for value, _label in scope_choices()]
    )
    return key


@pytest.fixture
def full_scope_key(in_process_requests):
    return full_scope_token()


@schema.include(method="GET").parametrize()
@HYPOTHESIS
def test_anonymous_reads_conform_to_the_schema(case, in_process_requests):
    cache.clear()
    case.call_and_validate(checks=ALL_CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_token_requests_conform_to_the_schema(case, full_scope_key):
    cache.clear()
    case.call_and_validate(checks=ALL_CHECKS, headers={"Authorization": f"Bearer {full_scope_key}"})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_line_run_with_every_check_finds_nothing(live_server, monkeypatch, tmp_path):
    """``schemathesis run … --checks all`` against the demo content, with a token holding
    every scope, reports no failure. The rate limits are lifted for the run: thousands of
    requests in a few minutes would otherwise mostly test the 429."""
    for scope in SimpleRateThrottle.THROTTLE_RATES:
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "1000000/minute")
    call_command("load_demo", verbosity=0)
    key = full_scope_token()
    run = subprocess.run(
        [
            CLI,
            "run",
            f"{live_server.url}/api/v1/schema/?format=json",
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {key}",
            "--phases",
            "examples,fuzzing,stateful",
            "--max-examples",
            os.environ.get("CONTRACT_MAX_EXAMPLES", "20"),
            "--seed",
            os.environ.get("CONTRACT_SEED", "20261203"),
            "--no-color",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
