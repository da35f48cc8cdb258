from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from cities.choices import NO_PROFILE_CATEGORY, SIZE_CLASS_BOUNDS, StrategyStatus
from portal.choices import PublicationStatus
from portal.querysets import PublishableQuerySet, can_view_unpublished


def size_class_q(size_class: str, field: str = "population") -> Q:
    """A filter for one size class on a population field (``field`` may span relations)."""
    lower, upper = SIZE_CLASS_BOUNDS[size_class]
    condition = Q(**{f"{field}__gte": lower})
    if upper is not None:
        condition &= Q(**{f"{field}__lt": upper})
    return condition


def size_class_expression(field: str = "population") -> Case:
    """An SQL expression giving the size class for grouping and facet counts."""
    return Case(
        *[When(size_class_q(key, field), then=Value(key)) for key in SIZE_CLASS_BOUNDS],
        default=Value(None),
        output_field=models.CharField(),
    )


class RegisterQuerySet(models.QuerySet):
    """Filters shared by the bodies of the official register; register data is public."""

    def visible_to(self, user):
        """Register data is official and public: everybody sees every body, also the
        dissolved ones (their pages stay, saying so)."""
        return self

    def current(self):
        """Bodies that exist today: the current lists, maps, statistics and the matcher show
        only these."""
        return self.filter(dissolved_on__isnull=True)


class DistrictQuerySet(RegisterQuerySet):
    """Filters for districts (Kreise)."""


class AssociationQuerySet(RegisterQuerySet):
    """Filters for Gemeindeverbände."""


class MunicipalityQuerySet(RegisterQuerySet):
    """Filters for the municipality register."""

    def of_size_class(self, size_class: str):
        return self.filter(size_class_q(size_class))

    def profile_visible_q(self, user) -> Q:
        """The condition "has a digital profile that ``user`` may see": the profile's own
        ``visible_to`` rule, as a filter on municipalities. Every channel uses it, so a
        hidden profile looks like no profile at all."""
        profile_model = self.model._meta.get_field("profile").related_model
        if can_view_unpublished(user, profile_model):
            return Q(profile__isnull=False)
        return Q(profile__status=PublicationStatus.PUBLISHED)

    def with_visible_profile(self, user):
        return self.filter(self.profile_visible_q(user))

    def without_visible_profile(self, user):
        return self.exclude(self.profile_visible_q(user))

    def with_profile_facts(self, user):
        """Annotate ``visible_strategy_status``: the strategy status of the profile ``user``
        may see, or ``no_profile``, and ``changed_at``: when what ``user`` sees of the
        municipality last changed, the register entry or that profile (one LEFT JOIN, no
        query per row)."""
        visible = self.profile_visible_q(user)
        return self.annotate(
            visible_strategy_status=Case(
                When(visible, then=F("profile__strategy_status")),
                default=Value(NO_PROFILE_CATEGORY),
                output_field=models.CharField(),
            ),
            changed_at=Greatest(
                "updated_at",
                Case(When(visible, then=F("profile__updated_at")), default=F("updated_at")),
            ),
        )


def stale_before(today=None):
    """Profiles whose "Stand" is before this day are older than twelve months."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


class DigitalProfileQuerySet(PublishableQuerySet):
    """Filters for digital profiles; visibility follows the publication workflow."""

    def stale(self):
        """Profiles whose "Stand" is more than twelve months ago: due for an update."""
        return self.filter(as_of__lt=stale_before())

    def with_strategy(self):
        """Profiles whose municipality has adopted or is developing a digital strategy."""
        return self.filter(
            strategy_status__in=[StrategyStatus.ADOPTED, StrategyStatus.IN_DEVELOPMENT]
        )
