"""``{% load finding_text %}``: a finding's message, location and severity in the reader's
language (airlock.finding_text)."""

from django import template

from airlock.finding_text import (
    location_for_display,
    message_for_display,
    severity_label,
)

register = template.Library()


@register.filter
def finding_message(finding: dict) -> str:
    return message_for_display(str(finding.get("code", "")), str(finding.get("message", "")))


@register.filter
def finding_location(finding: dict) -> str:
    return location_for_display(str(finding.get("location", "")))


@register.filter
def finding_severity(finding: dict) -> str:
    return severity_label(str(finding.get("severity", "")))
