"""A policy's digest is the sha256 of its canonical JSON, released tables left out: taken
from the fields as they are (no deep copy of the fingerprints), it is the same digest as the
one recorded with every earlier verdict."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from scanners.model import Policy


def recorded_digest(policy: Policy) -> str:
    """How the digests in the verdict history were made (``asdict``, then the JSON)."""
    rules = {k: v for k, v in asdict(policy).items() if k != "released_tables"}
    canonical = json.dumps(rules, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_the_digest_is_the_one_recorded_before() -> None:
    policies = [
        Policy(),
        Policy(
            min_cell_count=5,
            dominance_k_percent=90.5,
            allowed_extensions=("csv", "txt"),
            extra_key_variables=("pnr", "cpr_nr"),
        ),
    ]
    for policy in policies:
        assert policy.digest == recorded_digest(policy)


def test_released_tables_do_not_change_the_digest() -> None:
    table = {"file_name": "a.csv", "transferred_on": "2026-01-02", "fingerprint": {"n": [1]}}

    assert Policy(released_tables=(table,)).digest == Policy().digest
