"""A member's event registrations and circle memberships in their data export (DSGVO
Art. 15 and 20), and what becomes of them when the account is deleted (Art. 17)."""

from django.utils import timezone


def member_data(user) -> dict:
    from events.models import CircleMembership, Registration

    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "start": registration.event.start.isoformat(),
                "status": registration.status,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "accessibility_needs": registration.accessibility_needs,
                "created_at": registration.created_at.isoformat(),
            }
            for registration in Registration.objects.filter(user=user).select_related("event")
        ],
        "expert_circles": [
            {
                "circle": membership.circle.name,
                "role": membership.role,
                "status": membership.status,
                "created_at": membership.created_at.isoformat(),
            }
            for membership in CircleMembership.objects.filter(user=user).select_related("circle")
        ],
    }


def member_delete(user) -> None:
    """Registrations for events still to come are cancelled first, so a seat goes to the
    next on the waiting list; then the member's registrations and circle memberships go."""
    from events.choices import RegistrationStatus
    from events.models import CircleMembership, Registration
    from events.services import registration_cancel

    registrations = Registration.objects.filter(user=user)
    upcoming = registrations.filter(event__end__gt=timezone.now()).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in upcoming:
        registration_cancel(registration=registration)
    # Registrations made without signing in are not linked to the account and stay; they
    # go with the retention period like every other.
    registrations.delete()
    CircleMembership.objects.filter(user=user).delete()
