"""When a member verifies an e-mail address, the bodies at its domain confirm the member's
waiting memberships (django-allauth's ``email_confirmed``)."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from members.services import memberships_confirm_by_domain


@receiver(email_confirmed, dispatch_uid="members.confirm_by_domain")
def confirm_memberships_by_domain(request, email_address, **kwargs):
    memberships_confirm_by_domain(user=email_address.user)
