from django import template

from cities.choices import AtlasCriterion, SizeClass
from cities.views import map_legend

register = template.Library()


@register.filter
def strategy_label(category: str) -> str:
    """The label of a strategy status or of "no profile" (the map categories)."""
    return dict(map_legend()).get(category, "")


@register.filter
def size_class_label(size_class: str | None) -> str:
    return SizeClass(size_class).label if size_class else ""


@register.filter
def atlas_criterion_label(criterion: str) -> str:
    return AtlasCriterion(criterion).label


@register.filter
def bar_width(value: float, maximum: float) -> int:
    """A bar's length in whole per cent of the longest possible bar (for the CSS classes
    cities-bar--0 … cities-bar--100)."""
    if not maximum:
        return 0
    return max(0, min(100, round(100 * float(value) / float(maximum))))
