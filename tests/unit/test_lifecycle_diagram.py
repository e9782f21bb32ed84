"""docs/lifecycle.md is drawn from the transition tables: it cannot say other than the code."""

from django.core.management import call_command

from airlock.review import lifecycle as review_lifecycle


def test_the_checked_in_diagram_is_what_the_tables_give():
    call_command("lifecycle_diagram", "--check")  # CommandError (exit 1) when they differ


def test_a_review_item_is_decided_once_and_reopened_only_after_a_decision():
    pending, decided = review_lifecycle.State.PENDING, review_lifecycle.State.DECIDED
    assert review_lifecycle.can_transition(pending, decided)
    assert review_lifecycle.can_transition(decided, pending)
    assert not review_lifecycle.can_transition(decided, decided)
    assert not review_lifecycle.can_transition(pending, pending)
