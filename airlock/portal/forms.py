"""Forms of the portal. They only read the request; the services decide."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from airlock.formats.widgets import DayMonthYearInput, date_entry_hint
from airlock.portal.breach_reports import MAX_DESCRIPTION_LENGTH
from airlock.review.services import MAX_NOTE_LENGTH


class ProjectBreachReportForm(forms.Form):
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "For example: a table with cells under 3 was shown on screen to a colleague. Never "
            "include the data itself: describe it with made-up figures."
        ),
        max_length=MAX_DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe what happened.")},
    )
    occurred_on = forms.DateField(
        label=_("Date it happened"),
        help_text=lazy(date_entry_hint, str)(),
        widget=DayMonthYearInput(),
        error_messages={
            "required": _("Enter the date it happened."),
            "invalid": _("Enter the date as a date, for example 31-12-2026."),
        },
    )
    occurred_time = forms.TimeField(
        label=_("Time it happened"),
        help_text=_(
            "Hours and minutes on a 24-hour clock, for example 14:30; as near as you know it."
        ),
        # Text, not the browser's time picker, which may ask for AM/PM in the browser's language.
        widget=forms.TimeInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "size": "6"}, format="%H:%M"
        ),
        error_messages={
            "required": _("Enter the time it happened."),
            "invalid": _("Enter the time as hours and minutes, for example 14:30."),
        },
    )

    def occurred_at(self) -> datetime:
        day = self.cleaned_data["occurred_on"]
        moment = self.cleaned_data["occurred_time"]
        return timezone.make_aware(datetime.combine(day, moment))


class BreachReportForm(forms.Form):
    description = forms.CharField(
        label=_("What do you suspect is wrong with the file?"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: the table in sheet 2 has cells with fewer than 3 observations. "
            "The file is taken out of the portal at once and research services look at it."
        ),
    )
