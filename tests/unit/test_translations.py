"""Every message in the Danish catalogue is translated, and the shipped .mo is the .po compiled.

Run in CI with the unit tests. After adding or changing a user-facing string:
``manage.py makemessages -l da`` (see docs/operations/translations.md), translate, then
``manage.py compilemessages`` and commit both files.
"""

import re
from pathlib import Path

import polib
import pytest

PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sd]|%[sd]")

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["da"]


@pytest.fixture(params=LANGUAGES)
def catalogue(request) -> tuple[str, polib.POFile]:
    path = LOCALE / request.param / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    return request.param, polib.pofile(str(path))


def test_every_message_has_a_translation_and_none_is_fuzzy(catalogue):
    language, po = catalogue
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:10]}"
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), f"{language}: empty plural {entry.msgid!r}"


def test_placeholders_are_kept_in_every_translation(catalogue):
    """A translation that drops or renames %(name)s would fail at run time or mislead."""
    language, po = catalogue
    for entry in po.translated_entries():
        if entry.msgid_plural:
            # The singular form may leave out the count ("Din fil er sendt"); the plural may not.
            allowed = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            for form in forms:
                assert _placeholders(form) <= allowed, f"{language}: {entry.msgid!r} -> {form!r}"
            assert _placeholders(forms[-1]) == _placeholders(entry.msgid_plural), (
                f"{language}: {entry.msgid_plural!r} -> {forms[-1]!r}"
            )
        else:
            assert _placeholders(entry.msgstr) == _placeholders(entry.msgid), (
                f"{language}: {entry.msgid!r} -> {entry.msgstr!r}"
            )


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_shipped_mo_is_the_po_compiled(catalogue):
    language, po = catalogue
    mo_path = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run manage.py compilemessages"
    mo = polib.mofile(str(mo_path))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{language}: {entry.msgid!r} is not in the .mo: recompile"
        msgstr, plural = compiled[key]
        if entry.msgid_plural:
            assert {int(k): v for k, v in plural.items()} == {
                int(k): v for k, v in entry.msgstr_plural.items()
            }, f"{language}: {entry.msgid!r} differs in the .mo: recompile"
        else:
            assert msgstr == entry.msgstr, f"{language}: {entry.msgid!r} differs: recompile"
