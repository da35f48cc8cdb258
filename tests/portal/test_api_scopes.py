"""Token scopes on every writable resource of the API: reading never means writing, and a
write scope opens exactly one resource."""

import pytest
from django.core.cache import cache

from portal.api.urls import router
from portal.tokens import SCOPE_READ_DRAFTS, scope_choices
from tests.conftest import token_client

pytestmark = pytest.mark.django_db

WRITABLE = sorted(
    (prefix, viewset.queryset.model._meta.label_lower)
    for prefix, viewset, _basename in router.registry
    if hasattr(viewset, "create")
)


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()


def test_every_api_resource_of_the_four_apps_is_writable_with_a_scope():
    resources = {prefix for prefix, _label in WRITABLE}
    assert {"municipalities", "projects", "events", "funding-programmes", "funding-calls"} <= (
        resources
    )
    scopes = {value for value, _label in scope_choices()}
    assert scopes == {SCOPE_READ_DRAFTS} | {f"write:{label}" for _prefix, label in WRITABLE}


@pytest.mark.parametrize(("prefix", "label"), WRITABLE)
def test_only_the_resources_own_write_scope_may_create(prefix, label, client):
    url = f"/api/v1/{prefix}/"
    assert client.post(url, {}, content_type="application/json").status_code == 401
    for scopes in ([], [SCOPE_READ_DRAFTS]):
        response = token_client(scopes).post(url, {}, content_type="application/json")
        assert response.status_code == 403, (scopes, response.content)
    other = next(other for _prefix, other in WRITABLE if other != label)
    assert (
        token_client([f"write:{other}"]).post(url, {}, content_type="application/json")
    ).status_code == 403
    # With its own scope the request reaches validation: an empty body names missing fields.
    response = token_client([f"write:{label}"]).post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() and all(isinstance(v, list) for v in response.json().values())
