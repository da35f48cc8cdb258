from django.db import models

from members.choices import (
    ChangeStatus,
    MembershipRole,
    MembershipStatus,
    RelationStatus,
)


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


# The sides of a relation: a body of the register each.
RELATION_SIDES = ("source", "target")
REGISTER_FIELDS = ("municipality", "association", "district")


def side_fields(side: str) -> list[str]:
    return [f"{side}_{name}" for name in REGISTER_FIELDS]


def involving_q(field: str, body) -> models.Q:
    """Relations with ``body`` (a body of the register, by its ``BODY_FIELDS`` name ``field``)
    on either side."""
    return models.Q(**{f"source_{field}": body}) | models.Q(**{f"target_{field}": body})


class BodyRelationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RelationStatus.CONFIRMED)

    def with_bodies(self):
        """With both sides loaded (one query)."""
        return self.select_related(*side_fields("source"), *side_fields("target"))

    def involving(self, field: str, body):
        return self.filter(involving_q(field, body))

    def visible_to(self, user):
        """Confirmed relations are public. A proposed or declined one is seen only by the
        maintainers of its two bodies and by editors."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.confirmed()
        if user.is_staff and user.has_perm("members.view_bodyrelation"):
            return self
        from members.models import Membership

        condition = models.Q(status=RelationStatus.CONFIRMED)
        for field in REGISTER_FIELDS:
            maintained = Membership.objects.maintainers().filter(
                user_id=user.pk, **{f"{field}__isnull": False}
            )
            ids = maintained.values(f"{field}_id")
            condition |= models.Q(**{f"source_{field}__in": ids})
            condition |= models.Q(**{f"target_{field}__in": ids})
        return self.filter(condition)
