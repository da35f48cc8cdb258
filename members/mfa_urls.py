"""German addresses under /konto/zwei-faktor/ for allauth.mfa's pages (authenticator app and
recovery codes), with allauth's own URL names. The pages show secrets: never cached."""

from functools import wraps

from allauth.mfa.base import views as base
from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from django.urls import path
from django.views.decorators.cache import never_cache

from members.views import private
from portal.two_factor import record_activation


def private_page(view):
    """``view`` answering ``Cache-Control: private, no-store`` like the member's pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return private(never_cache(view)(request, *args, **kwargs))

    return wrapper


def activation(view):
    """allauth's activation page; a successful activation counts as signing in with the app."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 302:
            record_activation(request, request.user)
        return response

    return wrapper


urlpatterns = [
    path("", private_page(base.index), name="mfa_index"),
    path("anmelden/", private_page(base.authenticate), name="mfa_authenticate"),
    path("erneut-anmelden/", private_page(base.reauthenticate), name="mfa_reauthenticate"),
    path("app/aktivieren/", private_page(activation(totp.activate_totp)), name="mfa_activate_totp"),
    path("app/deaktivieren/", private_page(totp.deactivate_totp), name="mfa_deactivate_totp"),
    path(
        "wiederherstellungscodes/",
        private_page(recovery_codes.view_recovery_codes),
        name="mfa_view_recovery_codes",
    ),
    path(
        "wiederherstellungscodes/neu/",
        private_page(recovery_codes.generate_recovery_codes),
        name="mfa_generate_recovery_codes",
    ),
    path(
        "wiederherstellungscodes/herunterladen/",
        private_page(recovery_codes.download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
]
