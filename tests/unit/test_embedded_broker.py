"""The embedded broker hands a worker whole messages only.

kombu's own filesystem transport creates a message's file under its final name and then
writes it: a worker that looks in the queue folder in between takes a file that is empty or
half written, stops on a JSONDecodeError, and the scan it carried is lost. These tests stop
a put half way through its write and let a worker look at that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from kombu import Connection
from kombu.transport import filesystem

from airlock import embedded_broker

BODY = "x" * 10_000


def _channel(connection: Connection) -> Any:
    return connection.default_channel


def _put_with_a_look_half_way(
    monkeypatch: pytest.MonkeyPatch, module: Any, transport: type, folder: Path
) -> tuple[list[Any], Any]:
    """Put one message; half way through writing it, a second channel takes from the queue.
    Returns what that look saw (a message or the exception) and the channel to read on."""
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder)}
    reader = _channel(Connection(transport=transport, transport_options=options))
    seen: list[Any] = []

    class HalfWayFile:
        def __init__(self, real: Any) -> None:
            self.real = real

        def write(self, data: bytes) -> int:
            half = len(data) // 2
            written = self.real.write(data[:half])
            try:
                seen.append(reader._get("scans"))
            except Exception as exc:  # noqa: BLE001 - what the look met is the result
                seen.append(exc)
            return written + self.real.write(data[half:])

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

        def __enter__(self) -> HalfWayFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.real.close()

    real_open: Callable[..., Any] = open

    def opening(path: str, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        return HalfWayFile(handle) if "w" in mode else handle

    monkeypatch.setattr(module, "open", opening, raising=False)
    writer = _channel(Connection(transport=transport, transport_options=options))
    writer._put("scans", {"number": 1, "body": BODY})
    monkeypatch.undo()
    return seen, reader


def test_a_worker_never_takes_a_message_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen, reader = _put_with_a_look_half_way(
        monkeypatch, embedded_broker, embedded_broker.Transport, tmp_path
    )
    # Half way through, the queue looked empty: the message was not there to take.
    assert len(seen) == 1 and type(seen[0]).__name__ == "Empty", seen
    # Once written, it is there, whole, once; no partial file is left behind.
    assert reader._get("scans") == {"number": 1, "body": BODY}
    assert list(tmp_path.iterdir()) == []


def test_kombus_own_transport_hands_out_a_half_written_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the embedded broker has its own put: kombu's breaks at the same moment."""
    seen, _ = _put_with_a_look_half_way(monkeypatch, filesystem, filesystem.Transport, tmp_path)
    assert len(seen) == 1 and isinstance(seen[0], ValueError), seen  # JSONDecodeError


def test_the_embedded_default_uses_it() -> None:
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("this installation runs on another broker")
    assert settings.CELERY_BROKER_TRANSPORT == "airlock.embedded_broker:Transport"
    from airlock.celery import app

    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, embedded_broker.Transport)
