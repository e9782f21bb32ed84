"""The researcher's transfer in a real browser against real processes (gunicorn and a Celery
worker running the real scanner): log in, upload two files, see them scanned live, comment on
the risky one, approve, transfer, and download from the portal the exact bytes uploaded.
"""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.processes import installation

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

# Aggregated counts, every cell far above the minimum of 3.
CLEAN_CSV = (
    "region,persons\n"
    "Hovedstaden,15234\n"
    "Sjælland,8123\n"
    "Syddanmark,10456\n"
    "Midtjylland,11987\n"
    "Nordjylland,5321\n"
).encode()
# Unit records keyed by civil registration numbers (valid CPR shapes and check digits).
RISKY_CSV = b"cpr,kommune,income\n0101901238,101,312000\n1505804321,147,287000\n"

SCAN_TIMEOUT_MS = 120_000


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def file_row(page: Page, name: str):
    return page.locator("li.file-row").filter(has=page.get_by_role("heading", name=name))


def test_researcher_uploads_checks_transfers_and_downloads(tmp_path, chromium, screenshots):
    with installation(tmp_path) as inst:
        inst.manage("collectstatic", "--noinput", "-v", "0")
        inst.start_worker()
        base_url = inst.start_web()
        context = chromium.new_context(base_url=base_url, accept_downloads=True)
        page = context.new_page()
        try:
            run_transfer(page, inst.password("researcher"), screenshots)
        finally:
            context.close()


def run_transfer(page: Page, password: str, screenshots: Path) -> None:
    # Log in inside and choose the project.
    page.goto("/inside/")
    page.get_by_label("Username").fill("researcher")
    page.get_by_label("Password").fill(password)
    shot(page, screenshots, "01-login")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Choose a project")).to_be_visible()
    shot(page, screenshots, "02-choose-project")
    page.get_by_role("link", name=re.compile("Demo project")).click()

    # A type that is not allowed is refused at once, in the browser.
    expect(page.get_by_role("heading", name="Upload files for transfer")).to_be_visible()
    page.get_by_label("Add files").set_input_files(
        [{"name": "payload.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}]
    )
    refused = page.locator("li.upload-item.refused").filter(has_text="payload.exe")
    expect(refused).to_contain_text("File type not allowed")
    expect(refused).to_contain_text("Files of type .exe cannot be transferred.")

    # Two files through the picker, each with its own progress bar, sent by XMLHttpRequest.
    page.get_by_label("Add files").set_input_files(
        [
            {"name": "counts_by_region.csv", "mimeType": "text/csv", "buffer": CLEAN_CSV},
            {"name": "income_by_person.csv", "mimeType": "text/csv", "buffer": RISKY_CSV},
        ]
    )
    for name in ("counts_by_region.csv", "income_by_person.csv"):
        item = page.locator("li.upload-item").filter(has_text=name)
        expect(item.locator("progress")).to_have_count(1)
        expect(item).to_contain_text("Uploaded")
    expect(page.locator("#files-count")).to_have_text("Files to check: 2")
    shot(page, screenshots, "03-upload")

    # The check page updates live: no reload between queued and the results.
    page.get_by_role("link", name="Check", exact=True).click()
    expect(page.get_by_role("heading", name="Check files before transfer")).to_be_visible()
    page.evaluate("window.airlockNotReloaded = true")
    shot(page, screenshots, "04-check-scanning")
    clean = file_row(page, "counts_by_region.csv")
    risky = file_row(page, "income_by_person.csv")
    expect(clean.locator(".file-status")).to_have_text("No risk found", timeout=SCAN_TIMEOUT_MS)
    expect(risky.locator(".file-status")).to_have_text("Risk warning", timeout=SCAN_TIMEOUT_MS)
    assert page.evaluate("window.airlockNotReloaded === true"), "the check page reloaded"

    # The risky file says why, where, and that it needs a comment.
    expect(risky.locator(".finding").first).to_be_visible()
    expect(risky).to_contain_text("A comment is required before this file can be transferred.")
    shot(page, screenshots, "05-check-results")

    # Transfer without the comment is refused at the file.
    page.get_by_label("I approve that the selected files comply").check()
    page.get_by_role("button", name="Transfer").click()
    expect(page.locator("#transfer-refused")).to_contain_text("Nothing was transferred.")
    risky = file_row(page, "income_by_person.csv")
    expect(risky.locator(".file-refusal")).to_contain_text("add a comment")
    shot(page, screenshots, "06-transfer-refused")

    # Comment (htmx), approve, transfer.
    risky.get_by_label("Comment for research services").fill(
        "Test extract for the data manager; agreed with research services."
    )
    risky.get_by_role("button", name="Save comment").click()
    expect(risky).to_contain_text("Comment saved.")
    expect(risky).not_to_contain_text("A comment is required")
    approve = page.get_by_label("I approve that the selected files comply")
    if not approve.is_checked():
        approve.check()
    page.get_by_role("button", name="Transfer").click()
    expect(page.get_by_role("heading", name=re.compile("have been sent"))).to_be_visible()
    shot(page, screenshots, "07-sent")

    # The portal: My overview -> Projects -> Transfers, then download.
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="My overview")).to_be_visible()
    shot(page, screenshots, "08-my-overview")
    page.get_by_role("link", name=re.compile("Transfers")).first.click()
    expect(page.locator("details.transfer-day").first).to_contain_text("income_by_person.csv")
    page.get_by_label("Comment on income_by_person.csv").click()
    expect(page.get_by_text("Test extract for the data manager")).to_be_visible()
    shot(page, screenshots, "09-transfers")

    for name, content in (("income_by_person.csv", RISKY_CSV), ("counts_by_region.csv", CLEAN_CSV)):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=f"Download {name}").click()
        download = download_info.value
        assert download.suggested_filename == name
        body = Path(download.path()).read_bytes()
        assert body == content
        assert hashlib.sha256(body).hexdigest() == hashlib.sha256(content).hexdigest()

    # Delete one from the portal, confirming first.
    page.get_by_role("link", name="Delete counts_by_region.csv").click()
    shot(page, screenshots, "10-delete-confirm")
    page.get_by_role("button", name="Delete file").click()
    expect(page.get_by_text("counts_by_region.csv was deleted from the portal.")).to_be_visible()
    expect(page.get_by_role("link", name="Download counts_by_region.csv")).to_have_count(0)
    shot(page, screenshots, "11-after-delete")


