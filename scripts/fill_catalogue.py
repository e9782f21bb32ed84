"""Fill a language's catalogue (locale/<lang>/LC_MESSAGES/django.po) from translation files.

Each file is JSON: an object of msgid -> translation. A translation is a string, or for a
message with a plural a list of the forms in catalogue order (["1 fil", "%(count)s filer"]).
A message with a context (``pgettext``) is keyed "context\\u0004msgid", as gettext does.
Keys starting with "_" are notes and are skipped (the "_da" reference that
scripts/check_catalogues.py --todo writes), and so are values left empty ("" or ["", ""]), so
a half-done todo file can be filled in as it stands.

    .venv/bin/python scripts/fill_catalogue.py sv translations/sv_01.json translations/sv_02.json
    .venv/bin/python scripts/fill_catalogue.py nb --check translations/nb_*.json

A translation that drops or renames a placeholder (%(name)s, %s, %d) is refused, a key that is
not in the catalogue is reported (the msgid may have changed: run makemessages first), and an
entry that gets a translation loses its "fuzzy" flag. The header gets the language's name and
loses its own "fuzzy" flag, so compilemessages reads it. Nothing is written with --check.
Afterwards: ``manage.py compilemessages -l <lang>`` and scripts/check_catalogues.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
CONTEXT_SEPARATOR = "\x04"
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sd]|%[sd]|\{\w*\}")
TEAMS = {"da": "Danish", "sv": "Swedish", "nb": "Norwegian Bokmål"}


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def entry_key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def load(paths: list[Path]) -> dict[str, str | list[str]]:
    translations: dict[str, str | list[str]] = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise SystemExit(f"{path}: expected an object of msgid -> translation")
        for key, value in data.items():
            if key in translations and translations[key] != value:
                print(f"{path}: {key!r} given twice with different translations; the last wins")
            translations[key] = value
    return translations


def problems_of(entry: polib.POEntry, value: str | list[str]) -> list[str]:
    """Why ``value`` cannot be the translation of ``entry`` (nothing: it can)."""
    if entry.msgid_plural:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return ["a plural message needs a list of non-empty forms"]
        if len(value) != len(entry.msgstr_plural or {0: "", 1: ""}):
            return [f"needs {len(entry.msgstr_plural)} plural forms, got {len(value)}"]
        allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        found = [
            f"form {i} has {sorted(placeholders(v) - allowed)}"
            for i, v in enumerate(value)
            if not placeholders(v) <= allowed
        ]
        if placeholders(value[-1]) != placeholders(entry.msgid_plural):
            found.append(f"the last form must keep {sorted(placeholders(entry.msgid_plural))}")
        return found
    if not isinstance(value, str) or not value:
        return ["needs a non-empty string"]
    if placeholders(value) != placeholders(entry.msgid):
        wanted, found = sorted(placeholders(entry.msgid)), sorted(placeholders(value))
        return [f"placeholders {found} != {wanted}"]
    return []


def fill(po: polib.POFile, translations: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    """Put the translations into ``po``; return how many entries changed and the problems."""
    entries = {entry_key(e): e for e in po if not e.obsolete}
    changed, problems = 0, []
    for key, value in translations.items():
        if key.startswith("_") or value in ("", []) or (isinstance(value, list) and not any(value)):
            continue
        entry = entries.get(key)
        if entry is None:
            problems.append(f"not in the catalogue: {key!r}")
            continue
        found = problems_of(entry, value)
        if found:
            problems.extend(f"{key!r}: {p}" for p in found)
            continue
        if entry.msgid_plural:
            new = dict(enumerate(value))
            if new != {int(k): v for k, v in entry.msgstr_plural.items()}:
                entry.msgstr_plural = new
                changed += 1
        elif entry.msgstr != value:
            entry.msgstr = value
            changed += 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    return changed, problems


def fix_header(po: polib.POFile, language: str, changed: bool) -> None:
    po.metadata_is_fuzzy = False
    if changed:
        po.metadata["PO-Revision-Date"] = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
    po.metadata["Project-Id-Version"] = "Airlock"
    po.metadata["Last-Translator"] = "Airlock team"
    po.metadata["Language-Team"] = TEAMS.get(language, language)
    po.metadata["Language"] = language
    po.metadata.setdefault("Plural-Forms", "nplurals=2; plural=(n != 1);")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", help="catalogue to fill, e.g. sv or nb")
    parser.add_argument("files", nargs="+", type=Path, help="JSON files of msgid -> translation")
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)

    path = catalogue_path(args.language)
    if not path.exists():
        raise SystemExit(f"{path} is missing: run manage.py makemessages -l {args.language}")
    po = polib.pofile(str(path), wrapwidth=0)
    changed, problems = fill(po, load(args.files))
    fix_header(po, args.language, changed > 0)
    for problem in problems:
        print(f"{args.language}: {problem}", file=sys.stderr)
    untranslated = len(po.untranslated_entries())
    print(
        f"{args.language}: {changed} changed, {len(problems)} refused, "
        f"{untranslated} of {len([e for e in po if not e.obsolete])} still untranslated"
    )
    if not args.check:
        po.save(str(path))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
