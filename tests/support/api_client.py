"""Building blocks for API tests in-process: projects, members and tokens made through the
services, a Django test client that speaks the JSON API, and scan reports built in code."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import scanners
from airlock.accounts.services import api_token_create
from airlock.outputs import scanning
from airlock.projects.models import MembershipRole, Project
from airlock.projects.services import membership_add, project_create

TABLE_CSV = b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"


def make_project(code: str = "p1", **policy: Any) -> Project:
    return project_create(code=code, name=f"Project {code}", **policy)


def make_member(
    project: Project, username: str, role: str = MembershipRole.RESEARCHER
) -> tuple[Any, str]:
    """A user who is a member of the project, and their API token key."""
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    membership_add(project=project, user=user, role=role)
    _token, key = api_token_create(user=user, name="test")
    return user, key


@dataclass
class Api:
    """The JSON API as a client sees it, with one user's token."""

    key: str | None
    client: Client

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Token {self.key}"} if self.key else {}

    def get(self, path: str):
        return self.client.get(path, **self._headers())

    def delete(self, path: str):
        return self.client.delete(path, **self._headers())

    def post_json(self, path: str, body: Any):
        return self.client.post(
            path, data=json.dumps(body), content_type="application/json", **self._headers()
        )

    def upload(self, code: str, files: dict[str, bytes] | list[tuple[str, bytes]]):
        items = files.items() if isinstance(files, dict) else files
        data = {"file": [SimpleUploadedFile(name, content) for name, content in items]}
        return self.client.post(f"/api/inside/projects/{code}/files", data=data, **self._headers())


def api_for(key: str | None) -> Api:
    return Api(key=key, client=Client())


def finding(code: str, severity: str, location: str = "", message: str = "") -> scanners.Finding:
    return scanners.Finding(
        code=code, severity=severity, location=location, message=message or f"{code} found"
    )


def scan_as(monkeypatch, verdicts: dict[str, tuple[str, list[scanners.Finding]]]) -> None:
    """Make ``scanners.scan`` answer these verdicts by uploaded name (the real scanner is
    another library's test subject; here the service around it is)."""

    def fake_scan(path, *, filename=None, policy=None, **_kwargs):
        with open(path, "rb") as handle:
            content = handle.read()
        verdict, findings = verdicts.get(filename, ("clean", []))
        return scanners.ScanReport(
            path=str(path),
            name=filename or "",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            file_type=(filename or "").rsplit(".", 1)[-1],
            mime="text/plain",
            verdict=verdict,
            findings=list(findings),
            scanner_version="test",
            policy_digest="0" * 64,
            duration_ms=1,
        )

    monkeypatch.setattr(scanners, "scan", fake_scan)


def scan_now(file_id: int) -> None:
    """Run the scan service for a file, as the worker would (no eager mode)."""
    scanning.output_file_scan(output_file_id=file_id)
