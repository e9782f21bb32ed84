"""The hard upload limit against a real gunicorn, over a raw socket: the 413 arrives before the
body has been sent, and nothing of the refused upload is kept."""

import http.client
import json
import socket
import time
from pathlib import Path

import pytest

from tests.support.http_api import HttpApi, multipart
from tests.support.processes import installation

pytestmark = pytest.mark.worker  # real processes (gunicorn)

LIMIT = 1024 * 1024  # 1 MiB per file in this installation
REQUEST_LIMIT = 3 * 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("limits")
    with installation(
        tmp,
        AIRLOCK_MAX_UPLOAD_BYTES=str(LIMIT),
        AIRLOCK_MAX_REQUEST_BYTES=str(REQUEST_LIMIT),
    ) as inst:
        inst.start_web(workers=1)
        yield inst


def kept_files(inst) -> list[Path]:
    """Every file in the quarantine store and the upload temp folder, once the installation's
    one gunicorn worker has finished the request before, its clean-up included: a sync worker
    answers the next request (made here) only after that. No sleep, no guess."""
    api = HttpApi(inst.base_url, inst.token("researcher"))
    assert api.get("/api/inside/projects/demo/files").status == 200
    found = []
    for folder in ("quarantine", "uploads"):
        root = inst.data_dir / folder
        if root.exists():
            found += [p for p in root.rglob("*") if p.is_file()]
    return found


def headers_for(inst, *, content_type: str, length: int | None, chunked: bool = False) -> bytes:
    host = inst.base_url.removeprefix("http://")
    lines = [
        "POST /api/inside/projects/demo/files HTTP/1.1",
        f"Host: {host}",
        f"Authorization: Token {inst.token('researcher')}",
        f"Content-Type: {content_type}",
        "Connection: close",
    ]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_response(sock: socket.socket, timeout: float = 10) -> tuple[int, dict]:
    """Read the HTTP response to what was sent so far (http.client parses it)."""
    sock.settimeout(timeout)
    response = http.client.HTTPResponse(sock)
    response.begin()
    body = response.read()
    return response.status, json.loads(body) if body else {}


def connect(inst) -> socket.socket:
    host, port = inst.base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def test_a_huge_declared_upload_is_refused_before_its_body_is_sent(server):
    body, content_type = multipart([("huge.csv", b"")])
    with connect(server) as sock:
        sock.sendall(headers_for(server, content_type=content_type, length=500 * 1024**3))
        sock.sendall(body[:1000])  # a first morsel; the other 500 GB never come
        started = time.monotonic()
        status, reply = read_response(sock)

    assert status == 413
    assert time.monotonic() - started < 5
    assert "limit" in reply["error"]
    assert reply["detail"]["limit_bytes"] == REQUEST_LIMIT
    assert kept_files(server) == []


def test_a_file_over_the_limit_is_stopped_while_it_streams(server):
    # The declared length is honest and small enough to pass the first check; the file in
    # it is over the per-file limit. Only part of the body is sent: a server that waited
    # for all of it before answering would time out here.
    body, content_type = multipart([("big.csv", b"x" * (2 * LIMIT))])
    with connect(server) as sock:
        sock.sendall(headers_for(server, content_type=content_type, length=len(body)))
        sock.sendall(body[: LIMIT + 256 * 1024])
        status, reply = read_response(sock)

    assert status == 413
    assert reply["detail"]["limit_bytes"] == LIMIT
    assert kept_files(server) == []


def test_several_files_over_the_request_limit_are_stopped_and_none_kept(server):
    files = [(f"part{i}.csv", b"y" * (LIMIT - 1000)) for i in range(4)]  # each under the limit
    body, content_type = multipart(files)
    with connect(server) as sock:
        sock.sendall(headers_for(server, content_type=content_type, length=len(body)))
        try:
            sock.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: that is the point
        status, reply = read_response(sock)

    assert status == 413
    assert kept_files(server) == []
    api = HttpApi(server.base_url, server.token("researcher"))
    assert api.get("/api/inside/projects/demo/files").json() == []


def test_a_chunked_upload_is_refused_before_its_body_is_read(server):
    with connect(server) as sock:
        sock.sendall(
            headers_for(
                server, content_type="multipart/form-data; boundary=x", length=None, chunked=True
            )
        )
        sock.sendall(b"10000\r\n" + b"z" * 1000)  # the start of a 64 KiB chunk, never finished
        status, reply = read_response(sock)

    assert status == 400
    assert "Content-Length" in reply["error"]
    assert kept_files(server) == []


def test_a_file_just_under_the_limit_is_accepted(server):
    api = HttpApi(server.base_url, server.token("researcher"))
    content = b"kommune;antal\n" + b"Aarhus;120\n" * ((LIMIT - 100) // 11)

    reply = api.upload("demo", [("stor.csv", content)])

    assert reply.status == 201, reply.body
    assert reply.json()[0]["size"] == len(content)
    assert api.delete(f"/api/inside/projects/demo/files/{reply.json()[0]['id']}").status == 204


def test_a_file_type_not_allowed_is_refused_and_nothing_is_kept(server):
    api = HttpApi(server.base_url, server.token("researcher"))

    reply = api.upload("demo", [("tabel.csv", b"a;b\n1;2\n"), ("program.exe", b"MZ\x90\x00")])

    assert reply.status == 400
    assert reply.json()["error"] == "File type not allowed"
    assert reply.json()["detail"]["name"] == "program.exe"
    assert kept_files(server) == []
    assert api.get("/api/inside/projects/demo/files").json() == []


def test_an_empty_file_or_no_file_is_a_400_and_nothing_is_kept(server):
    api = HttpApi(server.base_url, server.token("researcher"))

    empty = api.upload("demo", [("tom.csv", b"")])
    nothing = api.request(
        "POST",
        "/api/inside/projects/demo/files",
        body=b"",
        content_type="multipart/form-data; boundary=x",
    )

    assert empty.status == 400
    assert empty.json()["error"] == "Empty file"
    assert nothing.status == 400
    assert nothing.json()["error"] == "No file was sent"
    assert kept_files(server) == []


def test_an_upload_without_credentials_is_refused_before_its_body_is_read(server):
    body, content_type = multipart([("a.csv", b"a;b\n1;2\n" * 1000)])
    host = server.base_url.removeprefix("http://")
    with connect(server) as sock:
        sock.sendall(
            (
                "POST /api/inside/projects/demo/files HTTP/1.1\r\n"
                f"Host: {host}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
        )
        sock.sendall(body[:100])  # the rest is never sent: the answer must not wait for it
        status, reply = read_response(sock)

    assert status == 401
    assert reply["error"].startswith("Authentication required")
    assert kept_files(server) == []
