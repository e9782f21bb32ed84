"""E-mail notices to people, each in the recipient's language.

A notice is composed once per language among its recipients, with that language active, so
its words, dates and numbers are the recipient's, not those of the request that caused it (a
researcher reporting in Danish does not make the English-speaking staff's mail Danish).
Airlock keeps no per-person language preference yet: every recipient gets the installation's
language, settings.LANGUAGE_CODE (AIRLOCK_LANGUAGE_CODE). A sending failure is logged; the
action that caused the notice stands.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

logger = logging.getLogger(__name__)

# (subject, body), composed with the recipient's language active.
Composer = Callable[[], tuple[str, str]]


def recipient_language(email: str) -> str:
    """The language a person reads their mail in."""
    return settings.LANGUAGE_CODE


def notice_send(*, recipients: Iterable[str], compose: Composer, what: str) -> int:
    """Send the notice to each recipient in their language; returns the messages sent.
    `what` names the notice in the log if sending fails (never the message's content)."""
    by_language: dict[str, list[str]] = {}
    for email in sorted({email for email in recipients if email}):
        by_language.setdefault(recipient_language(email), []).append(email)
    sent = 0
    for language, emails in by_language.items():
        try:
            with translation.override(language):
                subject, body = compose()
            sent += send_mail(subject, body, None, emails)
        except Exception:  # the decision or report stands; staff see the failure in the log
            logger.exception("Could not send %s to %s", what, emails)
    return sent
