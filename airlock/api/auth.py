from django.http import HttpRequest
from ninja.security import APIKeyHeader

from airlock.accounts.services import api_token_authenticate


class TokenAuth(APIKeyHeader):
    """`Authorization: Token KEY` (DESIGN.md, "The HTTP API")."""

    param_name = "Authorization"
    openapi_description = "A per-user API token: `Authorization: Token KEY`."

    def authenticate(self, request: HttpRequest, key: str | None):
        if not key:
            return None
        scheme, _, value = key.partition(" ")
        if scheme != "Token" or not value.strip():
            return None
        user = api_token_authenticate(key=value.strip())
        if user is None:
            return None
        request.user = user
        return user
