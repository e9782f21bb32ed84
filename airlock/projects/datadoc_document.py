"""A Datadoc JSON document read and checked field by field, before anything is stored.

Datadoc (Statistics Norway's metadata model) writes one JSON file per data set: a ``dataset``
object and a list of ``variables``, with the model's international field names as keys, either
at the top level or under ``datadoc``. We read the fields the airlock uses and check the others
we know (enumerations, dates, language texts), so an administrator learns every mistake in one
go: each problem is a JSON path (``$.datadoc.variables[2].variable_role``) and what is wrong.
Keys we do not know are ignored: newer Datadoc versions add fields.

This reads JSON that an administrator chose to import, never a researcher's upload, and only
with the standard library's parser under a size limit.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_NAME_LENGTH = 64  # longer column headers are never matched as key variables

VARIABLE_ROLES = ("IDENTIFIER", "MEASURE", "START_TIME", "STOP_TIME", "ATTRIBUTE")
PERSONAL_DATA = (
    "NOT_PERSONAL_DATA",
    "PSEUDONYMISED_ENCRYPTED_PERSONAL_DATA",
    "NON_PSEUDONYMISED_ENCRYPTED_PERSONAL_DATA",
)
DATA_TYPES = ("STRING", "INTEGER", "FLOAT", "DATETIME", "BOOLEAN")
TEMPORALITY_TYPES = ("FIXED", "STATUS", "ACCUMULATED", "EVENT")
DATASET_STATES = ("SOURCE_DATA", "INPUT_DATA", "PROCESSED_DATA", "STATISTICS", "OUTPUT_DATA")
DATASET_STATUSES = ("DRAFT", "INTERNAL", "EXTERNAL", "DEPRECATED")
ASSESSMENTS = ("SENSITIVE", "PROTECTED", "OPEN")
USE_RESTRICTIONS = ("DELETION_ANONYMIZATION", "PROCESS_LIMITATIONS", "SECONDARY_USE_RESTRICTIONS")

_DATASET_ENUMS = {
    "dataset_state": DATASET_STATES,
    "dataset_status": DATASET_STATUSES,
    "assessment": ASSESSMENTS,
    "temporality_type": TEMPORALITY_TYPES,
}
_VARIABLE_ENUMS = {
    "variable_role": VARIABLE_ROLES,
    "data_type": DATA_TYPES,
    "temporality_type": TEMPORALITY_TYPES,
}
_DATES = ("contains_data_from", "contains_data_until", "use_restriction_date")
_DATASET_TEXTS = ("name", "description", "population_description", "version_description")
_VARIABLE_TEXTS = ("name", "description", "comment", "population_description")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPLIT = re.compile(r"[^0-9a-zæøåäöü]+")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Variable:
    short_name: str
    names: tuple[tuple[str, str], ...]  # (language code, text)
    descriptions: tuple[tuple[str, str], ...]
    variable_role: str
    is_personal_data: str  # one of PERSONAL_DATA; booleans of newer versions are mapped
    data_element_path: str

    @property
    def is_key(self) -> bool:
        return self.variable_role == "IDENTIFIER" or self.is_personal_data != "NOT_PERSONAL_DATA"

    @property
    def key_names(self) -> tuple[str, ...]:
        """The short name and the alternative names (each language's name, the element path's
        last part), normalised the way the scanner normalises column headers."""
        raw = [self.short_name, *(text for _lang, text in self.names)]
        if self.data_element_path:
            raw.append(self.data_element_path.rsplit(".", 1)[-1])
        names: list[str] = []
        for value in raw:
            name = key_name(value)
            if name and len(name) <= MAX_NAME_LENGTH and name not in names:
                names.append(name)
        return tuple(names)


@dataclass
class Document:
    short_name: str
    names: tuple[tuple[str, str], ...]
    variables: list[Variable] = field(default_factory=list)


class DocumentInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def key_name(text: str) -> str:
    """ "Fødselsnummer (mor)" -> "fødselsnummer_mor": lower case, words joined by "_"."""
    return "_".join(t for t in _SPLIT.split(text.strip().lower()) if t)


def document_read(raw: bytes, *, file_name: str = "") -> Document:
    """The document, or DocumentInvalid with every problem found."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        raise DocumentInvalid(
            [Problem("$", _("The document is larger than %(limit)s MB.") % {"limit": limit})]
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DocumentInvalid([Problem("$", _("The file is not UTF-8 text."))]) from None
    except RecursionError:
        raise DocumentInvalid([Problem("$", _("The JSON is nested too deeply."))]) from None
    except json.JSONDecodeError as exc:
        message = _("Not valid JSON: %(error)s (line %(line)s, column %(column)s).") % {
            "error": exc.msg,
            "line": exc.lineno,
            "column": exc.colno,
        }
        raise DocumentInvalid([Problem("$", message)]) from None
    return _Reader(file_name).document(data)


