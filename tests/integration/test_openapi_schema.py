"""The API publishes its OpenAPI schema, with every operation and the responses it can give;
a bounded schemathesis run against a real gunicorn finds no 5xx."""

import os
import subprocess
import sys
import urllib.request

import pytest
from django.test import Client

from tests.support.processes import installation

DESIGN_OPERATIONS = {
    ("post", "/api/inside/projects/{code}/files"): {"201", "400", "401", "404", "413"},
    ("get", "/api/inside/projects/{code}/files"): {"200", "401", "404"},
    ("get", "/api/inside/projects/{code}/files/{file_id}"): {"200", "401", "404"},
    ("post", "/api/inside/projects/{code}/files/{file_id}/comment"): {"200", "400", "401", "404"},
    ("delete", "/api/inside/projects/{code}/files/{file_id}"): {"204", "401", "404"},
    ("post", "/api/inside/projects/{code}/transfers"): {"201", "400", "401", "404"},
    ("get", "/api/portal/projects"): {"200", "401"},
    ("get", "/api/portal/projects/{code}/transfers"): {"200", "401", "404"},
    ("get", "/api/portal/projects/{code}/files/{file_id}/download"): {"200", "401", "404"},
    ("delete", "/api/portal/projects/{code}/files/{file_id}"): {"204", "401", "404"},
    ("post", "/api/portal/projects/{code}/files/{file_id}/report-breach"): {"401", "404"},
    ("get", "/api/review/queue"): {"200", "401", "403"},
    ("post", "/api/review/items/{item_id}/decision"): {"401", "403", "404"},
}


@pytest.mark.django_db
def test_the_schema_lists_every_designed_operation_with_its_responses():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    missing = []
    for (method, path), statuses in DESIGN_OPERATIONS.items():
        operation = schema["paths"].get(path, {}).get(method)
        if operation is None:
            missing.append(f"{method.upper()} {path}: not in the schema")
            continue
        documented = set(operation["responses"])
        if not statuses <= documented:
            missing.append(f"{method.upper()} {path}: responses {sorted(statuses - documented)}")
    assert not missing, "\n".join(missing)


@pytest.mark.django_db
def test_the_schema_documents_token_authentication():
    schema = Client().get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert any(
        s.get("in") == "header" and s.get("name") == "Authorization" for s in schemes.values()
    )
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert all(op.get("security") for op in operations), "every operation needs a token"


MAX_EXAMPLES = int(os.environ.get("AIRLOCK_SCHEMATHESIS_EXAMPLES", 10))


def test_schemathesis_finds_no_server_error(tmp_path):
    """Fuzz every operation with a researcher's token; bounded by examples and time."""
    with installation(tmp_path) as inst:
        base = inst.start_web(workers=2)
        with urllib.request.urlopen(base + "/api/openapi.json", timeout=30) as response:
            assert response.status == 200
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                base + "/api/openapi.json",
                "--url",
                base,
                "--header",
                f"Authorization: Token {inst.token('researcher')}",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                str(MAX_EXAMPLES),
                "--max-time",
                os.environ.get("AIRLOCK_SCHEMATHESIS_SECONDS", "60"),
                "--request-timeout",
                "30",
                "--seed",
                "5",
                "--no-shrink",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        web_log = inst.log("web")
    assert "Traceback" not in web_log, web_log[-4000:]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
