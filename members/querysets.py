from django.db import models

from members.choices import ChangeStatus, MembershipRole, MembershipStatus


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


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeStatus.PENDING)

    def about(self, instance):
        """Changes of one object."""
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )
