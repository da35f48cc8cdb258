from django.db import models

from members.choices import MembershipRole, MembershipStatus


class MembershipQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=MembershipStatus.VERIFIED)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)

    def maintainers(self):
        """Verified members who may edit their body's content."""
        return self.verified().filter(role=MembershipRole.MAINTAINER)


class ContactMessageQuerySet(models.QuerySet):
    def reported(self):
        return self.filter(reported_at__isnull=False)
