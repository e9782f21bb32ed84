"""``{% load audit_text %}``: an audit event as a sentence with a link (review.audit_sentences)."""

from django import template

from airlock.audit.models import AuditEvent
from airlock.review.audit_sentences import AuditLine, audit_line

register = template.Library()


@register.filter
def audit_sentence(event: AuditEvent) -> AuditLine:
    return audit_line(event)
