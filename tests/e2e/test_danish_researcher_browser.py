"""A Danish researcher's whole path in a real browser, by keyboard only, against real processes
(gunicorn and a Celery worker running the real scanner); and the same pages on a 375 px phone.

Every page state is checked with axe-core (no violation of any impact), for horizontal overflow
and, in Danish, for English words; a screenshot of each is kept (AIRLOCK_E2E_SCREENSHOTS).
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.checks import PageStates
from tests.support.http_api import HttpApi
from tests.support.processes import installation

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

CLEAN_CSV = (
    "region,personer\nHovedstaden,15234\nSjælland,8123\nSyddanmark,10456\n"
    "Midtjylland,11987\nNordjylland,5321\n"
).encode()
RISKY_CSV = b"cpr,kommune,indkomst\n0101901238,101,312000\n1505804321,147,287000\n"
LONG_NAME = "regressionsresultater_for_samtlige_kommuner_2015_2024_endelig_version.csv"
SCAN_TIMEOUT_MS = 120_000
TYPED_COMMENT = "Testudtræk aftalt med Forskningsservice; ingen rigtige personer."


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator:
    with installation(tmp_path_factory.mktemp("danish")) as inst:
        inst.manage("collectstatic", "--noinput", "-v", "0")
        inst.start_worker()
        inst.base_url = inst.start_web()
        yield inst


@pytest.fixture
def danish_page(chromium: Browser, service, request) -> Iterator[Page]:
    width, height = getattr(request, "param", (1280, 900))
    context = chromium.new_context(
        base_url=service.base_url,
        locale="da-DK",
        viewport={"width": width, "height": height},
        accept_downloads=True,
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Fjern … fra denne overførsel?"
    # Playwright turns the browser's file-chooser interception on when the page gets its first
    # "filechooser" listener, by a message it does not wait for. `expect_file_chooser()` just
    # before a key press could lose that race: the key got there first, the browser opened its
    # own (headless, invisible) chooser and no event came (a CI run timed out so). A listener
    # from the start turns interception on long before the test presses a key.
    page.on("filechooser", lambda chooser: None)
    try:
        yield page
    finally:
        context.close()


def tab_to(page: Page, target: Locator, *, limit: int = 80) -> None:
    """Press Tab until the target has the keyboard focus: no mouse, no programmatic focus."""
    handle = target.element_handle()
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def sign_in_by_keyboard(page: Page, password: str) -> None:
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    page.keyboard.type("researcher")  # the username field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def file_row(page: Page, name: str) -> Locator:
    return page.locator("li.file-row").filter(has=page.get_by_role("heading", name=name))


def test_danish_researcher_path_by_keyboard(danish_page, service, screenshots):
    page = danish_page
    states = PageStates(screenshots, "desktop")

    page.goto("/inside/")
    states.look(page, "01-log-ind")
    sign_in_by_keyboard(page, service.password("researcher"))
    expect(page.get_by_role("heading", name="Vælg et projekt")).to_be_visible()
    states.look(page, "02-vaelg-projekt")
    tab_to(page, page.get_by_role("link", name=re.compile("Demo project")))
    page.keyboard.press("Enter")

    # Upload by keyboard: "Tilføj filer" opens the file chooser from the keyboard.
    expect(page.get_by_role("heading", name="Upload filer til overførsel")).to_be_visible()
    tab_to(page, page.get_by_label("Tilføj filer"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        [
            {"name": "optaelling.csv", "mimeType": "text/csv", "buffer": CLEAN_CSV},
            {"name": "personer.csv", "mimeType": "text/csv", "buffer": RISKY_CSV},
            {"name": "optaelling_kopi.csv", "mimeType": "text/csv", "buffer": CLEAN_CSV},
            {"name": "program.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"},
        ]
    )
    refused = page.locator("li.upload-item.refused").filter(has_text="program.exe")
    expect(refused).to_contain_text("Filtype ikke tilladt")
    expect(page.locator("#files-count")).to_have_text("Filer til tjek: 3")
    expect(page.locator("li.upload-item.done").first).to_contain_text("KB")
    states.look(page, "03-upload")

    tab_to(page, page.get_by_role("link", name="Tjek", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tjek filerne før overførsel")).to_be_visible()
    states.look(page, "04-tjek-scanner")
    risky = file_row(page, "personer.csv")
    expect(risky.locator(".file-status")).to_have_text("Risikoadvarsel", timeout=SCAN_TIMEOUT_MS)
    for name in ("optaelling.csv", "optaelling_kopi.csv"):
        status = file_row(page, name).locator(".file-status")
        expect(status).to_have_text("Ingen risiko fundet", timeout=SCAN_TIMEOUT_MS)

    # The summary says what needs doing, linked; the copy is flagged as uploaded twice.
    summary = page.locator("#check-summary")
    expect(summary).to_contain_text("3 filer til overførsel")
    expect(summary).to_contain_text("1 fil mangler en kommentar")
    expect(summary.get_by_role("link", name="personer.csv")).to_have_attribute(
        "href", re.compile(r"#id_f\d+-comment")
    )
    expect(summary).to_contain_text("er her to gange")
    expect(file_row(page, "optaelling_kopi.csv")).to_contain_text("Uploadet to gange.")
    expect(risky.locator(".finding").first).to_contain_text("dansk CPR-nummer")
    states.look(page, "05-tjek-resultater")

    # Remove the copy by keyboard: the count updates and the focus lands on it.
    tab_to(page, file_row(page, "optaelling_kopi.csv").get_by_role("button", name="Fjern"))
    page.keyboard.press("Enter")
    expect(file_row(page, "optaelling_kopi.csv")).to_have_count(0)
    expect(page.locator("#files-count")).to_have_text("2 filer til overførsel")
    expect(summary).to_contain_text("2 filer til overførsel")
    expect(summary).not_to_contain_text("to gange")
    expect(file_row(page, "optaelling.csv")).not_to_contain_text("Uploadet to gange")
    expect(page.locator("#files-heading")).to_be_focused()
    states.look(page, "06-tjek-efter-fjern")

    # Type the comment, do not save it, approve and press Overfør: the comment goes along.
    tab_to(page, risky.get_by_label("Kommentar til Forskningsservice"))
    page.keyboard.type(TYPED_COMMENT)
    tab_to(page, page.get_by_label(re.compile("Jeg godkender")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Overfør", exact=True))
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Dine 2 filer er sendt fra forskermaskinen")
    ).to_be_visible()
    expect(page.locator(".confirmation")).to_contain_text(" kl. ")
    states.look(page, "07-sendt")

    # The portal, in Danish: Mit overblik -> Projekter -> Overførsler; the comment is there.
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="Mit overblik")).to_be_visible()
    states.look(page, "08-mit-overblik")
    tab_to(page, page.get_by_role("link", name=re.compile("^Overførsler Demo project")))
    page.keyboard.press("Enter")
    bubble = page.get_by_label("Kommentar til personer.csv")
    tab_to(page, bubble)
    page.keyboard.press("Enter")
    expect(page.get_by_text(TYPED_COMMENT)).to_be_visible()
    states.look(page, "09-overfoersler")
    tab_to(page, page.get_by_role("link", name="Hjemtag personer.csv"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_bytes() == RISKY_CSV

    # A report not tied to one file: the errors at their fields, then sent.
    page.get_by_role("link", name="Indberet et muligt brud").first.click()
    page.get_by_role("button", name="Indberet", exact=True).click()
    expect(page.locator("#id_description_error")).to_have_text("Beskriv, hvad der skete.")
    states.look(page, "10-indberet-fejl")

    states.assert_clean()
    print("looked at:", ", ".join(states.looked_at))


@pytest.mark.parametrize("danish_page", [(375, 812)], indirect=True)
def test_phone_layout_has_no_horizontal_scrolling(danish_page, service, screenshots):
    page = danish_page
    states = PageStates(screenshots, "375px")
    page.goto("/inside/projects/demo/")
    states.look(page, "01-log-ind")
    sign_in_by_keyboard(page, service.password("researcher"))
    expect(page.get_by_role("heading", name="Upload filer til overførsel")).to_be_visible()
    page.get_by_label("Tilføj filer").set_input_files(
        [
            {"name": LONG_NAME, "mimeType": "text/csv", "buffer": CLEAN_CSV},
            {"name": "personer.csv", "mimeType": "text/csv", "buffer": RISKY_CSV},
        ]
    )
    expect(page.locator("#files-count")).to_have_text("Filer til tjek: 2")
    states.look(page, "02-upload")
    page.get_by_role("link", name="Tjek", exact=True).click()
    risky = file_row(page, "personer.csv")
    expect(risky.locator(".file-status")).to_have_text("Risikoadvarsel", timeout=SCAN_TIMEOUT_MS)
    expect(file_row(page, LONG_NAME).locator(".file-status")).to_have_text(
        "Ingen risiko fundet", timeout=SCAN_TIMEOUT_MS
    )
    states.look(page, "03-tjek")

    # Transfer without the comment: refused at the file, at 375 px too.
    page.get_by_label(re.compile("Jeg godkender")).check()
    page.get_by_role("button", name="Overfør", exact=True).click()
    expect(page.locator("#transfer-refused")).to_contain_text("Intet blev overført.")
    states.look(page, "04-tjek-afvist")
    file_row(page, "personer.csv").get_by_label("Kommentar til Forskningsservice").fill(
        "Kun testdata."
    )
    approve = page.get_by_label(re.compile("Jeg godkender"))
    if not approve.is_checked():
        approve.check()
    page.get_by_role("button", name="Overfør", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("er sendt"))).to_be_visible()
    states.look(page, "05-sendt")

    page.goto("/portal/")
    states.look(page, "06-mit-overblik")
    page.get_by_role("link", name=re.compile("^Overførsler")).first.click()
    expect(page.locator(".portal-file").filter(has_text=LONG_NAME).first).to_be_visible()
    states.look(page, "07-overfoersler")
    page.get_by_role("link", name="Slet personer.csv").first.click()
    states.look(page, "08-slet-bekraeft")

    # The rest of a researcher's pages, and the error pages, at 375 px.
    page.goto("/portal/projects/demo/report-breach/")
    states.look(page, "09-indberet")
    page.get_by_role("link", name="API-tokens").click()
    page.get_by_label("Hvad tokenet bruges til").fill("mit script")
    page.get_by_role("button", name="Opret token").click()
    expect(page.get_by_role("heading", name="Dit nye token")).to_be_visible()
    states.look(page, "10-api-tokens")
    page.goto("/portal/projects/findes-ikke/transfers/")
    expect(page.get_by_role("heading", name="Ikke fundet")).to_be_visible()
    states.look(page, "11-ikke-fundet")
    page.goto("/review/")
    expect(page.get_by_text("Denne del af Airlock er kun for Forskningsservice.")).to_be_visible()
    expect(page.get_by_text("QR")).to_have_count(0)
    states.look(page, "12-ikke-tilladt")
    states.assert_clean()


def sign_in_with_code(page: Page, service, username: str) -> None:
    from tests.e2e.test_review_browser import totp_now

    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(service.password(username))
    page.get_by_role("button", name="Log ind").click()
    page.get_by_label("6-cifret kode fra din godkendelsesapp").fill(
        totp_now(service.demo["users"][username]["totp_secret"])
    )
    page.get_by_role("button", name="Fortsæt").click()


def test_staff_pages_in_danish(danish_page, service, screenshots):
    """Research services and a service administrator do their work in Danish; axe on each."""
    researcher = HttpApi(service.base_url, service.token("researcher"))
    uploaded = researcher.upload(
        "demo", [("kommuner.csv", b"kommune,antal\nAarhus,120\nSamsoe,2\n")]
    )
    file_id = uploaded.json()[0]["id"]
    assert researcher.wait_until_scanned("demo", [file_id])[file_id]["verdict"] == "risk"
    researcher.post_json(
        f"/api/inside/projects/demo/files/{file_id}/comment", {"comment": "Kommunetal."}
    )
    sent = researcher.post_json(
        "/api/inside/projects/demo/transfers", {"files": [file_id], "approve": True}
    )
    assert sent.status == 201, sent.body

    page = danish_page
    states = PageStates(screenshots, "desktop")
    page.goto("/review/")
    sign_in_with_code(page, service, "reviewer")
    expect(page.get_by_role("heading", name="Kontrolkø")).to_be_visible()
    states.look(page, "20-kontrolkoe")
    page.get_by_role("link", name="kommuner.csv").first.click()
    expect(page.get_by_role("heading", name="kommuner.csv")).to_be_visible()
    expect(page.locator("table.findings")).to_contain_text("Antal 2")
    states.look(page, "21-kontrol-fil")
    page.get_by_label("Alvorligt brud").check()
    page.get_by_role("button", name="Registrér afgørelse").click()
    expect(page.locator("#note-error")).to_have_text(
        "Et brud kræver en note om, hvad der blev fundet."
    )
    expect(page.get_by_label("Bemærkning")).to_be_focused()
    states.look(page, "22-afgoerelse-fejl")
    page.get_by_label("Alvorligt brud").check()
    page.get_by_label("Bemærkning").fill("Samsoe har et antal på 2.")
    page.get_by_role("button", name="Registrér afgørelse").click()
    expect(page.get_by_text(re.compile("Afgørelse registreret for kommuner.csv"))).to_be_visible()
    page.get_by_role("link", name="Brud", exact=True).click()
    states.look(page, "23-brud")
    page.get_by_role("link", name="Statistik").click()
    states.look(page, "24-statistik")
    page.get_by_role("link", name="Revisionsspor").click()
    expect(page.locator("table.audit")).to_contain_text("uploadede kommuner.csv")
    states.look(page, "25-revisionsspor")
    page.get_by_role("button", name="Log ud").click()

    page.goto("/review/administration/")
    sign_in_with_code(page, service, "serviceadmin")
    expect(page.get_by_role("heading", name="Projekter og politikker")).to_be_visible()
    states.look(page, "26-tjenesteadministration")
    page.get_by_role("link", name="demo", exact=True).first.click()
    expect(page.get_by_label("Hård upload-grænse (MB)")).to_be_visible()
    expect(page.get_by_label("dansk CPR-nummer")).to_be_visible()
    page.locator(".confirm-remove summary").first.click()
    expect(page.get_by_role("button", name=re.compile("^Ja, fjern"))).to_be_visible()
    states.look(page, "27-projekt-medlemmer-politik")
    states.assert_clean()
