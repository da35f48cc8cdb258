"""Reads of the members app: a member's memberships, the requests they may confirm, and
everything the portal holds about a member (DSGVO Art. 15)."""

from django.db.models import Q

from members.choices import MembershipRole
from members.models import BODY_FIELDS, Membership


def memberships_of(user):
    return (
        Membership.objects.filter(user=user).select_related(*BODY_FIELDS).order_by("-requested_at")
    )


def requests_to_confirm(user):
    """Waiting memberships of the bodies where ``user`` is a verified member: members may
    confirm members, maintainers also maintainers."""
    conditions = Q()
    for membership in (
        Membership.objects.verified()
        .filter(user=user)
        .only(*[f"{name}_id" for name in BODY_FIELDS], "role")
    ):
        same_body = Q(**membership.body_filter())
        if membership.role != MembershipRole.MAINTAINER:
            same_body &= Q(role=MembershipRole.MEMBER)
        conditions |= same_body
    if not conditions:
        return Membership.objects.none()
    return (
        Membership.objects.pending()
        .filter(conditions)
        .exclude(user=user)
        .select_related("user", *BODY_FIELDS)
        .order_by("requested_at")
    )


def body_label(membership) -> str:
    body = membership.body
    return f"{body} ({body._meta.verbose_name})" if body is not None else "–"


def member_data(user) -> dict:
    """Everything the portal holds about a member, as plain data for the page and the JSON
    export (DSGVO Art. 15 and 20)."""
    from allauth.account.models import EmailAddress

    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {
                "body": body_label(membership),
                "body_kind": membership.body_field,
                "role": membership.role,
                "status": membership.status,
                "verification": membership.verification or None,
                "requested_at": membership.requested_at.isoformat(),
                "verified_at": membership.verified_at.isoformat()
                if membership.verified_at
                else None,
            }
            for membership in memberships_of(user)
        ],
        "memberships_confirmed_for_others": Membership.objects.filter(verified_by=user).count(),
    }


def display_name(user) -> str:
    """How the portal names a member to themselves: the e-mail address."""
    return user.email or user.get_username()
