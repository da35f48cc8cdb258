"""Cross-links between the apps: "what else belongs to this object?".

A municipality's page shows its projects, the events it hosts and the funding that fits it,
without ``cities`` importing those apps. An app takes part with a ``related.py`` module that
defines ``related_sections(obj, *, user) -> list[RelatedSection]``: it returns sections for
the kinds of object it knows (and ``[]`` for the others). Each section holds only what the
user may see (the model's ``visible_to``) and costs a fixed number of queries.
"""

from dataclasses import dataclass, field

from portal.registry import project_modules


@dataclass(frozen=True)
class RelatedItem:
    """One linked object, already shaped for a short list."""

    title: str
    url: str
    meta: str = ""


@dataclass(frozen=True)
class RelatedSection:
    """A titled list of linked objects, with a link to the full filtered list."""

    key: str
    title: str
    items: list[RelatedItem] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = ""
    order: int = 100


def related_sections(obj, *, user) -> list[RelatedSection]:
    """The sections every app contributes for ``obj``, in display order."""
    sections = []
    for module in project_modules("related"):
        sections.extend(module.related_sections(obj, user=user))
    return sorted(sections, key=lambda section: section.order)
