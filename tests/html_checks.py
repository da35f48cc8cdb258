"""Checks of rendered HTML: every id an attribute refers to is in the page."""

from html.parser import HTMLParser

# Attributes whose value names elements of the same page by id, as a space-separated list
# (True) or as a single id (False).
ID_REFERENCES = {
    "aria-activedescendant": False,
    "aria-controls": True,
    "aria-describedby": True,
    "aria-details": False,
    "aria-errormessage": False,
    "aria-flowto": True,
    "aria-labelledby": True,
    "aria-owns": True,
    "for": False,
    "form": False,
    "headers": True,
    "list": False,
}


class _IdReferences(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ID_REFERENCES:
                targets = value.split() if ID_REFERENCES[name] else [value]
                self.references.extend((tag, name, target) for target in targets)
            elif name == "href" and value.startswith("#") and len(value) > 1:
                self.references.append((tag, name, value[1:]))

    handle_startendtag = handle_starttag


def dangling_id_references(html: str) -> list[str]:
    """Every reference (``aria-describedby``, ``for``, ``list``, an in-page link …) to an id
    the page does not have, as ``<tag attribute="id">``."""
    parser = _IdReferences()
    parser.feed(html)
    parser.close()
    return [
        f'<{tag} {name}="{target}">'
        for tag, name, target in parser.references
        if target not in parser.ids
    ]
