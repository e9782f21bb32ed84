"""Create the demo project and its users; print their passwords and API tokens."""

import json
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from airlock.accounts.roles import REVIEWERS, group
from airlock.accounts.services import api_token_create
from airlock.projects.models import MembershipRole, Project
from airlock.projects.services import membership_add, project_create

DEMO_PROJECT = "demo"


class Command(BaseCommand):
    help = "Create project 'demo' with users researcher, reviewer and projectadmin."

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

    def create_demo(self) -> dict[str, dict[str, str]]:
        project = Project.objects.filter(code=DEMO_PROJECT).first() or project_create(
            code=DEMO_PROJECT, name="Demo project (register-based research)"
        )
        User = get_user_model()
        users: dict[str, dict[str, str]] = {}
        for username in ("researcher", "reviewer", "projectadmin"):
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            _token, key = api_token_create(user=user, name="demo")
            users[username] = {"password": password, "token": key}
        membership_add(
            project=project, user=User.objects.get(username="researcher"),
            role=MembershipRole.RESEARCHER,
        )
        membership_add(
            project=project, user=User.objects.get(username="projectadmin"),
            role=MembershipRole.ADMINISTRATOR,
        )
        User.objects.get(username="reviewer").groups.add(group(REVIEWERS))
        return users
