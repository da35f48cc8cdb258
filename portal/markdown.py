"""Markdown for editorial text: rendered, then sanitised with an allowlist.

Editors and proposal forms write Markdown; whatever HTML they put in (a ``<script>``, an
``onerror=`` attribute, a ``javascript:`` link) is removed by nh3 after rendering, so the
result can be marked safe. A link whose target nh3 removes keeps its text without the element
(an ``<a>`` without ``href`` is no link), and an image becomes its alternative text: the
portal loads no images from elsewhere, but the words the author gave for it stay.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    # Only so that its alt text survives the cleaning; _images_as_text replaces every one.
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"alt"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists"]

# nh3 serialises canonically: "<" and ">" are escaped in text and in attribute values, and
# links never nest. So on its output these patterns match exactly the tags it kept, and an
# alt value (escaped for an attribute) is also correctly escaped text.
_IMAGE = re.compile(r"<img\b([^>]*)>")
_ALT = re.compile(r'\salt="([^"]*)"')
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\shref="')


def _images_as_text(html: str) -> str:
    def alt_text(match: re.Match) -> str:
        alt = _ALT.search(match.group(1))
        return alt.group(1) if alt else ""

    return _IMAGE.sub(alt_text, html)


def _unwrap_links_without_target(html: str) -> str:
    return _LINK.sub(
        lambda match: match.group(0) if _HREF.search(match.group(1)) else match.group(2), html
    )


def render_markdown(text: str | None) -> SafeString:
    """Markdown as sanitised HTML; links to other sites get rel="nofollow noopener"."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=EXTENSIONS, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
    )
    return mark_safe(_unwrap_links_without_target(_images_as_text(cleaned)))
