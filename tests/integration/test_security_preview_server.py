"""Issue 12, item 2, against real processes: gunicorn serves the review zone, a Celery worker
scans the upload and draws the reviewer's view in the scanner's sandbox after the transfer.

The UTF-16 CSV the red team used: the scanner reads it right, and the reviewer now sees the
small cell marked where the scanner found it (the web process's own decoder garbled it).
"""

import base64
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

import pytest

from tests.support.http_api import HttpApi
from tests.support.processes import installation

pytestmark = pytest.mark.worker

UTF16_CSV = "kommune;antal\nAarhus;120\nSamsø;2\nOdense;45\n".encode("utf-16")


def totp_now(secret: str) -> str:
    from django_otp.oath import TOTP

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return str(TOTP(key).token()).zfill(6)


class Browser:
    """Pages over HTTP with cookies, the way a browser without JavaScript signs in."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post_form(self, url: str, page: str, fields: dict[str, str]) -> tuple[str, str]:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def sign_in(self, inst, username: str, next_path: str) -> str:
        url, page = self.get("/accounts/login/?" + urllib.parse.urlencode({"next": next_path}))
        url, page = self.post_form(
            url,
            page,
            {"username": username, "password": inst.password(username), "next": next_path},
        )
        secret = inst.demo["users"][username]["totp_secret"]
        url, page = self.post_form(url, page, {"code": totp_now(secret), "next": next_path})
        return page


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with installation(tmp_path_factory.mktemp("preview")) as inst:
        inst.start_web(workers=1)
        inst.start_worker()
        yield inst


def test_the_worker_draws_the_view_and_the_reviewer_sees_the_cell_marked(running):
    researcher = HttpApi(running.base_url, running.token("researcher"))
    project = running.demo["project"]
    file_id = researcher.upload(project, [("kommuner.csv", UTF16_CSV)]).json()[0]["id"]
    scanned = researcher.wait_until_scanned(project, [file_id])[file_id]
    assert [f["location"] for f in scanned["findings"]] == ["line 3, column 2"]
    researcher.request(
        "POST",
        f"/api/inside/projects/{project}/files/{file_id}/comment",
        body=b'{"comment": "Counts of municipalities."}',
        content_type="application/json",
    )
    transfer = researcher.request(
        "POST",
        f"/api/inside/projects/{project}/transfers",
        body=f'{{"files": [{file_id}], "approve": true}}'.encode(),
        content_type="application/json",
    )
    assert transfer.status == 201, transfer.body
    queue = HttpApi(running.base_url, running.token("reviewer")).get("/api/review/queue").json()
    item = next(i["id"] for i in queue if i["file"]["id"] == file_id)

    browser = Browser(running.base_url)
    page = browser.sign_in(running, "reviewer", f"/review/items/{item}/")
    deadline = time.monotonic() + 90
    while "being drawn" in page and time.monotonic() < deadline:
        time.sleep(1)
        page = browser.get(f"/review/items/{item}/")[1]

    assert re.findall(r'<td class="marked"[^>]*><mark>([^<]*)</mark>', page) == ["2"]
    assert "Samsø" in page
