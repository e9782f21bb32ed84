"""The Datadoc variable an ``identifier.column`` finding is about, for the pages that show it.

The scanner names the column and the key variable it matched; the description is the
project's metadata, so it is added here, where the finding is shown, not in the scan report.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import get_language

from airlock.projects.datadoc import DatadocVariable
from airlock.projects.datadoc_document import text_in_language
from airlock.projects.datadoc_services import datadoc_key_variables
from airlock.projects.models import Project
from scanners.detectors.key_variables import key_variable_in

_COLUMN = re.compile(r"^Column '(?P<header>.*?)'")
_KEY = re.compile(r"named like the key variable (?P<key>\S+?)\.(?:\s|$)")
_CACHE = "_datadoc_key_variables"


def _keys(project: Project) -> dict[str, DatadocVariable]:
    cached = project.__dict__.get(_CACHE)
    if cached is None:
        cached = datadoc_key_variables(project=project) if project.pk else {}
        project.__dict__[_CACHE] = cached
    return cached


def datadoc_variable_for_finding(
    finding: dict[str, Any], project: Project | None
) -> dict[str, str] | None:
    if project is None or finding.get("code") != "identifier.column":
        return None
    keys = _keys(project)
    if not keys:
        return None
    message = str(finding.get("original_message") or finding.get("message") or "")
    variable = None
    for header in (_header(message), str(finding.get("evidence") or "")):
        name = key_variable_in(header, keys) if header else None
        if name in keys:
            variable = keys[name]
            break
    if variable is None:
        match = _KEY.search(message)
        if match:
            variable = keys.get(match.group("key").lower())
    if variable is None:
        return None
    language = get_language() or "en"
    return {
        "short_name": variable.short_name,
        "name": text_in_language(variable.names, language),
        "description": text_in_language(variable.descriptions, language),
        "dataset": variable.dataset.short_name,
    }


def _header(message: str) -> str:
    match = _COLUMN.match(message)
    return match.group("header") if match else ""
