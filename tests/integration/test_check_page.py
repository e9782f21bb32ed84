"""The check page's researcher path: the summary (with its count kept current), comments typed
but not saved surviving Transfer, files uploaded twice, and the page in Danish."""

import pytest

from tests.integration import test_pages_inside as pages
from tests.integration.test_pages_inside import (
    RISKY_CSV,
    finding,
    record_scan,
    row_html,
    upload,
    url,
)

# The inside pages' fixtures: a project, a researcher in it, a signed-in test client.
project = pages.project
researcher = pages.researcher
browser = pages.browser

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def summary_html(page: str) -> str:
    start = page.index('id="check-summary"')
    return page[start : page.index("</div>", start)]


def test_summary_says_which_files_need_a_comment_and_links_to_them(browser, project, researcher):
    clean = record_scan(upload(project, researcher, "a.csv"), "clean")
    risky = [
        record_scan(
            upload(project, researcher, name, RISKY_CSV + name.encode()), "risk", [finding()]
        )
        for name in ("b.csv", "c.csv")
    ]
    page = browser.get(url("check", project)).content.decode()
    summary = summary_html(page)
    assert "3 files to transfer" in summary
    assert "2 files need a comment:" in summary
    for output_file in risky:
        assert f'href="#id_f{output_file.pk}-comment"' in summary
        assert f'id="id_f{output_file.pk}-comment"' in page  # the link has a target
    assert clean.name not in summary
    assert page.index('id="check-summary"') < page.index('<li id="file-')


def test_removing_a_file_updates_the_summary_and_the_count_in_the_same_reply(
    browser, project, researcher
):
    record_scan(upload(project, researcher, "a.csv"), "clean")
    risky = record_scan(upload(project, researcher, "b.csv", RISKY_CSV), "risk", [finding()])
    reply = browser.post(url("withdraw", project, risky.pk), **HTMX)
    assert reply.status_code == 200
    body = reply.content.decode()
    assert f'id="file-{risky.pk}"' not in body  # the row goes
    assert 'id="check-summary" hx-swap-oob="innerHTML"' in body
    assert "1 file to transfer" in body and "need a comment" not in body
    assert 'id="files-count" hx-swap-oob="innerHTML">1 file to transfer' in body
    assert "Every file is checked." in body


def test_a_typed_but_unsaved_comment_is_saved_by_transfer(browser, project, researcher):
    risky = record_scan(upload(project, researcher, "b.csv", RISKY_CSV), "risk", [finding()])
    reply = browser.post(
        url("transfer", project),
        {"files": [risky.pk], "approve": "on", f"f{risky.pk}-comment": "Coefficients only."},
    )
    assert reply.status_code == 302, reply.content.decode()[:2000]
    risky.refresh_from_db()
    assert risky.comment == "Coefficients only."
    assert risky.transfer is not None


def test_a_refused_transfer_keeps_what_was_typed(browser, project, researcher):
    risky = record_scan(upload(project, researcher, "b.csv", RISKY_CSV), "risk", [finding()])
    other = record_scan(upload(project, researcher, "c.csv", RISKY_CSV + b"x"), "risk", [finding()])
    reply = browser.post(
        url("transfer", project),
        {"files": [risky.pk, other.pk], f"f{risky.pk}-comment": "Typed, not approved."},
    )
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Typed, not approved." in row_html(page, risky.pk)
    assert "add a comment" in row_html(page, other.pk)


def test_a_too_long_typed_comment_stops_the_transfer_at_its_file(browser, project, researcher):
    risky = record_scan(upload(project, researcher, "b.csv", RISKY_CSV), "risk", [finding()])
    reply = browser.post(
        url("transfer", project),
        {"files": [risky.pk], "approve": "on", f"f{risky.pk}-comment": "x" * 6000},
    )
    assert reply.status_code == 400
    assert "at most" in row_html(reply.content.decode(), risky.pk)
    risky.refresh_from_db()
    assert risky.transfer is None


def test_a_file_uploaded_twice_is_flagged_at_both_copies(browser, project, researcher):
    first = record_scan(upload(project, researcher, "table.csv"), "clean")
    again = record_scan(upload(project, researcher, "table.csv", folder="results"), "clean")
    single = record_scan(upload(project, researcher, "other.csv", b"x,y\n1,2\n"), "clean")
    page = browser.get(url("check", project)).content.decode()
    assert "Uploaded twice." in row_html(page, first.pk)
    assert f'href="#file-{again.pk}"' in row_html(page, first.pk)
    assert "results/table.csv" in row_html(page, first.pk)
    assert "Uploaded twice." in row_html(page, again.pk)
    assert "Uploaded twice." not in row_html(page, single.pk)
    assert "2 files are here twice" in summary_html(page)


def test_the_check_page_in_danish(browser, project, researcher):
    record_scan(upload(project, researcher, "b.csv", RISKY_CSV), "risk", [finding()])
    page = browser.get(url("check", project), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="da">' in page
    for words in (
        "Tjek filerne før overførsel",
        "Godkend overførsel",
        "Overfør",
        "mangler en kommentar",
    ):
        assert words in page
    for english in ("Transfer</button>", "Approve transfer", "need a comment", "Save comment"):
        assert english not in page


def test_removing_a_copy_clears_the_uploaded_twice_note_of_the_other(browser, project, researcher):
    first = record_scan(upload(project, researcher, "table.csv"), "clean")
    again = record_scan(upload(project, researcher, "table_copy.csv"), "clean")
    body = browser.post(url("withdraw", project, again.pk), **HTMX).content.decode()
    start = body.index(f'<div id="twice-{first.pk}" hx-swap-oob="innerHTML">')
    note = body[start : body.index("</div>", start)]
    assert "Uploaded twice." not in note
