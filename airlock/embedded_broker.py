"""The embedded broker: kombu's filesystem transport, with each message written whole.

kombu's filesystem transport creates a message's file under its final name and then writes
it, so a worker listing the queue folder at that moment can take the file while it is still
empty or half written. It then fails to decode it, and the worker stops with "Unrecoverable
error: JSONDecodeError" and the message is lost (celery/kombu#1551). Here a message is
written under a name no reader takes (it starts with a dot) and renamed to its final name
once it is complete; a rename within one folder is atomic, so a reader sees a whole message
or none. Everything else is kombu's.

Selected in settings (``CELERY_BROKER_TRANSPORT``) whenever the broker URL is
``filesystem://``, so the web processes, the workers and beat all write this way.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # kombu's two base classes name the second argument differently (message, payload).
    def _put(self, queue: Any, payload: Any, **kwargs: Any) -> None:  # type: ignore[override]
        # The same name as kombu's (ordered by time, then unique), so readers sort as before.
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.partial")
        try:
            with open(partial, "wb", buffering=0) as out:
                out.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            try:
                os.remove(partial)
            except OSError:
                pass
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
