"""The second factor (allauth.mfa) as the admin and the middleware see it: whether staff
must use it, whether an account has an authenticator and whether this session's sign-in
gave its code (allauth records each authentication method in the session)."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed


def two_factor_required_for(user) -> bool:
    """Whether ``user`` must sign in with a second factor (staff, when EDITOR_2FA_REQUIRED)."""
    return bool(
        settings.EDITOR_2FA_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser)
    )


def has_authenticator(user) -> bool:
    """Whether ``user`` has activated an authenticator app."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return user.is_authenticated and is_mfa_enabled(user, [Authenticator.Type.TOTP])


def authenticated_with_mfa(request, user) -> bool:
    """Whether this session's sign-in of ``user`` included a second factor."""
    from allauth.account.authentication import get_authentication_records

    if not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def record_activation(request, user) -> None:
    """Activating the app proves its code: the session counts as signed in with it, so an
    editor who just set it up goes on to the admin without signing in again."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is not None and not authenticated_with_mfa(request, user):
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def count_wrong_code_as_failed_login(sender, request, user, authenticator, **kwargs):
    """A wrong code at sign-in counts for the login throttle (django-axes) like a wrong
    password, for the account's e-mail address (as members sign in)."""
    if kwargs.get("reauthentication"):
        return
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.email or user.get_username()},
        request=request,
    )


def connect_signals() -> None:
    from allauth.mfa import signals

    signals.authentication_failed.connect(
        count_wrong_code_as_failed_login, dispatch_uid="portal.two_factor.failed"
    )


def totp_secret_from_hex(key: str) -> str:
    """A django-otp TOTP key (hex) as the Base32 secret allauth.mfa keeps (and apps show)."""
    from base64 import b32encode

    return b32encode(bytes.fromhex(key)).decode()


def convert_otp_devices(connection, authenticator_model) -> int:
    """Each confirmed django-otp TOTP device as an allauth.mfa authenticator of its user, so
    editors keep their app after the switch; devices with other than allauth's period (30 s)
    and digits (6), and users who already have one, are left out. Returns how many."""
    from allauth.mfa.utils import encrypt

    if "otp_totp_totpdevice" not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT user_id, key FROM otp_totp_totpdevice"
            " WHERE confirmed AND step = 30 AND digits = 6 AND t0 = 0 ORDER BY id"
        )
        rows = cursor.fetchall()
    converted = 0
    for user_id, key in rows:
        if authenticator_model.objects.filter(user_id=user_id, type="totp").exists():
            continue
        authenticator_model.objects.create(
            user_id=user_id, type="totp", data={"secret": encrypt(totp_secret_from_hex(key))}
        )
        converted += 1
    return converted
