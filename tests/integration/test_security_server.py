"""Issue 12, items 7 and 8, against real gunicorn processes over raw sockets.

Item 7: a multipart body used to be parsed (and written to the upload folder) whenever any
``Authorization`` header was present, and before the Host check. Now a wrong token or a foreign
Host is answered before the body has been sent, and nothing reaches the disk.

Item 8: ``make run`` served with two sync workers and a 600 s timeout, so three slowloris
connections froze it. It now serves with threaded workers: other people's pages still load.
"""

import http.client
import importlib.util
import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.http_api import multipart
from tests.support.processes import ROOT, free_port, installation

pytestmark = pytest.mark.worker  # real processes (gunicorn)


def run_service_module():
    spec = importlib.util.spec_from_file_location("run_service", ROOT / "scripts/run_service.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The web server exactly as `make run` starts it."""
    with installation(tmp_path_factory.mktemp("server")) as inst:
        port = free_port()
        log = (inst.data_dir / "web.log").open("ab")
        command = run_service_module().gunicorn_command("127.0.0.1", port)
        process = subprocess.Popen(
            command, cwd=ROOT, env=inst.env, stdout=log, stderr=subprocess.STDOUT
        )
        inst.processes.append(process)
        inst.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(inst.base_url + "/accounts/login/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(inst.log("web")) from None
                time.sleep(0.3)
        yield inst


def connect(inst) -> socket.socket:
    return socket.create_connection(("127.0.0.1", int(inst.base_url.rsplit(":", 1)[1])), 10)


def read_response(sock: socket.socket, timeout: float = 5) -> tuple[int, dict]:
    sock.settimeout(timeout)
    response = http.client.HTTPResponse(sock)
    response.begin()
    body = response.read()
    return response.status, json.loads(body) if body else {}


def kept_files(inst) -> list[Path]:
    found = []
    for folder in ("quarantine", "uploads"):
        root = inst.data_dir / folder
        if root.exists():
            found += [p for p in root.rglob("*") if p.is_file()]
    return found


def start_upload(inst, sock, *, host: str, token: str) -> None:
    body, content_type = multipart([("a.csv", b"kommune;antal\n" + b"Aarhus;120\n" * 200_000)])
    sock.sendall(
        (
            "POST /api/inside/projects/demo/files HTTP/1.1\r\n"
            f"Host: {host}\r\nAuthorization: Token {token}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
    )
    sock.sendall(body[: 256 * 1024])  # the rest never comes: the answer must not wait for it


def test_a_wrong_token_is_refused_before_the_body_is_read(server):
    host = server.base_url.removeprefix("http://")
    with connect(server) as sock:
        start_upload(server, sock, host=host, token="not-a-token")
        status, reply = read_response(sock)

    assert status == 401
    assert reply["error"].startswith("Authentication required")
    assert kept_files(server) == []


def test_a_foreign_host_is_refused_before_the_body_is_read(server):
    with connect(server) as sock:
        start_upload(server, sock, host="evil.example", token=server.token("researcher"))
        status, reply = read_response(sock)

    assert status == 400
    assert "Host" in reply["error"]
    assert kept_files(server) == []


def test_an_anonymous_page_upload_is_refused_before_the_body_is_read(server):
    host = server.base_url.removeprefix("http://")
    body, content_type = multipart([("a.csv", b"x" * 5_000_000)])
    with connect(server) as sock:
        sock.sendall(
            (
                "POST /inside/projects/demo/ HTTP/1.1\r\n"
                f"Host: {host}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
        )
        sock.sendall(body[:1000])
        sock.settimeout(5)
        response = http.client.HTTPResponse(sock)
        response.begin()

    assert response.status == 403
    assert kept_files(server) == []


def test_three_slowloris_connections_do_not_freeze_the_server(server):
    host = server.base_url.removeprefix("http://")
    slow = []
    try:
        for _ in range(3):
            sock = connect(server)
            sock.sendall(f"GET /accounts/login/ HTTP/1.1\r\nHost: {host}\r\n".encode())
            slow.append(sock)
        for round_number in range(4):
            for index, sock in enumerate(slow):  # a header line now and then, never the end
                sock.sendall(f"X-Slow-{round_number}-{index}: a\r\n".encode())
            started = time.monotonic()
            with urllib.request.urlopen(server.base_url + "/accounts/login/", timeout=5) as reply:
                assert reply.status == 200
            assert time.monotonic() - started < 3
            time.sleep(0.5)
    finally:
        for sock in slow:
            sock.close()


def test_too_many_form_fields_in_an_api_upload_get_a_json_400(server):
    """Issue 12, item 5: over 1,000 fields used to get Django's HTML 400 from the API."""
    from tests.support.http_api import HttpApi

    boundary = "many-fields"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\n1\r\n'
        for i in range(1001)
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    reply = HttpApi(server.base_url, server.token("researcher")).request(
        "POST",
        "/api/inside/projects/demo/files",
        body=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )

    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("application/json")
    assert "Too many form fields" in reply.json()["error"]


def test_a_nul_in_an_api_comment_is_a_json_400(server):
    from tests.support.http_api import HttpApi

    api = HttpApi(server.base_url, server.token("researcher"))
    file_id = api.upload("demo", [("t.csv", b"a;b\n1;2\n")]).json()[0]["id"]
    reply = api.request(
        "POST",
        f"/api/inside/projects/demo/files/{file_id}/comment",
        body=b'{"comment": "a\\u0000b"}',
        content_type="application/json",
    )

    assert reply.status == 400
    assert "NUL character" in reply.json()["error"]
    assert api.delete(f"/api/inside/projects/demo/files/{file_id}").status == 204
