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
