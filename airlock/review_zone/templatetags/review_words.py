"""``{% load review_words %}``: codes stored on review items, in the reader's words."""

from django import template

from airlock.review.models import ReviewReason

register = template.Library()


@register.filter
def reason_label(reason: str) -> str:
    try:
        return str(ReviewReason(reason).label)
    except ValueError:
        return reason
