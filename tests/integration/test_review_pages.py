"""The review zone's pages: the queue and the item page showing the file, findings marked."""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from PIL import Image

from airlock.outputs import scanning
from airlock.outputs import services as output_services
from airlock.review import services as review_services
from airlock.review.models import ReviewItem
from tests.integration import review_world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return w.user("ruth", reviewer=True)


def test_the_queue_is_oldest_first_and_filterable(reviewer):
    p1, r1, _ = w.project("alpha")
    p2, r2, _ = w.project("beta")
    first = w.transferred_file(p1, r1, name="first.csv", verdict="risk", findings=[w.SMALL_CELL])
    w.transferred_file(p2, r2, name="second.xlsx", verdict="unscannable")
    ReviewItem.objects.filter(pk=first.review_item.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    browser = w.signed_in(reviewer)
    page = browser.get("/review/").content.decode()
    assert page.index("first.csv") < page.index("second.xlsx")
    assert "3\xa0days" in page  # how long it has waited
    only_beta = browser.get("/review/?project=beta").content.decode()
    assert "second.xlsx" in only_beta and "first.csv" not in only_beta
    only_risk = browser.get("/review/?reason=risk").content.decode()
    assert "first.csv" in only_risk and "second.xlsx" not in only_risk
    old = browser.get("/review/?min_age_days=2").content.decode()
    assert "first.csv" in old and "second.xlsx" not in old
    # The API gives the same queue.
    queue = w.Client().get("/api/review/queue?reason=unscannable", **w.api(w.token(reviewer)))
    assert [i["file"]["name"] for i in queue.json()] == ["second.xlsx"]
    assert queue.json()[0]["project"] == "beta" and queue.json()[0]["status"] == "pending"


def test_the_item_page_shows_a_csv_as_a_table_with_the_finding_marked(reviewer):
    project, researcher, _ = w.project("csvp")
    risky = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    w.drawn(risky)
    page = w.signed_in(reviewer).get(f"/review/items/{risky.review_item.pk}/").content.decode()
    # Row 3, column 2 holds the 2: it is the marked cell.
    marked = re.findall(r'<td class="marked"[^>]*><mark>([^<]*)</mark>', page)
    assert marked == ["2"]
    assert "Samso" in page and "Counts are of municipalities." in page  # the comment
    assert "Not downloaded" in page
    assert "Released at transfer, controlled afterwards" in page  # the project's policy


def test_a_real_scan_of_a_sheet_is_marked_where_the_scanner_found_it(reviewer):
    project, researcher, _ = w.project("xlsxp", sampling_rate=0.0)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tabel 1"
    for row in (["Region", "Antal"], ["Nord", 120], ["Syd", 2], ["Vest", 45]):
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    output_file = output_services.output_file_upload(
        project=project, user=researcher, uploaded=io.BytesIO(data.getvalue()), name="t.xlsx"
    )
    scanning.output_file_scan(output_file_id=output_file.pk)
    output_file.refresh_from_db()
    assert output_file.verdict == "risk"
    output_services.output_file_comment(output_file=output_file, user=researcher, comment="ok")
    review_services.transfer_create(
        project=project, user=researcher, file_ids=[output_file.pk], approve=True
    )
    output_file.refresh_from_db()
    w.drawn(output_file)
    page = (
        w.signed_in(reviewer).get(f"/review/items/{output_file.review_item.pk}/").content.decode()
    )
    assert re.findall(r'<td class="marked"[^>]*><mark>([^<]*)</mark>', page) == ["2"]


def test_downloaded_is_shown_with_its_time(reviewer):
    project, researcher, _ = w.project("dl")
    risky = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    w.Client().get(
        f"/api/portal/projects/dl/files/{risky.pk}/download", **w.api(w.token(researcher))
    )
    page = w.signed_in(reviewer).get(f"/review/items/{risky.review_item.pk}/").content.decode()
    assert "Yes, first on" in page


def test_images_are_served_only_as_images_with_a_strict_policy(reviewer):
    project, researcher, _ = w.project("img")
    png = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(png, format="PNG")
    image = w.transferred_file(
        project,
        researcher,
        name="figur.png",
        content=png.getvalue(),
        verdict="unscannable",
        file_type="png",
    )
    w.drawn(image)
    browser = w.signed_in(reviewer)
    page = browser.get(f"/review/items/{image.review_item.pk}/").content.decode()
    assert f'src="/review/items/{image.review_item.pk}/image/"' in page
    response = browser.get(f"/review/items/{image.review_item.pk}/image/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    # An HTML file claiming to be a picture is never served as one.
    fake = w.transferred_file(
        project,
        researcher,
        name="fake.png",
        content=b"<script>alert(1)</script>",
        verdict="unscannable",
        file_type="png",
    )
    w.drawn(fake)
    assert browser.get(f"/review/items/{fake.review_item.pk}/image/").status_code == 404


def test_html_is_shown_as_source_never_rendered(reviewer):
    project, researcher, _ = w.project("html")
    html = w.transferred_file(
        project,
        researcher,
        name="out.html",
        content=b"<p>Hi</p><script>alert(1)</script>",
        verdict="unscannable",
        file_type="html",
    )
    w.drawn(html)
    page = w.signed_in(reviewer).get(f"/review/items/{html.review_item.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_pdf_pages_are_rendered_as_png(reviewer):
    from fpdf import FPDF

    pdf = FPDF()
    for text in ("Side 1", "Side 2"):
        pdf.add_page()
        pdf.set_font("helvetica", size=20)
        pdf.cell(text=text)
    project, researcher, _ = w.project("pdf")
    output_file = w.transferred_file(
        project,
        researcher,
        name="rapport.pdf",
        content=bytes(pdf.output()),
        verdict="unscannable",
        file_type="pdf",
    )
    w.drawn(output_file)
    browser = w.signed_in(reviewer)
    item = output_file.review_item.pk
    page = browser.get(f"/review/items/{item}/").content.decode()
    assert f"/review/items/{item}/pages/2.png" in page
    response = browser.get(f"/review/items/{item}/pages/2.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size[0] > 100
    assert browser.get(f"/review/items/{item}/pages/3.png").status_code == 404


def test_other_files_are_offered_as_a_download(reviewer):
    project, researcher, _ = w.project("docx")
    doc = w.transferred_file(
        project,
        researcher,
        name="notat.docx",
        content=b"PK\x03\x04 not really",
        verdict="unscannable",
        file_type="docx",
    )
    w.drawn(doc)
    browser = w.signed_in(reviewer)
    page = browser.get(f"/review/items/{doc.review_item.pk}/").content.decode()
    assert "cannot be shown here" in page
    response = browser.get(f"/review/items/{doc.review_item.pk}/file/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"PK\x03\x04 not really"


def test_statistics_page_shows_months_and_the_random_sample_rate(reviewer):
    from airlock.review import services

    project, researcher, _ = w.project("stats", sampling_rate=1.0)
    for n in range(3):
        f = w.transferred_file(project, researcher, name=f"f{n}.csv")
        services.review_item_decide(
            review_item=f.review_item,
            user=reviewer,
            decision="minor_breach" if n == 0 else "no_breach",
            note="small cell" if n == 0 else "",
        )
    page = w.signed_in(reviewer).get("/review/statistics/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and timezone.localtime().strftime("%Y-%m") in text
    assert "1/3 = 33.3%" in text
