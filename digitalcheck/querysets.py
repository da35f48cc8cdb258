from django.db import models

from digitalcheck.choices import AssessmentStatus, QuestionnaireStatus

EDIT_PERMISSION = "digitalcheck.change_assessment"


class QuestionnaireQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionnaireStatus.PUBLISHED)

    def current(self):
        """The version a new check uses: the newest published one, or None."""
        return self.published().order_by("-version").first()


def member_bodies_q(user, prefix: str = "") -> models.Q:
    """Rows about a body of which ``user`` is a verified member."""
    from members.models import Membership

    memberships = Membership.objects.verified().filter(user=user)
    condition = models.Q(pk__in=[])
    for name in ("municipality", "association", "district"):
        condition |= models.Q(
            **{f"{prefix}{name}__in": memberships.filter(**{f"{name}__isnull": False}).values(name)}
        )
    return condition


class AssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AssessmentStatus.SUBMITTED)

    def drafts(self):
        return self.filter(status=AssessmentStatus.DRAFT)

    def of_body(self, body):
        from members.selectors import body_field_of

        return self.filter(**{body_field_of(body): body})

    def visible_to(self, user):
        """The one rule on every channel: a body's published results for everybody; its
        drafts and unpublished results for its verified members and the editors."""
        public = models.Q(status=AssessmentStatus.SUBMITTED, is_published=True)
        if user is None or not user.is_authenticated or not user.is_active:
            return self.filter(public)
        if user.has_perm(EDIT_PERMISSION):
            return self
        return self.filter(public | member_bodies_q(user))

    def latest_per_body(self):
        """The newest submitted check of each body (by year): what comparisons and
        statistics count, one result per body."""
        newer = AssessmentQuerySet(self.model, using=self._db).submitted()
        conditions = models.Q()
        for name in ("municipality", "association", "district"):
            conditions |= models.Q(
                **{f"{name}__isnull": False},
                **{name: models.OuterRef(name)},
            )
        newer = newer.filter(conditions, year__gt=models.OuterRef("year"))
        return self.submitted().exclude(models.Exists(newer))
