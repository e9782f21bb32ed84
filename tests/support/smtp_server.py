"""A real SMTP server process (aiosmtpd) that keeps every message it receives in a Maildir.

Airlock's processes send to it with Django's SMTP backend (AIRLOCK_EMAIL_* settings); tests
read the Maildir: envelope sender and recipients (X-MailFrom, X-RcptTo), headers and body.
Bound to 127.0.0.1 on a free port; one server per test module.
"""

from __future__ import annotations

import mailbox
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

from tests.support.processes import free_port


def aiosmtpd_installed() -> bool:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Received:
    """One message as the server received it."""

    envelope_to: tuple[str, ...]
    subject: str
    body: str
    headers: Message


@dataclass
class SmtpServer:
    host: str
    port: int
    maildir: Path
    process: subprocess.Popen

    def env(self) -> dict[str, str]:
        """The environment that makes an Airlock process send through this server."""
        return {
            "AIRLOCK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "AIRLOCK_EMAIL_HOST": self.host,
            "AIRLOCK_EMAIL_PORT": str(self.port),
        }

    def messages(self) -> list[Received]:
        received = []
        for message in mailbox.Maildir(self.maildir, create=False):
            payload = message.get_payload(decode=True)
            charset = message.get_content_charset() or "utf-8"
            received.append(
                Received(
                    envelope_to=tuple(
                        sorted(a.strip() for a in message.get("X-RcptTo", "").split(","))
                    ),
                    subject=str(make_header(decode_header(message.get("Subject", "")))),
                    body=payload.decode(charset) if isinstance(payload, bytes) else "",
                    headers=message,
                )
            )
        return received

    def wait_for(self, count: int, timeout: float = 20) -> list[Received]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages()
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    def clear(self) -> None:
        box = mailbox.Maildir(self.maildir, create=False)
        for key in list(box.keys()):
            box.remove(key)


@contextmanager
def smtp_server(folder: Path) -> Iterator[SmtpServer]:
    maildir = folder / "Maildir"
    mailbox.Maildir(maildir, create=True)
    port = free_port()
    log = (folder / "smtp.log").open("ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = SmtpServer(host="127.0.0.1", port=port, maildir=maildir, process=process)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    if sock.recv(512).startswith(b"220"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("aiosmtpd did not start:\n" + (folder / "smtp.log").read_text())
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
