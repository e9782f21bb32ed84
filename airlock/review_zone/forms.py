from typing import cast

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from airlock.audit.action_names import action_name
from airlock.formats.widgets import DayMonthYearInput, date_entry_hint
from airlock.review.models import BREACH_DECISIONS, Decision, ReviewItem, ReviewReason
from airlock.review.services import MAX_NOTE_LENGTH


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a breach: what was found, and where in the file."),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("decision") in BREACH_DECISIONS and not (data.get("note") or "").strip():
            self.add_error("note", _("A breach needs a note saying what was found."))
        return data


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (ReviewItem.State.PENDING, _("Waiting for a decision")),
            (ReviewItem.State.DECIDED, _("Decided")),
        ],
    )
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("Any reason")), *ReviewReason.choices]
    )
    project = forms.ChoiceField(label=_("Project"), required=False)
    min_age_days = forms.IntegerField(
        label=_("Waiting at least (days)"), required=False, min_value=0, max_value=3650
    )

    def __init__(self, *args, projects: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["project"]).choices = [
            ("", _("Any project")),
            *((p, p) for p in projects),
        ]


class AuditFilterForm(forms.Form):
    project = forms.CharField(label=_("Project code"), required=False, max_length=64)
    action = forms.ChoiceField(label=_("Action"), required=False)
    # Day-month-year in the page's language, not the browser's date picker (airlock/formats).
    since = forms.DateField(
        label=_("From (date)"),
        required=False,
        widget=DayMonthYearInput(),
        help_text=lazy(date_entry_hint, str)(),
    )
    until = forms.DateField(
        label=_("Until (date, inclusive)"),
        required=False,
        widget=DayMonthYearInput(),
        help_text=lazy(date_entry_hint, str)(),
    )

    def __init__(self, *args, actions: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            ("", _("Any action")),
            *((a, action_name(a)) for a in actions),
        ]
