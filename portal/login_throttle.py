"""Hooks of the login throttle (django-axes): who the client is and what it is told."""

import math

from django.conf import settings
from django.shortcuts import render


def locked_out_response(request, original_response=None, credentials=None):
    """A German page with status 429 and Retry-After for a locked-out login attempt."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "portal/login_locked.html",
        {"cooloff_minutes": math.ceil(seconds / 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def client_username(request, credentials=None):
    """The account a login attempt is for: the admin's user name, or the e-mail address a
    member signs in with (django-allauth passes it as ``email``; its form field is
    ``login``). Addresses count case-insensitively, as allauth matches them."""
    sources = [credentials or {}, getattr(request, "POST", {}) or {}]
    for source in sources:
        for key in ("username", "email", "login"):
            value = source.get(key)
            if value:
                value = str(value).strip()
                return value.lower() if "@" in value else value
    return None
