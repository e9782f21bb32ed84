"""Every kind of audit event is one value of AuditAction, and a person can read each one."""

from airlock.audit.actions import AuditAction
from airlock.outputs.lifecycle import AUDIT_ACTIONS
from airlock.review.audit_sentences import SENTENCES


def test_every_action_a_status_change_writes_is_in_the_enum():
    assert set(AUDIT_ACTIONS.values()) <= set(AuditAction)


def test_every_action_has_its_own_sentence_unless_it_is_a_status_change():
    status_changes = set(AUDIT_ACTIONS.values())
    without = {a for a in AuditAction if a not in SENTENCES and a not in status_changes}
    assert without == set()


def test_every_sentence_is_for_an_action_that_exists():
    assert set(SENTENCES) <= set(AuditAction)


def test_values_are_the_stored_strings():
    assert AuditAction.FILE_UPLOADED == "file_uploaded"
    assert len(set(AuditAction)) == len(AuditAction.values)


def test_every_action_has_a_name_in_the_readers_language():
    from django.utils import translation

    from airlock.audit.action_names import ACTION_NAMES, action_name

    assert set(ACTION_NAMES) == set(AuditAction)
    with translation.override("da"):
        assert action_name(AuditAction.FILE_RELEASED) == "Fil frigivet"
        named = {action_name(a) for a in AuditAction}
    assert not any("_" in name for name in named)  # no key shown as its name
    assert len(named) == len(AuditAction)  # each reads differently
