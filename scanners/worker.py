"""The isolated scan process: ``python -m scanners.worker`` reads one request on stdin.

Request: ``{"path": ..., "file_type": ..., "policy": {...}}``. Reply on stdout:
``{"findings": [...]}``. The process first caps its own address space and CPU time (the
policy's limits), then imports the readers. Native libraries may write to file descriptor 1,
so the reply goes to a duplicate of the original stdout and everything else to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from scanners.limits import Deadline, limit_process
from scanners.model import Policy

# The worker gives up a little before the parent would kill it, to say why.
_OWN_DEADLINE_SHARE = 0.95
# CPU seconds allowed beyond the wall-clock limit (the parent kills on the wall clock).
_CPU_GRACE_SECONDS = 5


def main() -> int:
    reply = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    request = json.loads(sys.stdin.read())
    policy = Policy.from_dict(request["policy"])
    limit_process(
        memory_bytes=policy.max_scan_memory_bytes,
        cpu_seconds=int(policy.scan_time_limit_seconds) + _CPU_GRACE_SECONDS,
    )
    from scanners.content import inspect_content

    findings = inspect_content(
        Path(request["path"]),
        file_type=request["file_type"],
        policy=policy,
        deadline=Deadline(policy.scan_time_limit_seconds * _OWN_DEADLINE_SHARE),
    )
    json.dump({"findings": [f.to_dict() for f in findings]}, reply)
    reply.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
