"""German addresses under /konto/ for django-allauth's views. The URL names are allauth's
own and not namespaced, so allauth's links and redirects find them. The second factor's pages
(allauth.mfa) are under /konto/zwei-faktor/."""

from allauth.account import views as account
from django.urls import include, path, re_path

urlpatterns = [
    path("anmelden/", account.login, name="account_login"),
    path("abmelden/", account.logout, name="account_logout"),
    path("inaktiv/", account.account_inactive, name="account_inactive"),
    path("registrieren/", account.signup, name="account_signup"),
    path("erneut-anmelden/", account.reauthenticate, name="account_reauthenticate"),
    path(
        "erneut-anmelden/code/",
        account.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "erneut-anmelden/code/bestaetigen/",
        account.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("anmelden/code/", account.confirm_login_code, name="account_confirm_login_code"),
    path("e-mail/", account.email, name="account_email"),
    path(
        "e-mail/bestaetigen/",
        account.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^e-mail/bestaetigen/(?P<key>[-:\w]+)/$",
        account.confirm_email,
        name="account_confirm_email",
    ),
    path("passwort/aendern/", account.password_change, name="account_change_password"),
    path("passwort/setzen/", account.password_set, name="account_set_password"),
    path("passwort/vergessen/", account.password_reset, name="account_reset_password"),
    path(
        "passwort/vergessen/gesendet/",
        account.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^passwort/neu/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "passwort/neu/fertig/",
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("zwei-faktor/", include("members.mfa_urls")),
]
