"""The Datadoc page in a real browser against gunicorn: a project administrator imports a
document and sees the key variables; a malformed one is listed field by field, nothing of it
imported; no Content-Security-Policy violations."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.test_login_browser import sign_in
from tests.integration.datadoc_documents import person_file
from tests.support.processes import installation

pytestmark = pytest.mark.e2e


def test_a_project_administrator_imports_datadoc_in_a_browser(tmp_path, chromium, screenshots):
    good = tmp_path / "person_bosted_p2024_v1__DOC.json"
    good.write_text(json.dumps(person_file()), encoding="utf-8")
    broken_document = person_file("other_set")
    broken_document["datadoc"]["variables"][1]["is_personal_data"] = "MAYBE"
    broken = tmp_path / "broken__DOC.json"
    broken.write_text(json.dumps(broken_document), encoding="utf-8")

    with installation(tmp_path, AIRLOCK_ZONES="inside,portal,review") as inst:
        base = inst.start_web(workers=1)
        context = chromium.new_context()
        page = context.new_page()
        violations: list[str] = []
        page.on(
            "console",
            lambda msg: (
                violations.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )
        sign_in(
            page, base, "projectadmin", inst.password("projectadmin"), "/portal/administration/"
        )
        page.wait_for_url(f"{base}/portal/administration/demo/")
        page.get_by_role("link", name="Datadoc metadata and key variables").click()
        page.wait_for_url(f"{base}/portal/administration/demo/datadoc/")

        page.get_by_label("Datadoc JSON files").set_input_files(str(good))
        page.get_by_role("button", name="Import", exact=True).click()
        expect(
            page.get_by_text("1 Datadoc document is imported: person_bosted_p2024.")
        ).to_be_visible()
        expect(page.get_by_text("Pseudonymised serial number of the person")).to_be_visible()
        page.screenshot(path=str(screenshots / "datadoc-imported.png"), full_page=True)

        page.get_by_label("Datadoc JSON files").set_input_files(str(broken))
        page.get_by_role("button", name="Import", exact=True).click()
        problems = page.locator("#datadoc-problems")
        expect(problems).to_be_visible()
        text = problems.inner_text()
        assert "$.datadoc.variables[1].is_personal_data" in text
        assert '"MAYBE" is not one of' in text
        assert page.get_by_role("heading", name="other_set").count() == 0
        page.screenshot(path=str(screenshots / "datadoc-refused.png"), full_page=True)
        assert violations == []
        context.close()
