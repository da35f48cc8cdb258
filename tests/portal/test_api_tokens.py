from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from portal.api.authentication import TokenUser
from portal.api.throttling import AnonymousRateThrottle, TokenRateThrottle
from portal.models import APIToken, Tombstone
from portal.tokens import hash_key, partner_create, token_create, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner():
    return partner_create(name="Landesamt für Digitalisierung", contact_email="api@example.org")


def bearer(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_token_is_stored_hashed_and_shown_once(partner):
    token, key = token_create(partner=partner, label="Spiegel")
    assert key.startswith("dsr_") and len(key) > 40
    stored = APIToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key)
    assert key not in {stored.prefix, stored.key_hash, str(stored.scopes)}
    assert key.startswith(stored.prefix)


def test_partner_account_cannot_log_in(partner):
    assert not partner.account.has_usable_password()
    assert not partner.account.is_staff


def test_valid_token_reads_and_is_recorded_as_used(partner):
    token, key = token_create(partner=partner, label="Spiegel")
    response = bearer(key).get("/api/v1/themes/")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("case", ["revoked", "expired", "unknown", "malformed"])
def test_refused_tokens_get_401(partner, case):
    token, key = token_create(partner=partner, label="Spiegel")
    if case == "revoked":
        token_revoke(token=token)
    elif case == "expired":
        APIToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    elif case == "unknown":
        key = key[:-4] + "abcd"
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key} extra") if case == "malformed" else None
    response = (client or bearer(key)).get("/api/v1/themes/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_scope_is_refused(partner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Unbekannte Berechtigungen"):
        token_create(partner=partner, label="x", scopes=["write:everything"])


def test_token_user_permissions_follow_scopes(partner):
    reader = TokenUser(token_create(partner=partner, label="lesen")[0])
    drafts = TokenUser(token_create(partner=partner, label="entwürfe", scopes=["read:drafts"])[0])
    token = APIToken(partner=partner, scopes=["write:bestpractices.project"])
    writer = TokenUser(token)
    assert not reader.has_perm("bestpractices.view_project")
    assert drafts.has_perm("bestpractices.view_project")
    assert not drafts.has_perm("bestpractices.change_project")
    assert writer.has_perm("bestpractices.add_project")
    assert writer.has_perm("bestpractices.change_project")
    assert writer.has_perm("bestpractices.delete_project")
    assert writer.has_perm("bestpractices.view_project")
    assert not writer.has_perm("events.change_event")
    assert not writer.is_staff and writer.pk == partner.account.pk


def test_anonymous_clients_are_throttled_with_retry_after(monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "rate", "3/minute", raising=False)
    client = Client()
    codes = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/themes/")
    assert int(response["Retry-After"]) > 0


def test_tokens_have_their_own_limit(partner, monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "rate", "1/minute", raising=False)
    monkeypatch.setattr(TokenRateThrottle, "rate", "3/minute", raising=False)
    _token, key = token_create(partner=partner, label="Spiegel")
    codes = [bearer(key).get("/api/v1/themes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # A second token is counted on its own.
    _other, other_key = token_create(partner=partner, label="zweites")
    assert bearer(other_key).get("/api/v1/themes/").status_code == 200


def test_page_size_is_capped():
    response = Client().get("/api/v1/themes/?page_size=1000")
    assert response.status_code == 200
    from portal.api.pagination import PortalPagination

    assert PortalPagination.max_page_size == 100


def test_api_answers_304_to_a_current_etag():
    first = Client().get("/api/v1/themes/")
    assert first.has_header("ETag")
    second = Client().get("/api/v1/themes/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_cors_allows_configured_origins_on_the_api_only(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example.org"]
    api = Client().get("/api/v1/themes/", HTTP_ORIGIN="https://partner.example.org")
    assert api["Access-Control-Allow-Origin"] == "https://partner.example.org"
    other = Client().get("/api/v1/themes/", HTTP_ORIGIN="https://evil.example.com")
    assert not other.has_header("Access-Control-Allow-Origin")
    page = Client().get("/", HTTP_ORIGIN="https://partner.example.org")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_tombstones_filter_by_resource_and_time():
    now = timezone.now()
    Tombstone.objects.create(
        resource="projects", key="alt", reason="deleted", removed_at=now - timedelta(days=2)
    )
    Tombstone.objects.create(resource="projects", key="neu", reason="unpublished", removed_at=now)
    Tombstone.objects.create(resource="events", key="x", reason="deleted", removed_at=now)
    since = (now - timedelta(days=1)).isoformat()
    response = Client().get(
        "/api/v1/tombstones/", {"resource": "projects", "modified_since": since}
    )
    assert response.status_code == 200
    assert [(t["key"], t["reason"]) for t in response.json()["results"]] == [("neu", "unpublished")]
    bad = Client().get("/api/v1/tombstones/", {"modified_since": "gestern"})
    assert bad.status_code == 400
    assert "modified_since" in bad.json()


def test_editor_creates_token_in_admin_and_sees_the_key_once(editor_client, partner):
    response = editor_client.post(
        "/admin/portal/apitoken/add/",
        {"partner": partner.pk, "label": "Landesportal", "scopes": ["read:drafts"]},
    )
    assert response.status_code == 200
    key = response.context["key"]
    assert "no-store" in response["Cache-Control"]
    token = APIToken.objects.get(label="Landesportal")
    assert token.key_hash == hash_key(key)
    assert token.scopes == ["read:drafts"]
    assert bearer(key).get("/api/v1/themes/").status_code == 200
    page = editor_client.get(f"/admin/portal/apitoken/{token.pk}/change/")
    assert key not in page.content.decode()

    editor_client.post(
        "/admin/portal/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get("/api/v1/themes/").status_code == 401


def test_editor_creates_partner_with_its_own_account(editor_client):
    response = editor_client.post(
        "/admin/portal/partner/add/",
        {
            "name": "Städtetag",
            "contact_email": "a@example.org",
            "tokens-TOTAL_FORMS": 0,
            "tokens-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    from portal.models import Partner

    partner = Partner.objects.get(name="Städtetag")
    assert partner.account.username == "partner-stadtetag"
