"""API tokens: shown once, stored hashed, revocable; two-factor zones take only tokens issued
with a second factor."""

import re

import pytest
from django.test import Client

from airlock.accounts.models import ApiToken
from tests.support.people import build_world


def create_token(client: Client, name: str = "upload script") -> str:
    response = client.post("/accounts/tokens/", {"name": name})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    match = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.content.decode())
    assert match, "the new key is shown"
    return match.group(1)


@pytest.mark.django_db
def test_a_token_is_shown_once_stored_hashed_and_works_until_revoked():
    world = build_world()
    client = world.client("member")
    key = create_token(client)
    token = ApiToken.objects.get(user=world.users["member"], name="upload script")
    assert key not in token.key_hash and len(token.key_hash) == 64
    listing = client.get("/accounts/tokens/").content.decode()
    assert key not in listing and token.prefix in listing  # never shown again

    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert api.get("/api/portal/projects", **auth).status_code == 200
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api.get("/api/portal/projects", **auth).status_code == 401


@pytest.mark.django_db
def test_nobody_can_revoke_another_users_token():
    world = build_world()
    token_id = world.ids["token_ids"]["member"]
    assert world.client("nonmember").post(f"/accounts/tokens/{token_id}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token_id).revoked_at is None


@pytest.mark.django_db
def test_the_review_api_takes_only_tokens_issued_with_a_second_factor():
    world = build_world()
    api = Client()
    # Signed in with the password only: the token works in the portal, not in review.
    unverified = create_token(world.client("reviewer_no_2fa"))
    response = api.get("/api/review/queue", HTTP_AUTHORIZATION=f"Token {unverified}")
    assert response.status_code == 403
    assert "two-factor" in response.json()["error"]
    assert (
        api.get("/api/portal/projects", HTTP_AUTHORIZATION=f"Token {unverified}").status_code == 200
    )
    # Signed in with the authenticator code: the token works in review.
    verified = create_token(world.client("reviewer"))
    assert api.get("/api/review/queue", HTTP_AUTHORIZATION=f"Token {verified}").status_code == 200
