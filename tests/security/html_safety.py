"""What "nothing executable survives" means for a rendered page, checked on its HTML."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")

# Attributes whose value the browser may load or run as a URL.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcset",
    "content",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
# Elements that embed other documents or change how the page resolves URLs.
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


def load_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def _scheme(value: str) -> str:
    # Browsers ignore control characters and whitespace inside a URL's scheme.
    return re.sub(r"[\x00-\x20]", "", value).lower()


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None
        self.json_ld_blocks = 0

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            # A <meta content> without http-equiv is plain text (description, og tags).
            plain_meta = tag == "meta" and "http-equiv" not in values
            dangerous = value and _scheme(value).startswith(DANGEROUS_SCHEMES)
            if name in URL_ATTRIBUTES and dangerous and not plain_meta:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            kind = (values.get("type") or "").lower()
            src = values.get("src") or ""
            # JSON data blocks (JSON-LD, Django's json_script) never run; they must parse.
            if kind in {"application/ld+json", "application/json"}:
                self._script = {"json": True, "ld": kind == "application/ld+json", "text": ""}
            elif src.startswith("/static/") and not kind.startswith("text/x"):
                self._script = {"json": False, "text": ""}
            else:
                self.problems.append(f"<script {attrs!r}>")
                self._script = {"json": False, "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            script, self._script = self._script, None
            if script["json"]:
                self.json_ld_blocks += script["ld"]
                try:
                    json.loads(script["text"])
                except ValueError as error:
                    self.problems.append(f"JSON block broken ({error}): {script['text'][:200]}")
            elif script["text"].strip():
                self.problems.append(f"inline script: {script['text'][:200]}")


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(response, payload: str = "") -> None:
    """The page answered 200 and carries nothing the payload could run."""
    url = getattr(getattr(response, "request", None), "get", lambda *_: None)("PATH_INFO")
    assert response.status_code == 200, (url, payload, response.status_code)
    problems = audit(response.content.decode()).problems
    assert not problems, f"payload {payload!r} left executable markup on {url}: {problems}"
