"""Date entry in the page's language, whatever the browser: day-month-year ("31-12-2026").

A browser's own date picker (``<input type="date">``) shows the format of the browser's
interface language, not the page's, so a Danish page in an English browser asks for
"mm/dd/yyyy". These fields are plain text with the format named in the help text; the forms
accept day-first dates with dashes, dots or slashes, and ISO dates (airlock/formats/).
"""

from datetime import date

from django import forms
from django.utils.translation import gettext as _

DATE_ENTRY_FORMAT = "%d-%m-%Y"
EXAMPLE = date(2026, 12, 31)


class DayMonthYearInput(forms.DateInput):
    def __init__(self, attrs: dict | None = None) -> None:
        attrs = {"inputmode": "numeric", "autocomplete": "off", "size": "12", **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_ENTRY_FORMAT)


def date_entry_hint() -> str:
    """ "Day-month-year, for example 31-12-2026." in the active language."""
    return _("Day-month-year, for example %(example)s.") % {
        "example": EXAMPLE.strftime(DATE_ENTRY_FORMAT)
    }
