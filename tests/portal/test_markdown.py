import pytest
from django.template import Context, Template

from portal.markdown import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">klick</a>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    "<iframe src='https://example.org'></iframe>",
    '<svg onload="alert(1)"></svg>',
]


def test_markdown_renders_structure():
    html = render_markdown("## Ziel\n\n* **schnell**\n* [Quelle](https://example.org/a)")
    assert "<h2>Ziel</h2>" in html
    assert "<strong>schnell</strong>" in html
    assert 'href="https://example.org/a"' in html
    assert 'rel="nofollow noopener"' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_neutralises_script_payloads(payload):
    html = render_markdown(f"Text\n\n{payload}").lower()
    for dangerous in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg"):
        assert dangerous not in html


def test_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_markdown_template_filter_is_safe_and_sanitised():
    html = Template("{% load portal %}{{ text|markdown }}").render(
        Context({"text": "*kursiv* <script>x()</script>"})
    )
    assert "<em>kursiv</em>" in html
    assert "<script" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[klick](javascript:alert(1))",
        '<a href="javascript:alert(1)">klick</a>',
        '<a title="Ziel" href="vbscript:msgbox(1)">klick</a>',
        "[klick](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_link_with_a_dangerous_target_keeps_its_text_without_the_element(text):
    html = render_markdown(f"Vorher {text} nachher")
    assert html == "<p>Vorher klick nachher</p>"


def test_links_with_allowed_targets_stay_links():
    html = render_markdown("[a](https://example.org/a) [b](/praxisbeispiele/) [c](mailto:x@y.de)")
    assert html.count("<a ") == 3
    assert 'href="/praxisbeispiele/"' in html
    assert 'href="mailto:x@y.de"' in html


def test_image_is_rendered_as_its_alt_text_and_loads_nothing():
    html = render_markdown('Logo: ![Wappen der Stadt](https://example.org/wappen.png "Titel")')
    assert html == "<p>Logo: Wappen der Stadt</p>"


def test_image_alt_text_stays_escaped_text():
    html = render_markdown('<img alt="<b onmouseover=x()>&amp; Co" src="x.png">')
    assert "<img" not in html
    assert "<b" not in html
    assert "&lt;b onmouseover=x()&gt;&amp; Co" in html


def test_linked_image_becomes_a_link_with_the_alt_text():
    html = render_markdown("[![Logo](https://example.org/logo.png)](https://example.org/)")
    assert html == '<p><a href="https://example.org/" rel="nofollow noopener">Logo</a></p>'
