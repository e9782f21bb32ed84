"""Projects, people and transferred files for the control tests, built through the services."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

import scanners
from airlock.accounts.roles import REVIEWERS, group
from airlock.accounts.services import api_token_create
from airlock.outputs import lifecycle, scanning
from airlock.outputs import services as output_services
from airlock.outputs.models import OutputFile, Status
from airlock.projects.models import MembershipRole, Project
from airlock.projects.services import membership_add, project_create
from airlock.review import services as review_services

CSV = b"kommune,antal\nAarhus,120\nSamso,2\nOdense,45\n"


def user(username: str, *, reviewer: bool = False):
    person = get_user_model().objects.create_user(
        username=username, password="not-used-here", email=f"{username}@example.org"
    )
    if reviewer:
        person.groups.add(group(REVIEWERS))
        TOTPDevice.objects.create(user=person, name="test", confirmed=True)
    return person


def token(person, *, second_factor: bool = True) -> str:
    return api_token_create(user=person, name="test", second_factor=second_factor)[1]


def api(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def signed_in(person) -> Client:
    """A browser session, signed in with the TOTP device if there is one (the review zone's
    rule)."""
    client = Client()
    client.force_login(person)
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def project(code: str = "proj", **policy) -> tuple[Project, object, object]:
    """A project with a researcher (member) and an administrator."""
    created = project_create(code=code, name=f"Project {code}", **policy)
    researcher = user(f"{code}-researcher")
    admin = user(f"{code}-admin")
    membership_add(project=created, user=researcher)
    membership_add(project=created, user=admin, role=MembershipRole.ADMINISTRATOR)
    return created, researcher, admin


def scanned_file(
    project: Project,
    researcher,
    *,
    name: str = "tabel.csv",
    content: bytes = CSV,
    verdict: str = "clean",
    findings: list[scanners.Finding] | None = None,
    file_type: str = "csv",
) -> OutputFile:
    output_file = output_services.output_file_upload(
        project=project, user=researcher, uploaded=io.BytesIO(content), name=name
    )
    lifecycle.transition(output_file, Status.SCANNING)
    report = scanners.ScanReport(
        path="",
        name=name,
        size=output_file.size,
        sha256=output_file.sha256,
        file_type=file_type,
        mime="",
        verdict=verdict,
        findings=findings or [],
        scanner_version="test",
        policy_digest="test",
    )
    scanning.output_file_record_scan(output_file=output_file, report=report)
    if verdict == "risk":
        output_services.output_file_comment(
            output_file=output_file, user=researcher, comment="Counts are of municipalities."
        )
    return output_file


def drawn(output_file: OutputFile) -> OutputFile:
    """The reviewer's view of the file, drawn as a worker draws it (the scanner's sandbox)."""
    from airlock.review.tasks import build_file_preview

    build_file_preview(output_file.pk)
    return output_file


def transferred_file(project: Project, researcher, **kwargs) -> OutputFile:
    output_file = scanned_file(project, researcher, **kwargs)
    review_services.transfer_create(
        project=project, user=researcher, file_ids=[output_file.pk], approve=True
    )
    output_file.refresh_from_db()
    return output_file


SMALL_CELL = scanners.Finding(
    code="table.small_cell",
    severity="risk",
    location="line 3, column 2",
    message="Cell value 2 is below the minimum of 3 observations",
    evidence="2",
)
