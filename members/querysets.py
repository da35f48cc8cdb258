from django.db import models

from members.choices import ChangeStatus, MembershipRole, MembershipStatus


def is_verified_member(user) -> bool:
    """Whether ``user`` is signed in, active and a confirmed member of at least one body."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    from members.models import Membership

    return Membership.objects.verified().filter(user_id=user.pk).exists()


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


class DirectoryEntryQuerySet(models.QuerySet):
    def listed(self):
        """Entries of active members with a confirmed membership who chose to be listed."""
        from members.models import Membership

        confirmed = Membership.objects.verified().filter(user=models.OuterRef("user"))
        # Named entries by name, then the others; a hidden name does not place its entry.
        shown = models.Case(
            models.When(show_name=True, then=models.F("user__last_name")),
            default=models.Value(None),
            output_field=models.CharField(),
        )
        return (
            self.filter(models.Exists(confirmed), listed=True, user__is_active=True)
            .alias(sort_name=shown)
            .order_by(models.F("sort_name").asc(nulls_last=True), "pk")
        )

    def visible_to(self, user):
        """The directory "Wer macht was" is for confirmed members only: everybody else
        sees nothing, on every channel."""
        if not is_verified_member(user):
            return self.none()
        return self.listed()
