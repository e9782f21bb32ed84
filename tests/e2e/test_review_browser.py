"""A reviewer decides an item in a real browser against real processes (gunicorn and a Celery
worker running the real scanner): the researcher transfers a risky table through the API, the
reviewer signs in with password and TOTP code, opens the queue, sees the small cell marked in
the file, records a severe breach with a note; the file is blocked and people are e-mailed.
"""

import base64
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.http_api import HttpApi
from tests.support.processes import installation

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

# A count of 2 people: below the minimum of 3 observations.
SMALL_CELL_CSV = b"kommune,antal\nAarhus,120\nSamso,2\nOdense,45\n"


def totp_now(secret: str) -> str:
    from django_otp.oath import TOTP

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return str(TOTP(key).token()).zfill(6)


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_reviewer_decides_a_breach_in_the_browser(tmp_path, chromium, screenshots):
    with installation(tmp_path) as inst:
        inst.manage("collectstatic", "--noinput", "-v", "0")
        inst.start_worker()
        base_url = inst.start_web()
        researcher = HttpApi(base_url, inst.token("researcher"))
        uploaded = researcher.upload("demo", [("kommuner.csv", SMALL_CELL_CSV)])
        assert uploaded.status == 201, uploaded.body
        file_id = uploaded.json()[0]["id"]
        scanned = researcher.wait_until_scanned("demo", [file_id])[file_id]
        assert scanned["verdict"] == "risk", scanned
        assert (
            researcher.post_json(
                f"/api/inside/projects/demo/files/{file_id}/comment",
                {"comment": "Counts of municipalities."},
            ).status
            == 200
        )
        transfer = researcher.post_json(
            "/api/inside/projects/demo/transfers", {"files": [file_id], "approve": True}
        )
        assert transfer.status == 201, transfer.body
        download = f"/api/portal/projects/demo/files/{file_id}/download"
        assert researcher.get(download).status == 200  # immediate: released, controlled after

        context = chromium.new_context(base_url=base_url)
        page = context.new_page()
        try:
            decide_in_browser(page, inst, screenshots)
        finally:
            context.close()

        assert researcher.get(download).status == 404  # blocked
        queue = HttpApi(base_url, inst.token("reviewer")).get("/api/review/queue?status=decided")
        assert queue.json()[0]["decision"] == "severe_breach"
        mails = wait_for_mail(inst.data_dir / "mail")
        assert "kommuner.csv" in mails and "researcher@example.org" in mails
        assert "projectadmin@example.org" in mails
        inst.manage("audit_verify")  # exits non-zero if the chain is broken


def decide_in_browser(page: Page, inst, screenshots: Path) -> None:
    page.goto("/review/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(inst.password("reviewer"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code from your authenticator app").fill(
        totp_now(inst.demo["users"]["reviewer"]["totp_secret"])
    )
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Control queue")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="kommuner.csv")
    expect(row).to_contain_text("Risk warning")
    shot(page, screenshots, "review-01-queue")
    row.get_by_role("link", name="kommuner.csv").click()

    expect(page.get_by_role("heading", name="kommuner.csv")).to_be_visible()
    expect(page.locator("td.marked mark")).to_have_text("2")  # the small cell, marked
    expect(page.get_by_text("Counts of municipalities.")).to_be_visible()
    shot(page, screenshots, "review-02-item")

    # A breach without a note is refused with a message, keyboard only.
    page.get_by_label("Severe breach").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#note-error")).to_have_text("A breach needs a note saying what was found.")
    expect(page.get_by_label("Note")).to_be_focused()  # the error is at the field, focused
    page.get_by_label("Severe breach").check()
    page.get_by_label("Note").fill("Samso has a count of 2 (line 3).")
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_text(re.compile("Decision recorded for kommuner.csv"))).to_be_visible()
    expect(page.get_by_text("No files wait for control.")).to_be_visible()
    shot(page, screenshots, "review-03-decided")


def wait_for_mail(folder: Path, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.exists() and any(folder.iterdir()):
            return "\n".join(p.read_text(errors="replace") for p in folder.iterdir())
        time.sleep(0.2)
    raise AssertionError("no e-mail was written")
