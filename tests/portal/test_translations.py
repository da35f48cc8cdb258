"""Every UI string has an English translation, and the compiled catalogues are current."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/en/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_every_app_with_strings_has_a_catalogue():
    apps_with_catalogue = {path.parts[-5] for path in CATALOGUES}
    assert {"portal"} <= apps_with_catalogue


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.parent.parent.parent))
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    compiled_entries = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    for entry in catalogue.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled_entries, f"{entry.msgid!r} not compiled"
        compiled_entry = compiled_entries[(entry.msgctxt, entry.msgid)]
        if entry.msgid_plural:
            assert compiled_entry.msgstr_plural == entry.msgstr_plural
        else:
            assert compiled_entry.msgstr == entry.msgstr, f"{entry.msgid!r} out of date"
