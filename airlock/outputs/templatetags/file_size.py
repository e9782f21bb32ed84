"""``{% load file_size %}`` then ``{{ file.size|file_size }}``: "1,5 MB", never raw bytes."""

from django import template

from airlock.outputs.sizes import size_for_display

register = template.Library()


@register.filter
def file_size(size: int | None) -> str:
    return size_for_display(size)
