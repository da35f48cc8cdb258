"""The editors' admin site, signed in through the portal's sign-in (django-allauth) with the
one second factor of every account (allauth.mfa, an authenticator app).

The admin's login page sends to /konto/anmelden/ and back. With ``EDITOR_2FA_REQUIRED``
staff must have activated an authenticator app and this session's sign-in must have used
it; staff without one are sent to its activation page first. Without the setting
(development) staff without an app may use the admin after a password sign-in.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from portal.two_factor import authenticated_with_mfa, has_authenticator, two_factor_required_for


class PortalAdminSite(admin.AdminSite):
    """Django's admin behind the portal's sign-in with a second factor (``admin.site``)."""

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        if authenticated_with_mfa(request, user):
            return True
        # Whoever has an app signs in with it; the rest only while it is not required.
        return not two_factor_required_for(user) and not has_authenticator(user)

    def must_activate_authenticator(self, request) -> bool:
        user = request.user
        return two_factor_required_for(user) and user.is_active and not has_authenticator(user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def wrapper(request, *args, **kwargs):
            if self.must_activate_authenticator(request):
                return redirect("mfa_activate_totp")
            return inner(request, *args, **kwargs)

        return wrapper

    def login(self, request, extra_context=None):
        """Send to the portal's sign-in, which comes back to ``next`` (the admin)."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME)
        if not next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if user.is_authenticated:
            if self.has_permission(request):
                return redirect(next_url)
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
            if self.must_activate_authenticator(request):
                return redirect("mfa_activate_totp")
            # A staff session without its second factor signs in anew, with the app.
            logout(request)
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
