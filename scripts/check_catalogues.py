"""List what is left to translate in each catalogue under locale/ (``make messages``).

    .venv/bin/python scripts/check_catalogues.py            # every language, counts and msgids
    .venv/bin/python scripts/check_catalogues.py sv --quiet # counts only
    .venv/bin/python scripts/check_catalogues.py nb --todo var/nb_todo.json
    .venv/bin/python scripts/check_catalogues.py --update   # makemessages first (make messages)

Per language: the untranslated and fuzzy msgids, and whether the .mo is the .po compiled (if
not: compile it). ``--todo FILE`` writes the untranslated and fuzzy entries of one language as
a JSON object in catalogue order, msgid -> "" (or a list of empty plural forms), with the Danish
translation beside each under "_da" for reference; translate the values and give the file to
scripts/fill_catalogue.py as it is (it skips "_da" and the values still empty). ``--update``
first runs makemessages for the chosen languages with the project's options (MAKEMESSAGES
below), so the catalogues hold today's msgids. Exits 1 when something is left, so CI can use it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
CONTEXT_SEPARATOR = "\x04"
# How every catalogue is made: the same msgids in each language (docs/operations/translations.md).
MAKEMESSAGES = [
    "makemessages",
    "--no-wrap",
    "--no-location",
    *(
        f"--ignore={path}/*"
        for path in (".venv", "scanners", "tests", "bench", "var", "deploy", "scripts", "docs")
    ),
]


def entry_key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/django.po"))


def left_to_do(po: polib.POFile) -> list[polib.POEntry]:
    todo = {id(e) for e in po.untranslated_entries()} | {id(e) for e in po.fuzzy_entries()}
    for entry in po:
        if entry.msgid_plural and not all(entry.msgstr_plural.values()):
            todo.add(id(entry))
    return [e for e in po if id(e) in todo and not e.obsolete]


def compiled_is_current(po: polib.POFile, mo_path: Path) -> bool:
    """Whether the .mo holds every translation of the .po as it stands (compared by content, not
    by age: a checkout gives both files the same time)."""
    if not mo_path.exists():
        return False
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
        for e in polib.mofile(str(mo_path))
        if e.msgid
    }
    for entry in po.translated_entries():
        got = compiled.get((entry.msgctxt, entry.msgid))
        if got is None:
            return False
        if entry.msgid_plural:
            if got[1] != {int(k): v for k, v in entry.msgstr_plural.items()}:
                return False
        elif got[0] != entry.msgstr:
            return False
    return True


def todo_file(po: polib.POFile, reference: polib.POFile | None) -> dict:
    danish = {entry_key(e): e for e in reference} if reference else {}
    out: dict = {}
    for entry in left_to_do(po):
        key = entry_key(entry)
        out[key] = ["", ""] if entry.msgid_plural else ""
        if key in danish:
            ref = danish[key]
            out.setdefault("_da", {})[key] = (
                [ref.msgstr_plural[k] for k in sorted(ref.msgstr_plural)]
                if ref.msgid_plural
                else ref.msgstr
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help="default: every catalogue in locale/")
    parser.add_argument("--quiet", action="store_true", help="counts only")
    parser.add_argument("--todo", type=Path, help="write one language's open entries as JSON")
    parser.add_argument("--update", action="store_true", help="run makemessages first")
    args = parser.parse_args(argv)

    chosen = args.languages or languages()
    if args.update:
        locales = [arg for language in chosen for arg in ("-l", language)]
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *MAKEMESSAGES, *locales], cwd=ROOT, check=True
        )
    if args.todo:
        if len(chosen) != 1:
            raise SystemExit("--todo takes exactly one language")
        po = polib.pofile(str(LOCALE / chosen[0] / "LC_MESSAGES" / "django.po"))
        da_path = LOCALE / "da" / "LC_MESSAGES" / "django.po"
        reference = polib.pofile(str(da_path)) if da_path.exists() and chosen[0] != "da" else None
        args.todo.write_text(
            json.dumps(todo_file(po, reference), ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        print(f"{chosen[0]}: {len(left_to_do(po))} open entries written to {args.todo}")
        return 0

    anything_left = False
    for language in chosen:
        po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        if not po_path.exists():
            print(f"{language}: no catalogue ({po_path.relative_to(ROOT)})")
            anything_left = True
            continue
        po = polib.pofile(str(po_path))
        entries = [e for e in po if not e.obsolete]
        untranslated = [e for e in po.untranslated_entries() if not e.obsolete]
        fuzzy = [e for e in po.fuzzy_entries() if not e.obsolete]
        stale = not compiled_is_current(po, mo_path)
        print(
            f"{language}: {len(entries)} messages, {len(untranslated)} untranslated, "
            f"{len(fuzzy)} fuzzy{', .mo is not the .po compiled: compile' if stale else ''}"
        )
        if not args.quiet:
            for entry in untranslated:
                print(f"  untranslated: {entry_key(entry)!r}")
            for entry in fuzzy:
                print(f"  fuzzy: {entry_key(entry)!r}")
        anything_left = anything_left or bool(untranslated or fuzzy or stale)
    return 1 if anything_left else 0


if __name__ == "__main__":
    sys.exit(main())
