"""Issue 12, item 2: the reviewer's view of a file is drawn in the scanner's sandbox.

The attacks: the review zone's web process parsed uploaded files itself. One 14,400 x 14,400 pt
PDF page took 35 s and 3.2 GB in a gunicorn worker, and the item page lazy-loaded up to 200
such pages. Its own CSV sniffer and decoder garbled a UTF-16 file the scanner read correctly,
so findings were marked on the wrong cells. Now a worker draws the preview with the scanner's
own readers in a capped child process; the web process only reads the stored JSON and PNGs.
"""

import io
import json
import os
import re
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from fpdf import FPDF
from PIL import Image

import scanners
from airlock.outputs import scanning
from airlock.outputs import services as output_services
from airlock.review import services as review_services
from tests.integration import review_world as w
from tests.support.processes import ROOT

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # fpdf's default unit is the millimetre


@pytest.fixture
def reviewer():
    return w.user("ruth", reviewer=True)


def marked_cells(page: str) -> list[str]:
    return re.findall(r'<td class="marked"[^>]*><mark>([^<]*)</mark>', page)


def test_a_utf16_csv_is_marked_on_the_cell_the_scanner_named(reviewer):
    project, researcher, _ = w.project("u16", sampling_rate=0.0)
    content = "kommune;antal\nAarhus;120\nSamsø;2\nOdense;45\n".encode("utf-16")
    inside = w.api(w.token(researcher))
    client = w.Client()
    upload = client.post(
        "/api/inside/projects/u16/files",
        {"file": SimpleUploadedFile("tabel.csv", content)},
        **inside,
    )
    file_id = upload.json()[0]["id"]
    scanning.output_file_scan(output_file_id=file_id)  # what the scan task does
    scanned = client.get(f"/api/inside/projects/u16/files/{file_id}", **inside).json()
    assert [f["location"] for f in scanned["findings"]] == ["line 3, column 2"]
    client.post(
        f"/api/inside/projects/u16/files/{file_id}/comment",
        data=json.dumps({"comment": "Counts of municipalities"}),
        content_type="application/json",
        **inside,
    )
    client.post(
        "/api/inside/projects/u16/transfers",
        data=json.dumps({"files": [file_id], "approve": True}),
        content_type="application/json",
        **inside,
    )
    output_file = output_services.OutputFile.objects.get(pk=file_id)
    w.drawn(output_file)

    page = w.signed_in(reviewer).get(f"/review/items/{output_file.review_item.pk}/")

    text = page.content.decode()
    assert marked_cells(text) == ["2"]
    assert "Samsø" in text  # decoded as the scanner decoded it, not as cp1252 bytes


def huge_page_pdf() -> bytes:
    pdf = FPDF(unit="pt", format=(14_400, 14_400))
    pdf.add_page()
    pdf.set_font("helvetica", size=400)
    pdf.text(500, 1000, "Antal 2")
    return bytes(pdf.output())


def test_a_huge_pdf_page_is_drawn_small_in_the_sandbox(reviewer):
    project, researcher, _ = w.project("huge")
    output_file = w.transferred_file(
        project,
        researcher,
        name="plakat.pdf",
        content=huge_page_pdf(),
        verdict="unscannable",
        file_type="pdf",
    )
    started = time.monotonic()
    w.drawn(output_file)
    drawn_in = time.monotonic() - started

    browser = w.signed_in(reviewer)
    item = output_file.review_item.pk
    page = browser.get(f"/review/items/{item}/").content.decode()
    png = browser.get(f"/review/items/{item}/pages/1.png")

    assert drawn_in < 20, f"drawing took {drawn_in:.1f} s"
    assert f"/review/items/{item}/pages/1.png" in page
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    width, height = Image.open(io.BytesIO(png.content)).size
    assert width * height <= 2_500_000 and width > 500


