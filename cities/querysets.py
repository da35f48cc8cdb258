from django.db import models
from django.db.models import Case, Q, Value, When

from cities.choices import SIZE_CLASS_BOUNDS


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


class DistrictQuerySet(models.QuerySet):
    """Filters for districts (Kreise); register data is public."""

    def visible_to(self, user):
        """Register data is official and public: everybody sees every district."""
        return self


class MunicipalityQuerySet(models.QuerySet):
    """Filters for the municipality register; register data is public."""

    def visible_to(self, user):
        """Register data is official and public: everybody sees every municipality."""
        return self

    def of_size_class(self, size_class: str):
        return self.filter(size_class_q(size_class))
