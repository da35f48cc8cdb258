import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import SimpleLazyObject


class ExplicitLocaleMiddleware(MiddlewareMixin):
    """German unless the visitor chose another language with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language header: the
    portal is a German public-sector site and the language is the visitor's explicit choice
    (stored in the language cookie by ``set_language``).
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response


def origin_of(url_template: str) -> str | None:
    """The origin (scheme://host[:port]) of a tile URL template, for the policy's img-src.

    A ``{s}`` subdomain placeholder becomes a ``*.`` wildcard; relative URLs (tiles served
    by the portal itself) need no entry and give None.
    """
    parts = urlsplit(url_template)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    if "{" in host:
        return None
    return f"{parts.scheme}://{host}"


def content_security_policy(directives: dict[str, list[str]], *, extra_img_src=()) -> str:
    """Serialise ``{"directive": [sources…]}`` into a Content-Security-Policy header value."""
    parts = []
    for name, sources in directives.items():
        values = [*sources, *extra_img_src] if name == "img-src" else list(sources)
        parts.append(" ".join([name, *values]) if values else name)
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    Django 5.2 sets HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and
    X-Frame-Options itself; these two it does not. ``SECURE_CSP`` has the shape of Django
    6's setting of the same name, so the upgrade can replace this with Django's own
    middleware. The tile server of ``MAP_TILE_URL`` is added to img-src (tiles still load
    only after the visitor's consent; the policy merely allows them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        directives = dict(settings.SECURE_CSP)
        tile_origin = origin_of(settings.MAP_TILE_URL)
        if directives and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = content_security_policy(
                directives, extra_img_src=[tile_origin] if tile_origin else []
            )
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response.headers:
            response.headers["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(allowed)})"
                for feature, allowed in settings.PERMISSIONS_POLICY.items()
            )
        return response


class TwoFactorRequiredMiddleware:
    """With EDITOR_2FA_REQUIRED, a staff session whose sign-in did not use the second factor
    (allauth's record in the session) counts as anonymous outside the admin, so a password
    alone neither shows drafts nor writes through the API. Inside the admin the admin site
    itself decides; staff without an authenticator app may still reach the pages that
    activate one (under /konto/zwei-faktor/) and sign out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.EDITOR_2FA_REQUIRED and not request.path.startswith(admin_prefix()):
            user = request.user
            request.user = SimpleLazyObject(lambda: verified_or_anonymous(request, user))
        return self.get_response(request)


def admin_prefix() -> str:
    return reverse("admin:index")


def may_activate_authenticator(request, user) -> bool:
    from portal.two_factor import has_authenticator

    if has_authenticator(user):
        return False
    paths = (reverse("mfa_index"), reverse("account_logout"), reverse("account_reauthenticate"))
    return request.path.startswith(paths)


def verified_or_anonymous(request, user):
    from portal.two_factor import authenticated_with_mfa, two_factor_required_for

    if (
        two_factor_required_for(user)
        and not authenticated_with_mfa(request, user)
        and not may_activate_authenticator(request, user)
    ):
        return AnonymousUser()
    return user


class SessionIdleTimeoutMiddleware:
    """Ends a signed-in session after ``SESSION_IDLE_SECONDS`` without a request (OWASP ASVS
    3.3.2; ``SESSION_COOKIE_AGE`` bounds its whole life). Requests without a session cookie
    pass untouched, so anonymous pages stay cacheable. The time of the last request is
    written at most once a minute."""

    KEY = "_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.get(SESSION_KEY):
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
            elif last is None or now - last >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)


class BreachSafeGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for answers that carry no secret.

    BREACH recovers a secret from the size of compressed answers that also reflect input of
    the attacker. So answers that contain the CSRF token (the view asked for it) and every
    answer to a request with a session (a logged-in person's pages) stay uncompressed; the
    public pages and feeds — the bulk of the traffic — are compressed. The API's answers are
    left to a compressing proxy (WSGI clients such as the contract tests read them raw); its
    reference page at /api/v1/docs/ is a public page like the others."""

    def process_response(self, request, response):
        # The CSRF middleware sends its cookie whenever the page used the token (and then
        # resets CSRF_COOKIE_NEEDS_UPDATE).
        if (
            settings.CSRF_COOKIE_NAME in response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or (request.path.startswith("/api/") and not is_api_reference(request))
        ):
            return response
        return super().process_response(request, response)


def is_api_reference(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name == "api:docs"
