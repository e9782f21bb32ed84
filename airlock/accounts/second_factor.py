"""TOTP enrolment and verification (django-otp). A user enrols one authenticator; enrolling
again is refused while a confirmed one exists (a stolen password must not replace it)."""

import base64

import segno
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from airlock.accounts.selectors import totp_device_confirmed, totp_device_pending
from airlock.audit.actions import AuditAction
from airlock.audit.services import audit_record
from airlock.errors import PermissionDenied


class CodeRefused(Exception):
    def __init__(self, reason: str, *, throttled: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.throttled = throttled


def totp_secret(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app accepts when typed in."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth URI as an inline SVG QR code (no script, no external image)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code for your authenticator app"), svgclass="qr-code"
    )


def totp_device_start_enrolment(*, user: User) -> TOTPDevice:
    """An unconfirmed device with a fresh key, kept until a code from it is entered."""
    if totp_device_confirmed(user=user) is not None:
        raise PermissionDenied(
            _("You already have an authenticator. Ask research services to reset it.")
        )
    return totp_device_pending(user=user) or TOTPDevice.objects.create(
        user=user, name=_("Authenticator"), confirmed=False
    )


def _check_code(device: TOTPDevice, code: str) -> None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        # django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s, ...).
        locked_until = (details or {}).get("locked_until")
        seconds = (
            max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
        )
        raise CodeRefused(
            _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
            % {"seconds": seconds},
            throttled=True,
        )
    if not device.verify_token((code or "").replace(" ", "")):
        raise CodeRefused(_("That code is not right. Enter the current 6-digit code."))


def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> None:
    """Confirm a new authenticator with a code from it; the session counts as verified."""
    _check_code(device, code)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            action=AuditAction.SECOND_FACTOR_ENROLLED,
            actor=request.user,
            object_type="user",
            object_id=request.user.pk,
        )
    otp_login(request, device)


def totp_verify(*, request: HttpRequest, device: TOTPDevice, code: str) -> None:
    try:
        _check_code(device, code)
    except CodeRefused:
        audit_record(
            action=AuditAction.SECOND_FACTOR_FAILED,
            actor=request.user,
            object_type="user",
            object_id=request.user.pk,
        )
        raise
    otp_login(request, device)
