"""Calibration on the control statistics page in a real browser, after real scans and
decisions: the miss rate of the random sample and the false-alarm rate of a finding code, in
English and Danish, checked with axe-core and at 375 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.checks import PageStates
from tests.e2e.test_review_browser import totp_now
from tests.support.http_api import HttpApi
from tests.support.processes import installation

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

SMALL_CELL_CSV = b"kommune,antal\nAarhus,120\nSamso,2\nOdense,45\n"
CLEAN_CSV = b"kommune,antal\nAarhus,120\nSamso,31\nOdense,45\n"


def test_the_statistics_page_shows_calibration(tmp_path, chromium, screenshots):
    with installation(tmp_path) as inst:
        # Every clean file drawn at random, so the random sample is not left to chance.
        inst.manage(
            "shell",
            "-c",
            "from airlock.projects.models import Project; "
            "Project.objects.filter(code='demo').update(sampling_rate=1.0)",
        )
        inst.start_worker()
        base_url = inst.start_web()
        researcher = HttpApi(base_url, inst.token("researcher"))
        uploaded = researcher.upload("demo", [("risky.csv", SMALL_CELL_CSV), ("ok.csv", CLEAN_CSV)])
        assert uploaded.status == 201, uploaded.body
        ids = {f["name"]: f["id"] for f in uploaded.json()}
        scanned = researcher.wait_until_scanned("demo", list(ids.values()))
        assert scanned[ids["risky.csv"]]["verdict"] == "risk"
        assert scanned[ids["ok.csv"]]["verdict"] == "clean"
        researcher.post_json(
            f"/api/inside/projects/demo/files/{ids['risky.csv']}/comment",
            {"comment": "Counts of municipalities."},
        )
        transfer = researcher.post_json(
            "/api/inside/projects/demo/transfers", {"files": list(ids.values()), "approve": True}
        )
        assert transfer.status == 201, transfer.body
        reviewer = HttpApi(base_url, inst.token("reviewer"))
        queue = reviewer.get("/api/review/queue").json()
        assert len(queue) == 2
        for item in queue:
            decided = reviewer.post_json(
                f"/api/review/items/{item['id']}/decision", {"decision": "no_breach", "note": ""}
            )
            assert decided.status == 200, decided.body

        # One sign-in (a TOTP code is accepted once), then each width and language.
        context = chromium.new_context(
            base_url=base_url, extra_http_headers={"Accept-Language": "en"}
        )
        page = context.new_page()
        try:
            sign_in(page, inst)
            for language in ("en", "da"):
                if language == "da":
                    page.get_by_role("button", name="Dansk").click()
                for width, viewport in (
                    ("desktop", {"width": 1280, "height": 900}),
                    ("phone", {"width": 375, "height": 800}),
                ):
                    page.set_viewport_size(viewport)
                    look_at_statistics(page, PageStates(screenshots, width), language)
        finally:
            context.close()


def sign_in(page, inst) -> None:
    page.goto("/review/statistics/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(inst.password("reviewer"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code from your authenticator app").fill(
        totp_now(inst.demo["users"]["reviewer"]["totp_secret"])
    )
    page.get_by_role("button", name="Continue").click()


def look_at_statistics(page, states: PageStates, language: str) -> None:
    page.goto("/review/statistics/")
    if language == "en":
        expect(page.get_by_role("heading", name="Calibration")).to_be_visible()
        # 0 of 1 random-sample files a breach: Wilson 95% upper bound z²/(1+z²) = 79.3%.
        expect(page.locator(".miss-rate")).to_contain_text(
            "Reviewers found a breach in 0 of 1 files drawn at random (0.0%; 95% Wilson "
            "interval 0.0%–79.3%)"
        )
        # 1 of 1 small-cell warnings judged no breach: lower bound 1/(1+z²) = 20.7%.
        row = page.locator("table.false-alarms tr").filter(has_text="table.small_cell")
        expect(row).to_contain_text("100.0% (20.7%–100.0%)")
    else:
        expect(page.get_by_role("heading", name="Kalibrering")).to_be_visible()
        expect(page.locator(".miss-rate")).to_contain_text(
            "Kontrollanterne fandt brud i 0 af 1 tilfældigt udtrukne filer"
        )
    states.look(page, f"statistics-{language}", danish=language == "da")
    states.assert_clean()
