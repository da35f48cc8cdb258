"""The API keeps its OpenAPI contract: schemathesis generates requests for every operation
and checks that none gives a server error and that each response matches the schema.

It runs in the PostgreSQL pass, against the production database: generating requests for
every operation is the slowest part of the suite, and once per CI run is enough."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from portal.tokens import partner_create, scope_choices, token_create

pytestmark = pytest.mark.postgres

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
HYPOTHESIS = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


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


@pytest.fixture
def full_scope_key(in_process_requests):
    partner = partner_create(name="Vertragspartner")
    _token, key = token_create(
        partner=partner, label="alles", scopes=[value for value, _label in scope_choices()]
    )
    return key


@schema.include(method="GET").parametrize()
@HYPOTHESIS
def test_anonymous_reads_conform_to_the_schema(case, in_process_requests):
    cache.clear()
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_token_requests_conform_to_the_schema(case, full_scope_key):
    cache.clear()
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {full_scope_key}"})
