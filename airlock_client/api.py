"""The JSON API over HTTP with the standard library only: no Django, no extra package."""

from __future__ import annotations

import json
import mimetypes
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

from airlock_client import exit_codes

CHUNK = 256 * 1024
USER_AGENT = "airlock-client/1"


class ApiError(Exception):
    """The server said no, or could not be reached; ``exit_code`` says which kind."""

    def __init__(self, message: str, *, status: int = 0, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.detail = detail

    @property
    def exit_code(self) -> int:
        if self.status in (401, 403):
            return exit_codes.AUTH
        if self.status in (400, 404, 409, 413, 422):
            return exit_codes.REFUSED
        return exit_codes.UNAVAILABLE


@dataclass
class Download:
    name: str
    size: int


class MultipartBody:
    """A multipart/form-data body read from the files as it is sent, with a known length."""

    def __init__(self, paths: list[Path], on_bytes: Callable[[int], None] | None = None) -> None:
        self.boundary = "airlock-" + secrets.token_hex(12)
        self.paths = paths
        self.on_bytes = on_bytes or (lambda n: None)
        self.heads = [self._head(p) for p in paths]
        self.tail = f"--{self.boundary}--\r\n".encode()
        self.length = sum(
            len(h) + p.stat().st_size + 2 for h, p in zip(self.heads, paths, strict=True)
        ) + len(self.tail)

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def _head(self, path: Path) -> bytes:
        quoted = path.name.replace("\\", "\\\\").replace('"', '\\"')
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{quoted}"\r\nContent-Type: {kind}\r\n\r\n'
        ).encode()

    def __iter__(self) -> Iterator[bytes]:
        for head, path in zip(self.heads, self.paths, strict=True):
            yield head
            with path.open("rb") as handle:
                for chunk in iter(lambda h=handle: h.read(CHUNK), b""):
                    self.on_bytes(len(chunk))
                    yield chunk
            yield b"\r\n"
        yield self.tail


class Api:
    def __init__(self, base_url: str, token: str, *, timeout: float = 300) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    # --- the calls ---------------------------------------------------------------------

    def policy(self, code: str) -> dict[str, Any]:
        return self._json("GET", f"/api/inside/projects/{_part(code)}/policy")

    def upload(
        self, code: str, paths: list[Path], on_bytes: Callable[[int], None] | None = None
    ) -> list[dict[str, Any]]:
        body = MultipartBody(paths, on_bytes)
        return self._json(
            "POST",
            f"/api/inside/projects/{_part(code)}/files",
            data=body,
            headers={"Content-Type": body.content_type, "Content-Length": str(body.length)},
        )

    def files(self, code: str, ids: list[int] | None = None) -> list[dict[str, Any]]:
        """The project's files inside; with ``ids``, only those (one request for them all)."""
        query = ("?" + urllib.parse.urlencode([("id", i) for i in ids])) if ids else ""
        return self._json("GET", f"/api/inside/projects/{_part(code)}/files{query}")

    def file(self, code: str, file_id: int) -> dict[str, Any]:
        return self._json("GET", f"/api/inside/projects/{_part(code)}/files/{file_id}")

    def comment(self, code: str, file_id: int, text: str) -> dict[str, Any]:
        return self._post(
            f"/api/inside/projects/{_part(code)}/files/{file_id}/comment", {"comment": text}
        )

    def transfer(self, code: str, file_ids: list[int], *, approve: bool) -> dict[str, Any]:
        return self._post(
            f"/api/inside/projects/{_part(code)}/transfers",
            {"files": file_ids, "approve": approve},
        )

    def transfers(self, code: str) -> list[dict[str, Any]]:
        return self._json("GET", f"/api/portal/projects/{_part(code)}/transfers")

    def download(
        self,
        code: str,
        file_id: int,
        folder: Path,
        on_bytes: Callable[[int], None] | None = None,
    ) -> Download:
        """Save a released file in ``folder`` under the name the server gives it."""
        path = f"/api/portal/projects/{_part(code)}/files/{file_id}/download"
        with self._open("GET", path) as response:
            name = _attachment_name(response.headers) or f"file-{file_id}"
            target = folder / Path(name).name
            partial = target.with_name(target.name + ".part")
            size = 0
            with partial.open("wb") as handle:
                for chunk in iter(lambda: response.read(CHUNK), b""):
                    handle.write(chunk)
                    size += len(chunk)
                    if on_bytes:
                        on_bytes(len(chunk))
            partial.replace(target)
        return Download(name=str(target), size=size)

    # --- HTTP --------------------------------------------------------------------------

    def _post(self, path: str, payload: Any) -> Any:
        return self._json(
            "POST",
            path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        with self._open(method, path, **kwargs) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _open(
        self,
        method: str,
        path: str,
        *,
        data: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        request = urllib.request.Request(  # noqa: S310 (the URL is checked for http(s) in cli)
            self.base_url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Token {self.token}",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                **(headers or {}),
            },
        )
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310
        except urllib.error.HTTPError as error:
            raise _error_from(error) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ApiError(f"cannot reach {self.base_url}: {reason}") from None


def _part(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def _attachment_name(headers: Message) -> str:
    message = Message()
    message["Content-Disposition"] = headers.get("Content-Disposition", "")
    return message.get_filename() or ""


def _error_from(error: urllib.error.HTTPError) -> ApiError:
    raw = error.read()
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if isinstance(body, dict) and "error" in body:
        return ApiError(str(body["error"]), status=error.code, detail=body.get("detail"))
    return ApiError(f"the server answered {error.code} {error.reason}", status=error.code)
