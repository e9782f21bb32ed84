import re
from datetime import datetime, time
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from airlock.finding_text import SCHEME_NAMES
from airlock.formats.widgets import DayMonthYearInput
from airlock.projects.models import MembershipRole, Project, ReleaseMode
from scanners.model import DEFAULT_ALLOWED_EXTENSIONS, DEFAULT_IDENTIFIER_SCHEMES


def end_of_day(day) -> datetime | None:
    """Access ends when the given day is over, in the service's time zone."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.max))


class EndDateField(forms.DateField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", DayMonthYearInput())
        kwargs.setdefault("help_text", _("Access stops after this day. Leave empty for no end."))
        super().__init__(**kwargs)


class MemberAddForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.RESEARCHER
    )
    ends_on = EndDateField(label=_("Access ends"))

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active user with this username."))
        self.cleaned_data["user"] = user
        return username

    def clean_ends_on(self):
        day = self.cleaned_data.get("ends_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The end date cannot be in the past."))
        return day


class MemberEndForm(forms.Form):
    ends_on = EndDateField(label=_("Access ends"))


def _words(value: str) -> list[str]:
    return [word for word in re.split(r"[\s,;]+", value or "") if word]


MB = 1024 * 1024
IDENTIFIER_SCHEMES = DEFAULT_IDENTIFIER_SCHEMES


def _megabytes(size: int) -> Decimal:
    return (Decimal(size) / MB).quantize(Decimal("0.01")).normalize()


def _bytes(megabytes: Decimal) -> int:
    return int((megabytes * MB).to_integral_value())


def _extensions_help() -> str:
    """Translated when shown (lazy), not when this module is imported."""
    return gettext(
        "Separated by spaces or commas, without dots. Empty: the default list (%(ext)s)."
    ) % {"ext": ", ".join(DEFAULT_ALLOWED_EXTENSIONS)}


class PolicyForm(forms.Form):
    """A project's policy (docs/design.md, "The policy"); empty lists mean the defaults."""

    allowed_extensions = forms.CharField(
        label=_("Allowed file extensions"),
        required=False,
        help_text=lazy(_extensions_help, str)(),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Entered in MB (decimals in the page's locale); stored in bytes.
    max_upload_bytes = forms.DecimalField(
        label=_("Hard upload limit (MB)"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        localize=True,
        help_text=_("No file larger than this can be uploaded."),
    )
    review_size_bytes = forms.DecimalField(
        label=_("Review size (MB)"),
        min_value=Decimal("0"),
        decimal_places=2,
        localize=True,
        help_text=_("Files larger than this are checked by research services."),
    )
    min_cell_count = forms.IntegerField(label=_("Minimum cell count"), min_value=1, max_value=1000)
    dominance_n = forms.IntegerField(label=_("Dominance rule: units"), min_value=1, max_value=10)
    dominance_k_percent = forms.FloatField(
        label=_("Dominance rule: per cent"), min_value=1, max_value=100, localize=True
    )
    sampling_rate = forms.FloatField(
        label=_("Random control sampling rate"),
        min_value=0,
        max_value=1,
        localize=True,
        help_text=_("A share between 0 and 1: 0.10 controls one file in ten."),
    )
    release_mode = forms.ChoiceField(label=_("Release mode"), choices=ReleaseMode.choices)
    identifier_schemes = forms.MultipleChoiceField(
        label=_("National identifiers to look for"),
        required=False,
        choices=[(scheme, SCHEME_NAMES.get(scheme, scheme)) for scheme in IDENTIFIER_SCHEMES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every supported identifier."),
    )
    extra_key_variables = forms.CharField(
        label=_("Extra key-variable names"),
        required=False,
        help_text=_("Column names that identify units in this project's registers."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    retention_days = forms.IntegerField(
        label=_("Days released files stay in the portal"), min_value=1, max_value=3650
    )

    @classmethod
    def for_project(cls, project: Project, data=None) -> "PolicyForm":
        initial = {name: getattr(project, name) for name in cls.base_fields}
        initial["allowed_extensions"] = " ".join(project.allowed_extensions)
        initial["extra_key_variables"] = " ".join(project.extra_key_variables)
        for name in ("max_upload_bytes", "review_size_bytes"):
            initial[name] = _megabytes(getattr(project, name))
        return cls(data, initial=initial)

    def clean_max_upload_bytes(self) -> int:
        return _bytes(self.cleaned_data["max_upload_bytes"])

    def clean_review_size_bytes(self) -> int:
        return _bytes(self.cleaned_data["review_size_bytes"])

    def clean_allowed_extensions(self):
        extensions = [
            word.lower().lstrip(".") for word in _words(self.cleaned_data["allowed_extensions"])
        ]
        bad = [ext for ext in extensions if not re.fullmatch(r"[a-z0-9]{1,10}", ext)]
        if bad:
            raise forms.ValidationError(
                _("Not a file extension: %(bad)s") % {"bad": ", ".join(bad)}
            )
        return sorted(set(extensions))

    def clean_extra_key_variables(self):
        names = _words(self.cleaned_data["extra_key_variables"])
        bad = [name for name in names if len(name) > 64]
        if bad:
            raise forms.ValidationError(_("A key-variable name is at most 64 characters."))
        return sorted(set(names), key=str.upper)

    def clean_identifier_schemes(self):
        return sorted(self.cleaned_data["identifier_schemes"])

    def clean(self):
        cleaned = super().clean() or {}
        upload, review = cleaned.get("max_upload_bytes"), cleaned.get("review_size_bytes")
        if upload is not None and review is not None and review > upload:
            self.add_error(
                "review_size_bytes", _("The review size cannot be over the hard upload limit.")
            )
        return cleaned


class ProjectCreateForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=64, help_text=_("Letters, digits and dashes.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if Project.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A project with this code exists."))
        return code
