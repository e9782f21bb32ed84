"""Debian's nginx, with the config deploy/nginx ships, in front of gunicorn: the per-zone body
limits, request buffering (a slow client ties up nginx, never a gunicorn worker), and the
client's address passed on and recorded in the audit trail.

gunicorn runs one sync worker, so a request it is still reading blocks every other request:
what nginx holds off is visible as a fast answer to someone else.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.support.http_api import multipart
from tests.support.nginx import (
    SITE_CONFIGS,
    ZONE_HOSTS,
    NginxPrefix,
    nginx_binary,
    nginx_running,
    render,
)
from tests.support.processes import PY, ROOT, Installation, installation

REQUIRED = os.environ.get("CI") == "true" or os.environ.get("AIRLOCK_REQUIRE_SERVICES") == "1"
# The client's own address: another loopback address than nginx's, so the two can be told apart.
CLIENT_ADDRESS = "127.0.0.2"
UPLOAD_PATH = "/api/inside/projects/demo/files"


@dataclass
class Front:
    inst: Installation
    nginx: NginxPrefix

    @property
    def upstream_port(self) -> int:
        return int(self.inst.base_url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Iterator[Front]:
    if nginx_binary() is None:
        message = "nginx is not installed (scripts/setup.sh installs nginx-light)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    hosts = ",".join(["127.0.0.1", "localhost", *ZONE_HOSTS.values()])
    folder = tmp_path_factory.mktemp("nginx-front")
    with installation(
        folder, AIRLOCK_ALLOWED_HOSTS=hosts, AIRLOCK_CLIENT_IP_HEADER="HTTP_X_REAL_IP"
    ) as inst:
        inst.start_web(workers=1)
        port = int(inst.base_url.rsplit(":", 1)[1])
        with nginx_running(render(SITE_CONFIGS[0], folder / "nginx", upstream_port=port)) as ngx:
            yield Front(inst=inst, nginx=ngx)


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return context


def through_nginx(
    front: Front,
    zone: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPSConnection(
        "127.0.0.1",
        front.nginx.tls_port,
        context=tls_context(),
        timeout=30,
        source_address=(CLIENT_ADDRESS, 0),
    )
    try:
        connection.request(
            method, path, body=body, headers={"Host": ZONE_HOSTS[zone], **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def token_header(front: Front) -> dict[str, str]:
    return {"Authorization": f"Token {front.inst.token('researcher')}"}


def test_the_portal_refuses_a_body_over_its_limit_before_gunicorn(front):
    # The portal takes no uploads: nginx stops a 2 MB body (client_max_body_size 1m).
    status, _headers, body = through_nginx(
        front,
        "portal",
        "POST",
        "/api/portal/projects/demo/transfers",
        body=b"x" * (2 * 1024 * 1024),
        headers={**token_header(front), "Content-Type": "application/octet-stream"},
    )
    assert status == 413
    assert b"nginx" in body
    # A small body goes through to Airlock, which answers it itself.
    status, headers, _body = through_nginx(
        front,
        "portal",
        "POST",
        "/api/portal/projects/demo/transfers",
        body=b"{}",
        headers={**token_header(front), "Content-Type": "application/json"},
    )
    assert status != 413
    assert headers.get("Content-Type", "").startswith("application/json")


def test_an_upload_larger_than_the_memory_buffer_goes_through(front):
    # 3 MB: more than client_body_buffer_size, so nginx spools it to its body folder first.
    content = b"kommune;antal\n" + b"Aarhus;120\n" * 300_000
    body, content_type = multipart([("stor.csv", content)])
    status, _headers, reply = through_nginx(
        front,
        "inside",
        "POST",
        UPLOAD_PATH,
        body=body,
        headers={**token_header(front), "Content-Type": content_type},
    )
    assert status == 201, reply
    uploaded = json.loads(reply)
    assert [(f["name"], f["size"]) for f in uploaded] == [("stor.csv", len(content))]


def start_slow_upload(connect) -> tuple[socket.socket, bytes]:
    """Send the headers and a first part of an upload, then stall. Returns the socket and the
    rest of the body still to send."""
    body, content_type = multipart([("langsom.csv", b"kommune;antal\nAarhus;120\n" * 20_000)])
    sock = connect()
    head = (
        f"POST {UPLOAD_PATH} HTTP/1.1\r\nHost: {ZONE_HOSTS['inside']}\r\n"
        f"Authorization: Token {{token}}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return sock, head.encode() + body


def fast_request_seconds(url: str, host: str, token: str, *, context=None) -> float | None:
    """Seconds another user waits for the file list; None when no answer in 3 s."""
    request = urllib.request.Request(url, headers={"Host": host, "Authorization": f"Token {token}"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=3, context=context) as response:  # noqa: S310
            assert response.status == 200
    except (TimeoutError, OSError):
        return None
    return time.monotonic() - started


def finish(sock: socket.socket, rest: bytes) -> bytes:
    sock.sendall(rest)
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    sock.close()
    return reply


def slow_upload_holds_up_another_user(front: Front, *, via_nginx: bool) -> float | None:
    token = front.inst.token("researcher")
    if via_nginx:

        def connect() -> socket.socket:
            raw = socket.create_connection(
                ("127.0.0.1", front.nginx.tls_port), source_address=(CLIENT_ADDRESS, 0)
            )
            return tls_context().wrap_socket(raw, server_hostname=ZONE_HOSTS["inside"])

        url = f"https://127.0.0.1:{front.nginx.tls_port}{UPLOAD_PATH}"
        context = tls_context()
    else:

        def connect() -> socket.socket:
            return socket.create_connection(("127.0.0.1", front.upstream_port))

        url = f"http://127.0.0.1:{front.upstream_port}{UPLOAD_PATH}"
        context = None
    sock, request = start_slow_upload(connect)
    request = request.replace(b"{token}", token.encode())
    first, rest = request[: len(request) // 3], request[len(request) // 3 :]
    sock.sendall(first)
    time.sleep(0.5)  # the slow desktop stalls mid-body
    waited = fast_request_seconds(url, ZONE_HOSTS["inside"], token, context=context)
    reply = finish(sock, rest)
    assert reply.split(b"\r\n", 1)[0].endswith(b"201 Created"), reply[:300]
    return waited


def test_a_slow_client_is_held_off_by_nginx_not_gunicorn(front):
    waited = slow_upload_holds_up_another_user(front, via_nginx=True)
    assert waited is not None and waited < 2, "another user waited for the slow upload"


def test_without_nginx_the_same_slow_client_blocks_the_worker(front):
    # The control: straight to gunicorn, the same stalled body holds its only worker.
    assert slow_upload_holds_up_another_user(front, via_nginx=False) is None


def last_failed_sign_in(inst: Installation) -> dict:
    ran = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-c",
            "import json; from airlock.audit.models import AuditEvent; "
            "from airlock.accounts.models import FailedLogin; "
            "e = AuditEvent.objects.filter(action='login_failed').latest('pk'); "
            "print(json.dumps({'audit': e.data.get('ip'), "
            "'throttle': FailedLogin.objects.latest('pk').ip}))",
        ],
        cwd=ROOT,
        env=inst.env,
        text=True,
        capture_output=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


def test_the_client_address_is_passed_on_and_audited(front):
    status, headers, page = through_nginx(front, "inside", "GET", "/accounts/login/")
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "researcher", "password": "not-the-password"}
    ).encode()
    status, _headers, _page = through_nginx(
        front,
        "inside",
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            # gunicorn trusts nginx's X-Forwarded-Proto: the request is HTTPS, CSRF wants this.
            "Referer": f"https://{ZONE_HOSTS['inside']}/accounts/login/",
            # A client cannot choose the address recorded: nginx sets X-Real-IP itself.
            "X-Real-IP": "203.0.113.9",
        },
    )
    assert status == 200, _page[:300]  # the sign-in page again, with the error
    assert last_failed_sign_in(front.inst) == {"audit": CLIENT_ADDRESS, "throttle": CLIENT_ADDRESS}
