"""The editors' admin site with two-factor authentication (TOTP, django-otp).

Staff who have a confirmed authenticator device must give its current code when they log
in. With ``EDITOR_2FA_REQUIRED`` staff without one are sent to a page where they set one up
before they can use the admin; without it (development) they may use the admin as before.
"""

from base64 import b32encode
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

TOKEN_WIDGET_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}


def verify_with_any_device(user, token: str):
    """The user's confirmed device that accepts ``token``, or None (throttled devices skip)."""
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin login form with a field for the authenticator's code.

    The code is required only from staff who have a confirmed device. A wrong code counts as
    a failed login for the login throttle, like a wrong password.
    """

    otp_token = forms.CharField(
        label=_("Bestätigungscode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs=TOKEN_WIDGET_ATTRS),
        help_text=_("Nur wenn Sie die Zwei-Faktor-Anmeldung eingerichtet haben."),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": _("Bitte geben Sie den Bestätigungscode Ihrer Authenticator-App ein."),
        "otp_invalid": _("Der Bestätigungscode ist ungültig oder abgelaufen."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned_data
        token = (cleaned_data.get("otp_token") or "").strip()
        device = verify_with_any_device(user, token) if token else None
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            code = "otp_invalid" if token else "otp_required"
            raise forms.ValidationError(self.error_messages[code], code=code)
        # django_otp stores the device in the session when the login completes.
        user.otp_device = device
        return cleaned_data


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Bestätigungscode aus der App"),
        max_length=10,
        widget=forms.TextInput(attrs=TOKEN_WIDGET_ATTRS),
    )


def is_verified(user) -> bool:
    """Whether a second factor verified this session (set by django_otp's middleware)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def two_factor_required_for(user) -> bool:
    """Whether ``user`` must be verified by a device (staff, when EDITOR_2FA_REQUIRED)."""
    return bool(
        settings.EDITOR_2FA_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser)
    )


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with its first code; other unconfirmed devices of the user go."""
    allowed, _details = device.verify_is_allowed()
    if not allowed or not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def grouped_secret(device: TOTPDevice) -> str:
    """The device's key in Base32, in groups of four for typing it into an app."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


class PortalAdminSite(admin.AdminSite):
    """Django's admin with the two-factor login (the project's default ``admin.site``)."""

    login_form = TwoFactorAuthenticationForm
    login_template = "admin/portal/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        if is_verified(user):
            return True
        # Whoever has a device logs in with it; the rest only while 2FA is not required.
        return not settings.EDITOR_2FA_REQUIRED and not user_has_device(user, confirmed=True)

    def must_set_up_device(self, request) -> bool:
        user = request.user
        return (
            two_factor_required_for(user)
            and user.is_active
            and not is_verified(user)
            and not user_has_device(user, confirmed=True)
        )

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def wrapper(request, *args, **kwargs):
            if self.must_set_up_device(request):
                return redirect(reverse("admin:two_factor_setup", current_app=self.name))
            return inner(request, *args, **kwargs)

        return wrapper

    def login(self, request, extra_context=None):
        if request.method == "GET" and self.must_set_up_device(request):
            return redirect(reverse("admin:two_factor_setup", current_app=self.name))
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("zwei-faktor/", self.two_factor_setup, name="two_factor_setup"),
            *super().get_urls(),
        ]

    def two_factor_setup(self, request):
        return two_factor_setup_view(request, site=self)


@never_cache
@csrf_protect
def two_factor_setup_view(request, *, site):
    """A logged-in staff member without a device creates one in an authenticator app (from
    the otpauth:// link or the secret) and confirms it with its first code."""
    user = request.user
    login_url = reverse("admin:login", current_app=site.name)
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), login_url)
    if request.method == "POST" and "cancel" in request.POST:
        logout(request)
        return redirect(login_url)
    index_url = reverse("admin:index", current_app=site.name)
    if user_has_device(user, confirmed=True):
        return redirect(index_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-App"), confirmed=False)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["token"].strip()):
            otp_login(request, device)
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return redirect(index_url)
        form.add_error(
            "token",
            _(
                "Der Code stimmt nicht. Prüfen Sie die Uhrzeit des Geräts und geben Sie den "
                "aktuellen Code ein."
            ),
        )
    context = {
        **site.each_context(request),
        "title": _("Zwei-Faktor-Anmeldung einrichten"),
        "form": form,
        "otpauth_uri": device.config_url,
        "secret": grouped_secret(device),
        "required": settings.EDITOR_2FA_REQUIRED,
    }
    response = TemplateResponse(request, "admin/portal/two_factor_setup.html", context)
    # The page shows the secret key: never store it in a cache.
    response["Cache-Control"] = "no-store"
    return response