def test_only_a_capped_number_of_pages_is_drawn_plus_pages_with_findings(reviewer):
    pdf = FPDF()
    pdf.set_font("helvetica", size=14)
    for number in range(1, 46):
        pdf.add_page()
        pdf.cell(text=f"Side {number}")
    finding = scanners.Finding(
        code="table.small_cell", severity="risk", location="page 40, line 1", message="Small"
    )
    project, researcher, _ = w.project("many")
    output_file = w.transferred_file(
        project,
        researcher,
        name="rapport.pdf",
        content=bytes(pdf.output()),
        verdict="risk",
        findings=[finding],
        file_type="pdf",
    )
    w.drawn(output_file)
    browser = w.signed_in(reviewer)
    item = output_file.review_item.pk

    page = browser.get(f"/review/items/{item}/").content.decode()

    drawn = sorted({int(n) for n in re.findall(rf"/review/items/{item}/pages/(\d+)\.png", page)})
    assert drawn == [*range(1, 31), 40]
    assert "31 of 45 pages are drawn" in page
    assert browser.get(f"/review/items/{item}/pages/35.png").status_code == 404
    assert browser.get(f"/review/items/{item}/pages/40.png").status_code == 200


def table_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Antal personer efter kommune, 2024.")
    for name, count in (("Kommune", "Antal"), ("Aarhus", "120"), ("Samso", "2"), ("Odense", "45")):
        pdf.cell(60, 8, name, border=1)
        pdf.cell(30, 8, count, border=1, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_pdf_finding_is_boxed_where_its_words_stand_on_the_page(reviewer):
    finding = scanners.Finding(
        code="table.small_cell",
        severity="risk",
        location="page 1, line 4",
        message="Cell value 2 is below the minimum of 3 observations",
        evidence="2",
    )
    project, researcher, _ = w.project("box")
    output_file = w.transferred_file(
        project,
        researcher,
        name="tabel.pdf",
        content=table_pdf(),
        verdict="risk",
        findings=[finding],
        file_type="pdf",
    )
    w.drawn(output_file)

    page = w.signed_in(reviewer).get(f"/review/items/{output_file.review_item.pk}/")

    text = page.content.decode()
    view_box = re.search(r'viewBox="0 0 (\d+) (\d+)"', text)
    width, height = int(view_box[1]), int(view_box[2])
    boxes = re.findall(
        r'<rect class="finding-box" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"',
        text,
    )
    assert len(boxes) == 1
    x, y, box_width, box_height = (float(v) for v in boxes[0])
    # The "2" stands in the Samso row (34-42 mm from the top of 297 mm) and the count column
    # (70-100 mm from the left of 210 mm).
    assert 34 / 297 * height <= y and y + box_height <= 42 / 297 * height
    assert 70 / 210 * width <= x and x + box_width <= 100 / 210 * width
    assert "Cell value 2 is below the minimum" in text


def docx_with_comment() -> bytes:
    document = Document()
    document.add_paragraph("Antal kommuner i analysen: 98.")
    paragraph = document.add_paragraph("Tallene er fra 2024.")
    document.add_comment(paragraph.runs, text="Samso har kun 2 personer", author="Jens")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_is_shown_as_text_with_the_comment_marked(reviewer):
    project, researcher, _ = w.project("docx", sampling_rate=1.0)
    output_file = output_services.output_file_upload(
        project=project, user=researcher, uploaded=io.BytesIO(docx_with_comment()), name="n.docx"
    )
    scanning.output_file_scan(output_file_id=output_file.pk)
    output_file.refresh_from_db()
    assert "hidden.comment" in {f["code"] for f in output_file.findings}
    review_services.transfer_create(
        project=project, user=researcher, file_ids=[output_file.pk], approve=True
    )
    output_file.refresh_from_db()
    w.drawn(output_file)

    page = w.signed_in(reviewer).get(f"/review/items/{output_file.review_item.pk}/")

    text = page.content.decode()
    assert "Antal kommuner i analysen: 98." in text
    marked = re.findall(r"<mark title=\"[^\"]*\">([^<]*)</mark>", text)
    assert "Samso har kun 2 personer" in marked


def test_an_image_bomb_is_not_drawn_and_the_page_offers_the_download(reviewer):
    project, researcher, _ = w.project("bomb")
    png = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(png, format="PNG")  # 144 Mpx, a few kB
    output_file = w.transferred_file(
        project,
        researcher,
        name="bombe.png",
        content=png.getvalue(),
        verdict="unscannable",
        file_type="png",
    )
    w.drawn(output_file)
    browser = w.signed_in(reviewer)
    item = output_file.review_item.pk

    page = browser.get(f"/review/items/{item}/")

    assert page.status_code == 200
    assert "cannot be shown here" in page.content.decode()
    assert browser.get(f"/review/items/{item}/image/").status_code == 404


READERS_OF_UPLOADED_CONTENT = (
    "pypdfium2",
    "pdfplumber",
    "python_calamine",
    "PIL",
    "openpyxl",
    "docx",
    "pyreadstat",
    "xlrd",
    "odf",
    "olefile",
    "pytesseract",
)

BUILD = """
import io, os, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fpdf import FPDF
from PIL import Image
from tests.integration import review_world as w
from tests.integration.test_security_preview import docx_with_comment, table_pdf
project, researcher, _ = w.project("p", sampling_rate=1.0)
w.user("ruth", reviewer=True)
png = io.BytesIO()
Image.new("RGB", (40, 20), "red").save(png, format="BMP")
for name, content, file_type in (
    ("t.csv", w.CSV, "csv"),
    ("t.pdf", table_pdf(), "pdf"),
    ("n.docx", docx_with_comment(), "docx"),
    ("f.bmp", png.getvalue(), "bmp"),
):
    w.drawn(w.transferred_file(project, researcher, name=name, content=content,
                               verdict="unscannable", file_type=file_type))
"""

VIEW = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from airlock.review.models import ReviewItem
from tests.integration import review_world as w
browser = w.signed_in(get_user_model().objects.get(username="ruth"))
answers = []
for item in ReviewItem.objects.all():
    page = browser.get(f"/review/items/{item.pk}/")
    answers.append((page.status_code, "being drawn" in page.content.decode()))
    answers.append((browser.get(f"/review/items/{item.pk}/pages/1.png").status_code, False))
    answers.append((browser.get(f"/review/items/{item.pk}/image/").status_code, False))
loaded = sorted(
    name for name in sys.modules
    if name.split(".")[0] in sys.argv[1:]
    or (name.startswith("scanners.readers.") and name != "scanners.readers.context")
)
print(json.dumps({"answers": answers, "loaded": loaded}))
"""


def test_the_review_web_process_never_imports_a_reader_of_uploaded_content(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "airlock.settings",
        "AIRLOCK_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run([sys.executable, "-c", BUILD], cwd=ROOT, env=env, check=True, timeout=300)
    viewed = subprocess.run(
        [sys.executable, "-c", VIEW, *READERS_OF_UPLOADED_CONTENT],
        cwd=ROOT,
        env={**env, "AIRLOCK_ZONES": "review"},
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    result = json.loads(viewed.stdout.strip().splitlines()[-1])

    pages = result["answers"][0::3]
    assert pages == [[200, False]] * 4  # every item page shows its drawn preview
    assert [200] == sorted({s for s, _ in result["answers"][1::3]} - {404})  # the PDF's page
    assert [200] == sorted({s for s, _ in result["answers"][2::3]} - {404})  # the picture
    assert result["loaded"] == []


def test_until_the_view_is_drawn_the_page_says_so_and_asks_again(reviewer):
    from airlock.audit.models import AuditEvent

    project, researcher, _ = w.project("wait")
    risky = w.transferred_file(project, researcher, verdict="risk", findings=[w.SMALL_CELL])
    browser = w.signed_in(reviewer)
    url = f"/review/items/{risky.review_item.pk}/"

    waiting = browser.get(url).content.decode()
    assert "being drawn" in waiting and 'hx-trigger="every 3s"' in waiting
    views = AuditEvent.objects.filter(action="review_item_viewed").count()
    w.drawn(risky)
    polled = browser.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert marked_cells(polled) == ["2"]
    assert AuditEvent.objects.filter(action="review_item_viewed").count() == views
