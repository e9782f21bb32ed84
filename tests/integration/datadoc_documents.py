"""Datadoc documents for the tests, built in code: a register's person file with an
identifier, a personal address variable and a measure."""

from __future__ import annotations

import json
from typing import Any


def text(nb: str, en: str = "") -> list[dict[str, str]]:
    texts = [{"languageCode": "nb", "languageText": nb}]
    if en:
        texts.append({"languageCode": "en", "languageText": en})
    return texts


def variable(short_name: str, **fields: Any) -> dict[str, Any]:
    return {
        "short_name": short_name,
        "data_type": "STRING",
        "variable_role": "MEASURE",
        "is_personal_data": "NOT_PERSONAL_DATA",
        **fields,
    }


def person_file(short_name: str = "person_bosted_p2024") -> dict[str, Any]:
    return {
        "document_version": "4.0.0",
        "datadoc": {
            "document_version": "4.0.0",
            "dataset": {
                "short_name": short_name,
                "dataset_state": "PROCESSED_DATA",
                "dataset_status": "INTERNAL",
                "assessment": "PROTECTED",
                "contains_personal_data": True,
                "contains_data_from": "2024-01-01",
                "contains_data_until": "2024-12-31",
                "temporality_type": "STATUS",
            },
            "variables": [
                variable(
                    "snr",
                    variable_role="IDENTIFIER",
                    is_personal_data="PSEUDONYMISED_ENCRYPTED_PERSONAL_DATA",
                    name=text("Stabilt personnummer", "Stable person number"),
                    description=text(
                        "Pseudonymisert løpenummer for personen",
                        "Pseudonymised serial number of the person",
                    ),
                ),
                variable(
                    "bostedsadresse",
                    is_personal_data="NON_PSEUDONYMISED_ENCRYPTED_PERSONAL_DATA",
                    name=text("Bostedsadresse", "Home address"),
                    description=text(
                        "Adressen der personen er bosatt", "The address where the person lives"
                    ),
                ),
                variable(
                    "inntekt",
                    data_type="INTEGER",
                    name=text("Inntekt", "Income"),
                    description=text("Samlet inntekt", "Total income"),
                ),
            ],
        },
    }


def encoded(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()
