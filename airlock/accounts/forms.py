from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from airlock.accounts import throttle
from airlock.security.client_address import client_address


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refused while the username/address has failed too often."""

    throttled: throttle.LoginThrottled | None = None

    def clean(self):
        username = self.data.get("username", "")
        ip = client_address(self.request) if self.request is not None else None
        try:
            throttle.login_throttle_check(username=username, ip=ip)
        except throttle.LoginThrottled as exc:
            self.throttled = exc
            minutes = max(1, (exc.retry_after_seconds + 59) // 60)
            raise forms.ValidationError(
                _("Too many failed sign-in attempts. Try again in %(minutes)s minutes.")
                % {"minutes": minutes},
                code="throttled",
            ) from exc
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.failed_login_record(username=username, ip=ip)
            raise
        throttle.failed_login_clear(username=username, ip=ip)
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        required=False,
        help_text=_("For example: upload script on the secure desktop."),
    )