class _Reader:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def document(self, data: Any) -> Document:
        if not isinstance(data, dict):
            raise DocumentInvalid([Problem("$", _("Expected a JSON object."))])
        root, base = data, "$"
        if "datadoc" in data:
            root, base = data["datadoc"], "$.datadoc"
            if not isinstance(root, dict):
                raise DocumentInvalid([Problem(base, _("Expected a JSON object."))])
        dataset = root.get("dataset")
        short_name = ""
        names: tuple[tuple[str, str], ...] = ()
        if dataset is None:
            pass
        elif not isinstance(dataset, dict):
            self.problem(f"{base}.dataset", _("Expected a JSON object."))
        else:
            short_name = self.optional_string(dataset, "short_name", f"{base}.dataset")
            names = self.check_fields(
                dataset, f"{base}.dataset", _DATASET_ENUMS, _DATASET_TEXTS
            ).get("name", ())
            self.check_dataset_extras(dataset, f"{base}.dataset")
        variables = self.variables(root, base)
        if self.problems:
            raise DocumentInvalid(self.problems)
        if not short_name:
            short_name = (names[0][1] if names else "") or _file_stem(self.file_name)
        return Document(short_name=short_name[:200], names=names, variables=variables)

    def variables(self, root: dict, base: str) -> list[Variable]:
        path = f"{base}.variables"
        items = root.get("variables")
        if items is None:
            self.problem(path, _("Missing: a Datadoc document lists its variables here."))
            return []
        if not isinstance(items, list):
            self.problem(path, _("Expected a list of variables."))
            return []
        variables: list[Variable] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            if not isinstance(item, dict):
                self.problem(here, _("Expected a JSON object."))
                continue
            variable = self.variable(item, here)
            if variable is None:
                continue
            folded = variable.short_name.lower()
            if folded in seen:
                self.problem(
                    f"{here}.short_name",
                    _("'%(name)s' is already the short name of variables[%(index)s].")
                    % {"name": variable.short_name, "index": seen[folded]},
                )
            seen.setdefault(folded, index)
            variables.append(variable)
        return variables

    def variable(self, item: dict, here: str) -> Variable | None:
        before = len(self.problems)
        short_name = self.optional_string(item, "short_name", here)
        if not short_name.strip():
            if item.get("short_name") is None or isinstance(item["short_name"], str):
                self.problem(f"{here}.short_name", _("Missing: every variable needs a short name."))
        elif len(short_name) > MAX_NAME_LENGTH:
            self.problem(
                f"{here}.short_name",
                _("Longer than %(limit)s characters.") % {"limit": MAX_NAME_LENGTH},
            )
        texts = self.check_fields(item, here, _VARIABLE_ENUMS, _VARIABLE_TEXTS)
        personal = self.personal_data(item, here)
        path = self.optional_string(item, "data_element_path", here)
        if len(self.problems) > before:
            return None
        return Variable(
            short_name=short_name.strip(),
            names=texts.get("name", ()),
            descriptions=texts.get("description", ()),
            variable_role=item.get("variable_role") or "",
            is_personal_data=personal,
            data_element_path=path,
        )

    def personal_data(self, item: dict, here: str) -> str:
        value = item.get("is_personal_data")
        if value is None or value is False:
            return "NOT_PERSONAL_DATA"
        if value is True:  # newer Datadoc versions: a boolean, pseudonymisation described apart
            return "NON_PSEUDONYMISED_ENCRYPTED_PERSONAL_DATA"
        if value in PERSONAL_DATA:
            return value
        self.problem(f"{here}.is_personal_data", _not_one_of(value, PERSONAL_DATA))
        return "NOT_PERSONAL_DATA"

    def check_fields(
        self, item: dict, here: str, enums: dict[str, tuple[str, ...]], texts: tuple[str, ...]
    ) -> dict[str, tuple[tuple[str, str], ...]]:
        for key, allowed in enums.items():
            value = item.get(key)
            if value is not None and value not in allowed:
                self.problem(f"{here}.{key}", _not_one_of(value, allowed))
        for key in _DATES:
            value = item.get(key)
            if value is not None and not _is_date(value):
                self.problem(
                    f"{here}.{key}",
                    _("Expected a date as YYYY-MM-DD (ISO 8601), got %(value)s.")
                    % {"value": _shown(value)},
                )
        found: dict[str, tuple[tuple[str, str], ...]] = {}
        for key in texts:
            if item.get(key) is not None:
                found[key] = self.language_texts(item[key], f"{here}.{key}")
        return found

    def check_dataset_extras(self, dataset: dict, here: str) -> None:
        value = dataset.get("contains_personal_data")
        if value is not None and not isinstance(value, bool):
            self.problem(
                f"{here}.contains_personal_data",
                _("Expected true or false, got %(value)s.") % {"value": _shown(value)},
            )
        restriction = dataset.get("use_restriction")
        if restriction is None:
            return
        if isinstance(restriction, list):  # newer versions: a list of {type, date}
            for index, entry in enumerate(restriction):
                kind = entry.get("use_restriction_type") if isinstance(entry, dict) else entry
                if kind not in USE_RESTRICTIONS:
                    self.problem(
                        f"{here}.use_restriction[{index}]", _not_one_of(kind, USE_RESTRICTIONS)
                    )
        elif restriction not in USE_RESTRICTIONS:
            self.problem(f"{here}.use_restriction", _not_one_of(restriction, USE_RESTRICTIONS))

    def language_texts(self, value: Any, here: str) -> tuple[tuple[str, str], ...]:
        """A plain string, or Datadoc's list of {"languageCode": ..., "languageText": ...}."""
        if isinstance(value, str):
            return (("", value),) if value.strip() else ()
        if not isinstance(value, list):
            self.problem(
                here,
                _('Expected a text or a list of {"languageCode": ..., "languageText": ...}.'),
            )
            return ()
        texts: list[tuple[str, str]] = []
        for index, entry in enumerate(value):
            at = f"{here}[{index}]"
            if not isinstance(entry, dict):
                self.problem(at, _('Expected {"languageCode": ..., "languageText": ...}.'))
                continue
            code, text = entry.get("languageCode", ""), entry.get("languageText")
            if not isinstance(code, str):
                self.problem(f"{at}.languageCode", _("Expected a text, such as nb or en."))
                continue
            if text is None:
                continue
            if not isinstance(text, str):
                self.problem(f"{at}.languageText", _("Expected a text."))
                continue
            if text.strip():
                texts.append((code, text.strip()))
        return tuple(texts)

    def optional_string(self, item: dict, key: str, here: str) -> str:
        value = item.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(
                f"{here}.{key}", _("Expected a text, got %(value)s.") % {"value": _shown(value)}
            )
            return ""
        return value


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value[:10]):
        return False
    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _not_one_of(value: Any, allowed: tuple[str, ...]) -> str:
    return _("%(value)s is not one of %(allowed)s.") % {
        "value": _shown(value),
        "allowed": ", ".join(allowed),
    }


def _file_stem(name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    for suffix in (".json", ".JSON"):
        stem = stem.removesuffix(suffix)
    return stem.removesuffix("__DOC") or _("unnamed data set")


def text_in_language(texts: tuple[tuple[str, str], ...] | list, language: str) -> str:
    """The text in the reader's language, else English, else Norwegian, else the first one."""
    pairs = [(str(code), str(text)) for code, text in texts]
    if not pairs:
        return ""
    lang = (language or "en").split("-")[0]
    for wanted in (lang, "en", "nb", "nn"):
        for code, text in pairs:
            if code.lower() == wanted:
                return text
    return pairs[0][1]
