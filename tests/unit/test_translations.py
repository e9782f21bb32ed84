"""Every message in the Danish, Swedish and Norwegian Bokmål catalogues is translated, and the
shipped .mo is the .po compiled; a browser asking for one of them gets its pages in it.

Run in CI with the unit tests. After adding or changing a user-facing string:
``manage.py makemessages -l da -l sv -l nb`` (see docs/operations/translations.md), translate,
then ``manage.py compilemessages`` and commit both files. scripts/check_catalogues.py lists
what is left.
"""

import re
from datetime import date, datetime
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from airlock.formats.widgets import DayMonthYearInput

PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sd]|%[sd]")

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["da", "sv", "nb"]


def test_every_language_offered_has_a_checked_catalogue():
    """A language in the switch without a catalogue would show English under its own name."""
    offered = {code for code, _name in settings.LANGUAGES} - {"en"}
    assert offered == set(LANGUAGES)
    for code in offered:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").exists(), code


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


# What a researcher sees: the sign-in page asked for in Swedish or Norwegian comes back in it.
SIGN_IN = {
    "sv": ("Logga in", "Lösenord", "Användarnamn", "Svenska"),
    "nb": ("Logg inn", "Passord", "Brukernavn", "Norsk (bokmål)"),
    "da": ("Log ind", "Adgangskode", "Brugernavn", "Dansk"),
}


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("sv", "sv"),
        ("sv-SE,sv;q=0.9,en;q=0.5", "sv"),
        ("nb", "nb"),
        ("nb-NO,nb;q=0.9", "nb"),
        # Browsers that name the macro language or Nynorsk get the Bokmål pages, not English.
        ("no", "nb"),
        ("no-NO,no;q=0.9,en;q=0.5", "nb"),
        ("nn-NO,nn;q=0.9", "nb"),
    ],
)
def test_the_sign_in_page_comes_in_the_browsers_language(client, accept, language):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    title, password, username, own_name = SIGN_IN[language]
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    assert f">{password}</label>" in page and f">{username}</label>" in page
    assert "Password" not in page and "Username" not in page
    # The switch names the current language in itself and offers the others.
    assert f'lang="{language}" aria-current="true">{own_name}<' in page
    assert 'name="language" value="en" lang="en"' in page


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_choosing_swedish_or_norwegian_in_the_switch_sticks(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<html lang="{language}">' in page and f"<h1>{SIGN_IN[language][0]}</h1>" in page


@pytest.mark.parametrize(
    ("language", "when", "short", "number"),
    [
        ("sv", "1 december 2026 kl. 10:15", "2026-12-01", "1\xa0234,5"),
        ("nb", "1. desember 2026 kl. 10:15", "01.12.2026", "1\xa0234,5"),
    ],
)
def test_dates_and_numbers_are_written_as_in_the_language(language, when, short, number):
    moment = datetime(2026, 12, 1, 10, 15)
    with translation.override(language):
        assert formats.date_format(moment, "DATETIME_FORMAT") == when
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == short
        assert formats.number_format(1234.5, 1, force_grouping=True) == number


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_dates_are_typed_day_first_or_iso_never_month_first(language):
    """The date fields show "31-12-2026" in every language; Django's own Swedish formats would
    also read "12/31/2026" month first."""
    field = forms.DateField(widget=DayMonthYearInput())
    with translation.override(language):
        for typed in ("31-12-2026", "31.12.2026", "31/12/2026", "2026-12-31"):
            assert field.clean(typed) == date(2026, 12, 31), typed
        with pytest.raises(forms.ValidationError):
            field.clean("12/31/2026")
        assert 'value="31-12-2026"' in field.widget.render("ends_on", date(2026, 12, 31))
