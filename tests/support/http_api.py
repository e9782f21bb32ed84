"""A small client for the JSON API of a running installation, over real HTTP (urllib)."""

from __future__ import annotations

import json
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def multipart(files: list[tuple[str, bytes]], field: str = "file") -> tuple[bytes, str]:
    boundary = "airlock-" + secrets.token_hex(12)
    parts = []
    for name, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class HttpApi:
    base_url: str
    token: str | None

    def request(
        self, method: str, path: str, *, body: bytes | None = None, content_type: str = ""
    ) -> Reply:
        headers = {"Authorization": f"Token {self.token}"} if self.token else {}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(
            self.base_url + path, data=body, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def delete(self, path: str) -> Reply:
        return self.request("DELETE", path)

    def post_json(self, path: str, data: Any) -> Reply:
        return self.request(
            "POST", path, body=json.dumps(data).encode(), content_type="application/json"
        )

    def upload(self, code: str, files: list[tuple[str, bytes]]) -> Reply:
        body, content_type = multipart(files)
        return self.request(
            "POST", f"/api/inside/projects/{code}/files", body=body, content_type=content_type
        )

    def wait_until_scanned(
        self, code: str, ids: list[int], timeout: float = 120
    ) -> dict[int, dict]:
        """Poll the API until every file has left the scan queue; returns them by id."""
        deadline = time.monotonic() + timeout
        files: dict[int, dict] = {}
        while time.monotonic() < deadline:
            for file_id in ids:
                reply = self.get(f"/api/inside/projects/{code}/files/{file_id}")
                if reply.status == 200:
                    files[file_id] = reply.json()
            waiting = (None, "uploaded", "scanning")
            if all(files.get(i, {}).get("status") not in waiting for i in ids):
                return files
            time.sleep(0.3)
        raise AssertionError(f"files not scanned within {timeout}s: {files}")
