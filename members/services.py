"""Writes of the members app: joining a body, confirming a membership, and deleting an
account so that what the member did stays attributable to an anonymous placeholder."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.choices import MembershipRole, MembershipStatus, VerificationMethod
from members.models import BODY_FIELDS, EmailDomain, Membership


def domain_candidates(address: str) -> list[str]:
    """The domain of an e-mail address and each parent domain with at least two labels:
    ``a@rathaus.stadt.de`` → ``rathaus.stadt.de``, ``stadt.de``."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) > 1 else []


def verified_addresses(user) -> list[str]:
    from allauth.account.models import EmailAddress

    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


def domain_vouches_for(membership: Membership, addresses: list[str]) -> bool:
    """True when one of the verified ``addresses`` is at an e-mail domain of the body."""
    candidates = {domain for address in addresses for domain in domain_candidates(address)}
    if not candidates:
        return False
    return EmailDomain.objects.filter(domain__in=candidates, **membership.body_filter()).exists()


def _confirm(membership: Membership, *, method: str, by=None) -> Membership:
    membership.status = MembershipStatus.VERIFIED
    membership.verification = method
    membership.verified_by = by
    membership.verified_at = timezone.now()
    membership.save(update_fields=["status", "verification", "verified_by", "verified_at"])
    return membership


@transaction.atomic
def membership_request(*, user, role: str = MembershipRole.MEMBER, **body) -> Membership:
    """A member asks to belong to one body (``municipality=…``, ``association=…``,
    ``district=…`` or ``organisation=…``). Confirmed at once when a verified e-mail address
    of the member is at one of the body's domains; otherwise it waits for an editor or a
    verified colleague."""
    unknown = set(body) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"not a body: {', '.join(sorted(unknown))}")
    membership = Membership(user=user, role=role, **body)
    membership.full_clean()
    membership.save()
    if domain_vouches_for(membership, verified_addresses(user)):
        _confirm(membership, method=VerificationMethod.DOMAIN)
    return membership


@transaction.atomic
def memberships_confirm_by_domain(*, user) -> list[Membership]:
    """After an e-mail address is verified: confirm the member's waiting memberships of the
    bodies whose domain it is at."""
    addresses = verified_addresses(user)
    confirmed = []
    for membership in Membership.objects.pending().filter(user=user).select_for_update():
        if domain_vouches_for(membership, addresses):
            confirmed.append(_confirm(membership, method=VerificationMethod.DOMAIN))
    return confirmed


def may_confirm(membership: Membership, by) -> str | None:
    """How ``by`` may confirm ``membership``, or None: editors always; a verified colleague
    of the same body for a member, and a maintainer of it for a maintainer. Nobody confirms
    themselves."""
    if by is None or not by.is_authenticated or not by.is_active or by.pk == membership.user_id:
        return None
    if by.is_staff and by.has_perm("members.change_membership"):
        return VerificationMethod.EDITOR
    colleagues = Membership.objects.verified().filter(user=by, **membership.body_filter())
    if membership.role == MembershipRole.MAINTAINER:
        colleagues = colleagues.filter(role=MembershipRole.MAINTAINER)
    return VerificationMethod.COLLEAGUE if colleagues.exists() else None


@transaction.atomic
def membership_confirm(*, membership: Membership, by) -> Membership:
    """An editor or a colleague confirms a waiting membership."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    method = may_confirm(membership, by)
    if method is None:
        raise PermissionDenied(_("Sie können diese Zugehörigkeit nicht bestätigen."))
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Diese Zugehörigkeit wartet nicht mehr auf Bestätigung."))
    return _confirm(membership, method=method, by=by)


@transaction.atomic
def membership_reject(*, membership: Membership, by) -> Membership:
    """An editor or a colleague declines a waiting membership; the member sees so."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if may_confirm(membership, by) is None:
        raise PermissionDenied(_("Sie können diese Zugehörigkeit nicht ablehnen."))
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Diese Zugehörigkeit wartet nicht mehr auf Bestätigung."))
    membership.status = MembershipStatus.REJECTED
    membership.verified_by = by
    membership.verified_at = timezone.now()
    membership.save(update_fields=["status", "verified_by", "verified_at"])
    return membership


@transaction.atomic
def member_delete(*, user) -> None:
    """Delete a member's account (DSGVO Art. 17). The user row stays as an anonymous
    placeholder, so the history of what the member changed or confirmed still names "a
    deleted member" rather than nobody; name, addresses, password, memberships and failed
    login records go."""
    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt

    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    Membership.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    AccessAttempt.objects.filter(username__in=addresses - {""}).delete()
    user.username = f"geloescht-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # Every session of the account ends with it: Django checks each session against the
    # password's hash, which an unusable password changes, and refuses inactive users.
