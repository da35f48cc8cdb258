"""How made-up content (``Illustrative.is_example``) is labelled where no template does it:
the one-line metadata of search hits and related lists, and the entries of calendars and
feeds. The pages use ``portal/includes/example_badge.html`` and ``example_note.html``."""

from django.utils.translation import gettext as _


def example_label() -> str:
    return _("Beispiel")


def example_note() -> str:
    return _("Beispielinhalt zur Demonstration des Portals: erfunden, keine echte Angabe.")


def example_title(title: str, obj) -> str:
    """``title`` led by "[Beispiel]" when ``obj`` is made up (calendar SUMMARY, feed title)."""
    return f"[{example_label()}] {title}" if obj.is_example else title


def example_description(text: str, obj, *, note: str = "") -> str:
    """``text`` led by the explanation (``note``, or the general one) when ``obj`` is made
    up: first, so that a client that shows only the beginning still shows it."""
    if not obj.is_example:
        return text
    return f"{note or example_note()}\n\n{text}".strip()


def example_meta(meta: str, obj) -> str:
    """A list entry's metadata led by "Beispiel" when ``obj`` is made up."""
    if not obj.is_example:
        return meta
    return f"{example_label()} · {meta}" if meta else example_label()
