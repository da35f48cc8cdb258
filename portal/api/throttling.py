"""Rate limits: per token, per logged-in user, and per anonymous client address."""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from portal.models import APIToken


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (all clients of one token share it)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, APIToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionUserRateThrottle(UserRateThrottle):
    """Requests per logged-in user of the web interface (not for tokens)."""

    def get_cache_key(self, request, view):
        if isinstance(request.auth, APIToken) or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class AnonymousRateThrottle(AnonRateThrottle):
    """Requests per client address without authentication: the lowest limit."""
