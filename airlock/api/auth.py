from django.http import HttpRequest
from ninja.security import APIKeyHeader

from airlock.accounts.services import api_token_authenticate
from airlock.outputs.upload_limits import UPLOAD_SENDER
from airlock.zones import zone_of_path


class TokenAuth(APIKeyHeader):
    """`Authorization: Token KEY` (docs/design.md, "The HTTP API")."""

    param_name = "Authorization"
    openapi_description = "A per-user API token: `Authorization: Token KEY`."

    def authenticate(self, request: HttpRequest, key: str | None):
        if not key:
            return None
        scheme, _, value = key.partition(" ")
        if scheme != "Token" or not value.strip():
            return None
        checked = getattr(request, UPLOAD_SENDER, None)
        if checked is not None and checked[0] == value.strip():
            # An upload's token was checked (zone included) before its body was read.
            request.user = checked[1]
            return checked[1]
        # In a zone that requires a second factor, a token not issued with one is refused (403).
        user = api_token_authenticate(key=value.strip(), zone=zone_of_path(request.path_info))
        if user is None:
            return None
        request.user = user
        return user
