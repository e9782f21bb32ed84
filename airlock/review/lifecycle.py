"""The states of a review item and the changes between them: data, as the file's lifecycle is
(``airlock/outputs/lifecycle.py``). docs/lifecycle.md draws both (``manage.py lifecycle_diagram``).

An item waits for a reviewer (``pending``) until one decides (``decided``). A decided item is
opened again when something the decision did not see turns up: the researcher reports a
suspected breach of the file, or a re-scan now warns about a released file. The earlier
decision stays in the audit trail.
"""

from airlock.review.models import ReviewItem

State = ReviewItem.State

# Each allowed change, with what makes it happen.
TRANSITIONS: dict[str, dict[str, str]] = {
    State.PENDING: {State.DECIDED: "a reviewer decides"},
    State.DECIDED: {State.PENDING: "reported, or a re-scan warns"},
}


class InvalidReviewTransition(Exception):
    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"Cannot move a review item from {current} to {target}")
        self.current = current
        self.target = target


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, {})


def check_transition(item: ReviewItem, target: str) -> None:
    if not can_transition(item.state, target):
        raise InvalidReviewTransition(item.state, target)


def review_item_reopen(item: ReviewItem, *, reason: str, priority: int | None = None) -> None:
    """Put the item back in the queue for ``reason`` (kept with its other reasons). Saves it.
    A pending item keeps waiting, with the reason added."""
    if reason not in item.reasons:
        item.reasons = [*item.reasons, str(reason)]
    if priority is not None:
        item.priority = priority
    if item.state == State.DECIDED:
        check_transition(item, State.PENDING)
        item.state = State.PENDING
        item.decision = ""
        item.note = ""
        item.reviewer = None
        item.decided_at = None
    item.save()
