"""Create the demo project and its users; print their passwords and API tokens.

Sign-in in the demo: researcher and projectadmin use their password (two-factor sign-in is not
required in the inside and portal zones unless AIRLOCK_REQUIRE_2FA says so). The review zone
always requires a TOTP code: reviewer and serviceadmin each get an authenticator key, created
once and kept across runs, printed as an otpauth:// URI and as the base32 key to type into an
authenticator app (FreeOTP, Google/Microsoft Authenticator; or `oathtool --totp -b KEY`).
The demo's API tokens are issued by the operator here, so they count as second-factor tokens.
"""

import json
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from airlock.accounts.roles import REVIEWERS, SERVICE_ADMINISTRATORS, group
from airlock.accounts.second_factor import totp_secret
from airlock.accounts.services import api_token_create
from airlock.projects.models import MembershipRole, Project
from airlock.projects.services import membership_add, project_create

DEMO_PROJECT = "demo"
DEMO_USERS = ("researcher", "reviewer", "projectadmin", "serviceadmin")
# The review zone requires a second factor: these users get an authenticator key.
TOTP_USERS = ("reviewer", "serviceadmin")


class Command(BaseCommand):
    help = "Create project 'demo' with users researcher, reviewer, projectadmin, serviceadmin."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the logins as JSON.")

    def handle(self, *args, **options):
        with transaction.atomic():
            users = self.create_demo()
        if options["json"]:
            self.stdout.write(json.dumps({"project": DEMO_PROJECT, "users": users}))
            return
        self.stdout.write(f"Project: {DEMO_PROJECT}")
        for username, login in users.items():
            self.stdout.write(
                f"  {username:<13} password: {login['password']}   API token: {login['token']}"
            )
            if "totp_secret" in login:
                self.stdout.write(
                    f"  {'':<13} authenticator key: {login['totp_secret']}   {login['otpauth_uri']}"
                )

    def create_demo(self) -> dict[str, dict[str, str]]:
        project = Project.objects.filter(code=DEMO_PROJECT).first() or project_create(
            code=DEMO_PROJECT, name="Demo project (register-based research)"
        )
        User = get_user_model()
        users: dict[str, dict[str, str]] = {}
        for username in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            _token, key = api_token_create(user=user, name="demo", second_factor=True)
            users[username] = {"password": password, "token": key}
            if username in TOTP_USERS:
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                if device is None:
                    device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
                users[username]["totp_secret"] = totp_secret(device)
                users[username]["otpauth_uri"] = device.config_url
        membership_add(
            project=project,
            user=User.objects.get(username="researcher"),
            role=MembershipRole.RESEARCHER,
        )
        membership_add(
            project=project,
            user=User.objects.get(username="projectadmin"),
            role=MembershipRole.ADMINISTRATOR,
        )
        User.objects.get(username="reviewer").groups.add(group(REVIEWERS))
        User.objects.get(username="serviceadmin").groups.add(group(SERVICE_ADMINISTRATORS))
        return users
