"""API partners and their tokens: creation, revocation and the scopes a token may carry.

A token is a random key shown once at creation; the database keeps only its SHA-256 hash
(the key has 256 bits of entropy, so a fast hash is enough) and a short prefix by which
editors recognise it.
"""

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import APIToken, Partner

KEY_PREFIX = "dsr_"
SCOPE_READ_DRAFTS = "read:drafts"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def writable_models() -> dict[str, type]:
    """The models the API exposes, by label (``bestpractices.project``)."""
    from portal.api.urls import router  # the router knows every resource of every app

    models = {}
    for _prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        model = queryset.model if queryset is not None else None
        if model is not None and viewset.http_method_names and _writable(viewset):
            models[model._meta.label_lower] = model
    return models


def _writable(viewset) -> bool:
    return any(hasattr(viewset, name) for name in ("create", "update", "destroy"))


def scope_choices() -> list[tuple[str, str]]:
    """Every scope a token can carry: reading drafts, and writing one resource each."""
    choices = [(SCOPE_READ_DRAFTS, gettext_lazy("Entwürfe und Prüfstände lesen"))]
    for label, model in sorted(writable_models().items()):
        choices.append(
            (
                f"write:{label}",
                _("%(resource)s anlegen, ändern, löschen")
                % {"resource": model._meta.verbose_name_plural},
            )
        )
    return choices


def validate_scopes(scopes: list[str]) -> None:
    known = {value for value, _label in scope_choices()}
    unknown = sorted(set(scopes) - known)
    if unknown:
        raise ValidationError({"scopes": _("Unbekannte Berechtigungen: %s") % ", ".join(unknown)})


@transaction.atomic
def partner_create(*, name: str, contact_email: str = "", notes: str = "") -> Partner:
    """A partner with its own account, under which its changes appear in the history."""
    user_model = get_user_model()
    base = f"partner-{slugify(name)[:100]}"
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    account = user_model(username=username, email=contact_email, is_staff=False)
    account.set_unusable_password()
    account.save()
    partner = Partner(name=name, contact_email=contact_email, notes=notes, account=account)
    partner.full_clean()
    partner.save()
    return partner


def token_create(
    *,
    partner: Partner,
    label: str,
    scopes: list[str] | None = None,
    created_by=None,
    expires_at: datetime | None = None,
) -> tuple[APIToken, str]:
    """A new token and its key; the key is not stored and cannot be shown again."""
    scopes = sorted(set(scopes or []))
    validate_scopes(scopes)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = APIToken(
        partner=partner,
        label=label,
        prefix=key[: len(KEY_PREFIX) + 8],
        key_hash=hash_key(key),
        scopes=scopes,
        created_by=created_by,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, key


def token_revoke(*, token: APIToken) -> APIToken:
    """Refuse the token from now on (kept for the record, never deleted silently)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_is_valid(token: APIToken, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return token.revoked_at is None and (token.expires_at is None or token.expires_at > now)
