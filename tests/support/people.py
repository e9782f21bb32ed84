"""The people of the authorization tests, built through the services: every role, with a
project, files in each state, a transfer and a review item to point URLs at."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import scanners
from airlock.accounts.roles import REVIEWERS, SERVICE_ADMINISTRATORS, group
from airlock.accounts.services import api_token_create
from airlock.outputs import lifecycle, scanning
from airlock.outputs import services as output_services
from airlock.outputs.models import Status
from airlock.projects.models import MembershipRole
from airlock.projects.services import membership_add, project_create
from airlock.review import services as review_services

ROLES = (
    "anonymous",
    "member",  # researcher, member of the project
    "nonmember",  # researcher, member of another project only
    "expired",  # researcher whose membership ended yesterday
    "projectadmin",  # the project's administrator
    "reviewer",  # research services, signed in with a TOTP code
    "reviewer_no_2fa",  # research services, password only (token without second factor)
    "serviceadmin",  # service administrator, signed in with a TOTP code
)
VERIFIED = {"reviewer", "serviceadmin"}


def totp_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role == "anonymous":
            return client
        user = self.users[role]
        client.force_login(user)
        if role in VERIFIED:
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    def api_headers(self, role: str) -> dict:
        if role == "anonymous":
            return {}
        return {"HTTP_AUTHORIZATION": f"Token {self.tokens[role]}"}


def _user(username: str):
    return get_user_model().objects.create_user(username=username, password="not-used-here")


def _scanned(output_file, verdict: str, findings: list | None = None):
    lifecycle.transition(output_file, Status.SCANNING)
    report = scanners.ScanReport(
        path="",
        name=output_file.name,
        size=output_file.size,
        sha256=output_file.sha256,
        file_type="csv",
        mime="text/csv",
        verdict=verdict,
        findings=findings or [],
        scanner_version="test",
        policy_digest="test",
    )
    return scanning.output_file_record_scan(output_file=output_file, report=report)


def upload(project, user, name: str = "table.csv", content: bytes = b"group,count\na,10\n"):
    return output_services.output_file_upload(
        project=project, user=user, uploaded=io.BytesIO(content), name=name
    )


def build_world() -> World:
    world = World()
    project = project_create(code="demo", name="Demo")
    other = project_create(code="other", name="Other project")
    for role in ROLES[1:]:
        world.users[role] = _user(role)
    membership = membership_add(project=project, user=world.users["member"])
    membership_add(project=other, user=world.users["nonmember"])
    membership_add(
        project=project,
        user=world.users["expired"],
        ends_at=timezone.now() - timedelta(days=1),
    )
    membership_add(
        project=project, user=world.users["projectadmin"], role=MembershipRole.ADMINISTRATOR
    )
    for role in ("reviewer", "reviewer_no_2fa"):
        world.users[role].groups.add(group(REVIEWERS))
    world.users["serviceadmin"].groups.add(group(SERVICE_ADMINISTRATORS))
    for role in VERIFIED:
        TOTPDevice.objects.create(user=world.users[role], name="test", confirmed=True)
    for role, user in world.users.items():
        token, key = api_token_create(user=user, name="test", second_factor=role in VERIFIED)
        world.tokens[role] = key
        world.ids.setdefault("token_ids", {})[role] = token.pk

    member = world.users["member"]
    inside_file = upload(project, member)
    transferred = upload(project, member, name="risky.csv")
    _scanned(
        transferred,
        "risk",
        [
            scanners.Finding(
                code="table.small_cell",
                severity="risk",
                location="B2",
                message="Cell value 2 is below the minimum of 3",
                evidence="2",
            )
        ],
    )
    output_services.output_file_comment(output_file=transferred, user=member, comment="Fine.")
    transfer = review_services.transfer_create(
        project=project, user=member, file_ids=[transferred.pk], approve=True
    )
    transferred.refresh_from_db()
    world.ids.update(
        code="demo",
        inside_file_id=inside_file.pk,
        released_file_id=transferred.pk,
        transfer_id=transfer.pk,
        item_id=transferred.review_item.pk,
        membership_id=membership.pk,
        token_id=world.ids["token_ids"]["member"],
        page=1,
    )
    return world


def release(world: World, name: str, content: bytes):
    """A clean file of the member's, transferred and released to the portal."""
    from airlock.projects.models import Project

    project = Project.objects.get(code=world.ids["code"])
    member = world.users["member"]
    output_file = upload(project, member, name=name, content=content)
    _scanned(output_file, "clean")
    review_services.transfer_create(
        project=project, user=member, file_ids=[output_file.pk], approve=True
    )
    output_file.refresh_from_db()
    return output_file
