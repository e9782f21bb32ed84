"""The project's policy, fetched from the server and cached for use without a connection."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from airlock_client import exit_codes
from airlock_client.api import Api, ApiError
from scanners.model import Policy


def cache_folder() -> Path:
    if os.environ.get("AIRLOCK_CACHE_DIR"):
        return Path(os.environ["AIRLOCK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "airlock"


def cache_path(base_url: str, code: str) -> Path:
    key = hashlib.sha256(f"{base_url.rstrip('/')}\n{code}".encode()).hexdigest()[:24]
    return cache_folder() / f"policy-{key}.json"


def project_policy(api: Api, code: str, *, offline: bool = False) -> tuple[Policy, dict[str, Any]]:
    """The policy as the server has it now; the cached copy if the server cannot be reached.

    A wrong token or project is never covered up by the cache: those errors are raised.
    """
    path = cache_path(api.base_url, code)
    answer: dict[str, Any] | None = None
    if not offline:
        try:
            answer = api.policy(code)
        except ApiError as error:
            if error.exit_code != exit_codes.UNAVAILABLE or not path.exists():
                raise
            print(f"airlock: {error.message}; using the policy cached in {path}", file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            partial.write_text(json.dumps(answer, indent=1), encoding="utf-8")
            partial.replace(path)
    if answer is None:
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ApiError(
                f"no policy of project {code} is cached yet: run once with a connection",
                status=0,
            ) from None
    policy = Policy.from_dict(answer["policy"])
    if policy.digest != answer.get("digest"):
        print(
            "airlock: the policy's digest differs from the server's: this client's scanner "
            "library is not the server's version, so verdicts may differ",
            file=sys.stderr,
        )
    return policy, answer
