"""Set up the provider's database: one client (Airlock) and its people.

python -m tests.support.oidc_provider.seed '{"client_id": ..., "client_secret": ...,
    "redirect_uris": [...], "post_logout_redirect_uris": [...],
    "users": [{"username": ..., "password": ..., "email": ..., "mfa": true}]}'
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.support.oidc_provider.settings")


def main(spec: dict) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tests.support.oidc_provider.validators import MFA_GROUP

    call_command("migrate", verbosity=0, interactive=False)
    Application.objects.update_or_create(
        client_id=spec["client_id"],
        defaults={
            "name": "Airlock",
            "client_secret": spec["client_secret"],
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(spec["redirect_uris"]),
            "post_logout_redirect_uris": " ".join(spec.get("post_logout_redirect_uris", [])),
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )
    mfa, _ = Group.objects.get_or_create(name=MFA_GROUP)
    for person in spec.get("users", []):
        user, _ = User.objects.get_or_create(username=person["username"])
        user.email = person.get("email", "")
        user.set_password(person["password"])
        user.save()
        if person.get("mfa"):
            user.groups.add(mfa)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
