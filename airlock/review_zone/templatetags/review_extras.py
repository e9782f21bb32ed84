from django import template

register = template.Library()


@register.filter
def get(mapping: dict, key: str):
    """mapping[key], 0 when absent: counts by reason or decision."""
    return (mapping or {}).get(key, 0)


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
