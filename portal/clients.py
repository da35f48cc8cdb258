"""Who a client is, for every limit that counts clients (API throttles, the login throttle,
the proposal form)."""

from rest_framework.throttling import BaseThrottle


def client_address(request) -> str:
    """REMOTE_ADDR, or the X-Forwarded-For entry of the outermost trusted proxy when the
    operator names trusted proxies (API_TRUSTED_PROXIES): the rule of the API's throttles."""
    return BaseThrottle().get_ident(request)
