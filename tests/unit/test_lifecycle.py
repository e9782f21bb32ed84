"""The lifecycle table of an output file (docs/design.md, "Lifecycle of an output file")."""

import pytest

from airlock.outputs import lifecycle
from airlock.outputs.lifecycle import (
    AUDIT_ACTIONS,
    TRANSITIONS,
    InvalidTransition,
    can_transition,
    check_transition,
)
from airlock.outputs.models import OutputFile, Status

# The contract, written out by hand from docs/design.md: the table must allow every one of these.
CONTRACT = [
    ("uploaded", "scanning"),
    ("scanning", "scanned"),
    ("scanned", "withdrawn"),
    ("scanned", "held"),
    ("scanned", "released"),
    ("held", "released"),
    ("held", "blocked"),
    ("released", "deleted"),
    ("released", "blocked"),
    ("released", "expired"),
]

# Every status, written out: a status added to the model without a row here fails below.
ALL_STATUSES = [
    "uploaded",
    "scanning",
    "scanned",
    "withdrawn",
    "held",
    "reported",
    "released",
    "blocked",
    "deleted",
    "expired",
]
# The whole table, written out by hand (not read from TRANSITIONS): an entry added to or
# dropped from the table makes one of the two tests below fail.
ALLOWED = [
    ("uploaded", "scanning"),
    ("uploaded", "withdrawn"),
    ("scanning", "scanned"),
    ("scanning", "withdrawn"),
    ("scanned", "withdrawn"),
    ("scanned", "held"),
    ("scanned", "released"),
    ("held", "released"),
    ("held", "blocked"),
    ("held", "reported"),
    ("released", "deleted"),
    ("released", "blocked"),
    ("released", "expired"),
    ("released", "reported"),
    # The researcher's duty to report: a reviewer releases the file again or blocks it.
    ("reported", "released"),
    ("reported", "blocked"),
]
REFUSED = [(a, b) for a in ALL_STATUSES for b in ALL_STATUSES if (a, b) not in ALLOWED]


def test_every_status_has_a_row_in_the_table():
    assert sorted(map(str, Status)) == sorted(ALL_STATUSES)
    assert sorted(map(str, TRANSITIONS)) == sorted(ALL_STATUSES)


def test_the_table_is_the_written_out_one():
    table = sorted((str(a), str(b)) for a, targets in TRANSITIONS.items() for b in targets)
    assert table == sorted(ALLOWED)
    assert set(CONTRACT) <= set(ALLOWED)


@pytest.mark.parametrize(("current", "target"), CONTRACT)
def test_the_design_contract_transitions_are_allowed(current, target):
    assert can_transition(current, target)


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_every_allowed_transition_passes_the_check(current, target):
    check_transition(OutputFile(status=current), target)  # does not raise


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_every_other_transition_is_refused(current, target):
    with pytest.raises(InvalidTransition) as refused:
        check_transition(OutputFile(status=current), target)
    assert refused.value.current == current
    assert refused.value.target == target


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("uploaded", "released"),  # never out without a scan
        ("scanning", "released"),
        ("uploaded", "scanned"),
        ("blocked", "released"),  # a breach stays blocked
        ("deleted", "released"),
        ("withdrawn", "scanning"),  # a withdrawn file stays withdrawn
        ("released", "scanned"),  # nothing goes back inside
    ],
)
def test_the_dangerous_shortcuts_are_refused(current, target):
    assert not can_transition(current, target)


@pytest.mark.parametrize("status", ["withdrawn", "blocked", "deleted", "expired"])
def test_end_states_lead_nowhere(status):
    assert TRANSITIONS[status] == frozenset()


def test_every_reachable_status_writes_its_own_audit_action():
    reachable = {target for targets in TRANSITIONS.values() for target in targets}

    assert reachable <= set(AUDIT_ACTIONS)
    actions = [AUDIT_ACTIONS[s] for s in reachable]
    assert len(actions) == len(set(actions)), "two statuses share an audit action"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("scanning", "scan_started"),
        ("scanned", "scan_finished"),
        ("withdrawn", "file_withdrawn"),
        ("held", "file_held"),
        ("released", "file_released"),
        ("blocked", "file_blocked"),
        ("deleted", "file_deleted"),
        ("expired", "file_expired"),
    ],
)
def test_the_audit_action_of_each_status(status, action):
    assert AUDIT_ACTIONS[status] == action


def test_files_inside_are_exactly_those_not_yet_transferred_or_removed():
    assert lifecycle.INSIDE_STATUSES == {"uploaded", "scanning", "scanned"}
    assert "released" in lifecycle.PORTAL_STATUSES
    assert not lifecycle.INSIDE_STATUSES & lifecycle.PORTAL_STATUSES
