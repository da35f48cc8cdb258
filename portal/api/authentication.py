"""Partner tokens: ``Authorization: Bearer <key>``; the token's scopes decide what it may do."""

from datetime import timedelta

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from portal.models import APIToken
from portal.tokens import SCOPE_READ_DRAFTS, hash_key, token_is_valid

# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenUser:
    """The request's user for a token: the partner's account with the token's scopes as its
    only permissions. It is never staff, so it cannot reach the admin."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    is_api_token = True

    def __init__(self, token: APIToken):
        self.token = token
        self.account = token.partner.account

    @property
    def pk(self):
        return self.account.pk

    id = pk

    @property
    def is_active(self):
        return self.account.is_active

    @property
    def username(self):
        return self.account.username

    def __str__(self):
        return str(self.token.partner)

    @cached_property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.token.scopes)

    def has_perm(self, perm: str, obj=None) -> bool:
        """``app.view_model`` with read:drafts or a write scope of that model;
        ``app.add|change|delete_model`` with ``write:app.model``."""
        app_label, _dot, codename = perm.partition(".")
        action, _underscore, model_name = codename.partition("_")
        write_scope = f"write:{app_label}.{model_name}"
        if action == "view":
            return SCOPE_READ_DRAFTS in self.scopes or write_scope in self.scopes
        if action in {"add", "change", "delete"}:
            return write_scope in self.scopes
        return False

    def has_perms(self, perms, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perms)

    def has_module_perms(self, app_label) -> bool:
        return False


class APITokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ungültiger Authorization-Header."))
        key = header[1].decode(errors="replace")
        token = (
            APIToken.objects.select_related("partner__account")
            .filter(key_hash=hash_key(key))
            .first()
        )
        if token is None or not token_is_valid(token):
            raise exceptions.AuthenticationFailed(_("Token unbekannt, abgelaufen oder widerrufen."))
        if not token.partner.account.is_active:
            raise exceptions.AuthenticationFailed(_("Der Partnerzugang ist gesperrt."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return TokenUser(token), token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) with WWW-Authenticate when a token is refused.
        return f'{self.keyword} realm="api"'


class APITokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.APITokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Partner token, created by the centre's editors: "
                "`Authorization: Bearer dsr_…`. Without a token the API serves published "
                "content at a lower rate limit."
            ),
        }
