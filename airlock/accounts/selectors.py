from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from airlock.accounts.models import ApiToken
from airlock.errors import NotFound


def api_token_list_for_user(*, user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at"))


def api_token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("api_token")
    return token


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
