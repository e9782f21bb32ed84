"""File sizes as people read them: KB, MB or GB in the active locale ("1,5 MB"), never bytes."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

KB = 1024
MB = 1024 * KB
GB = 1024 * MB


def size_for_display(size: int | float | None) -> str:
    """0 -> "0 KB", 300 -> "0,3 KB", 15_000 -> "15 KB", 1_572_864 -> "1,5 MB" (in Danish)."""
    value = max(0.0, float(size or 0))
    if value >= GB:
        amount, unit = value / GB, _("GB")
    elif value >= MB:
        amount, unit = value / MB, _("MB")
    else:
        amount, unit = value / KB, _("KB")
    # One decimal below 10 (so a small file is not "0 KB"), none above.
    decimals = 1 if amount < 10 and amount != int(amount) else 0
    if 0 < value < 0.05 * KB:
        amount, decimals = 0.1, 1  # the smallest shown: never "0 KB" for a file with content
    return f"{number_format(round(amount, decimals), decimals, use_l10n=True)}\u00a0{unit}"


def megabytes_for_display(size: int) -> str:
    """A limit in whole or decimal MB, for forms that take MB: 1_048_576 -> "1"."""
    amount = size / MB
    decimals = 0 if amount == int(amount) else 2
    return number_format(round(amount, decimals), decimals, use_l10n=True)