def test_folder_and_dropped_files_upload_with_their_folders(tmp_path, chromium, screenshots):
    """'Add a folder' keeps each file's folder; files dropped onto the page are uploaded."""
    folder = tmp_path / "results"
    (folder / "tables").mkdir(parents=True)
    (folder / "tables" / "by_region.csv").write_bytes(CLEAN_CSV)
    (folder / "notes.txt").write_bytes(b"Model notes, no data.\n")
    (folder / "tables" / "scratch.exe").write_bytes(b"MZ")

    with installation(tmp_path) as inst:
        inst.manage("collectstatic", "--noinput", "-v", "0")
        base_url = inst.start_web(workers=1)
        context = chromium.new_context(base_url=base_url)
        page = context.new_page()
        try:
            page.goto("/inside/projects/demo/")
            page.get_by_label("Username").fill("researcher")
            page.get_by_label("Password").fill(inst.password("researcher"))
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Upload files for transfer")).to_be_visible()

            page.get_by_label("Add a folder").set_input_files(folder)
            expect(
                page.locator("li.upload-item").filter(has_text="results/tables/by_region.csv")
            ).to_contain_text("Uploaded")
            expect(
                page.locator("li.upload-item").filter(has_text="results/notes.txt")
            ).to_contain_text("Uploaded")
            expect(page.locator("li.upload-item").filter(has_text="scratch.exe")).to_contain_text(
                "File type not allowed"
            )

            # A drop onto the page (built in the page: Playwright cannot drag from the desktop).
            page.evaluate(
                """() => {
                    const data = new DataTransfer();
                    data.items.add(new File(["a,b\\n1,2\\n"], "dropped.csv", {type: "text/csv"}));
                    const drop = {dataTransfer: data, bubbles: true, cancelable: true};
                    document.body.dispatchEvent(new DragEvent("drop", drop));
                }"""
            )
            expect(page.locator("li.upload-item").filter(has_text="dropped.csv")).to_contain_text(
                "Uploaded"
            )
            expect(page.locator("#files-count")).to_have_text("Files to check: 3")
            shot(page, screenshots, "12-folder-and-drop")

            page.get_by_role("link", name="Check", exact=True).click()
            expect(page.get_by_role("heading", name="tables/by_region.csv")).to_be_visible()
        finally:
            context.close()
