"""A real S3-compatible server process (moto's server mode) for the S3 store tests.

The server enforces IAM: after the set-up calls (buckets, users, policies), every request is
checked against the policies of the access key that signed it, so a key for one bucket really
cannot read the other. Bound to 127.0.0.1 on a free port; one server per test module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.processes import free_port

ROOT_KEY = {"aws_access_key_id": "moto-root", "aws_secret_access_key": "moto-root-secret"}
REGION = "us-east-1"


def moto_server_command() -> list[str] | None:
    """How to start moto's server here, or None when moto[server] is not installed."""
    try:
        import flask  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError:
        return None
    script = Path(sys.executable).with_name("moto_server")
    if script.exists():
        return [str(script)]
    found = shutil.which("moto_server")
    return [found] if found else [sys.executable, "-m", "moto.server"]


@dataclass(frozen=True)
class BucketKey:
    """One store's bucket and the access key that may use it (and nothing else)."""

    bucket: str
    access_key_id: str
    secret_access_key: str


@dataclass
class S3Server:
    endpoint_url: str
    process: subprocess.Popen
    keys: dict[str, BucketKey] = field(default_factory=dict)

    def client(self, key: BucketKey | None = None):
        import boto3

        credentials = (
            {
                "aws_access_key_id": key.access_key_id,
                "aws_secret_access_key": key.secret_access_key,
            }
            if key
            else ROOT_KEY
        )
        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=REGION, **credentials)

    def store_env(self, store: str, key: BucketKey) -> dict[str, str]:
        """The environment that makes Airlock's `store` ("QUARANTINE", ...) this bucket."""
        prefix = f"AIRLOCK_S3_{store}"
        return {
            f"{prefix}_BUCKET": key.bucket,
            f"{prefix}_ACCESS_KEY_ID": key.access_key_id,
            f"{prefix}_SECRET_ACCESS_KEY": key.secret_access_key,
            f"{prefix}_ENDPOINT_URL": self.endpoint_url,
        }

    def object_keys(self, bucket: str) -> list[str]:
        listed = self.client(self.keys_by_bucket()[bucket]).list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def keys_by_bucket(self) -> dict[str, BucketKey]:
        return {key.bucket: key for key in self.keys.values()}


def _bucket_policy(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:*"],
                    "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                }
            ],
        }
    )


def _set_up(server: S3Server, buckets: dict[str, str]) -> int:
    """Buckets and one IAM user per bucket; returns how many calls it made (all unchecked)."""
    import boto3

    s3 = server.client()
    iam = boto3.client("iam", endpoint_url=server.endpoint_url, region_name=REGION, **ROOT_KEY)
    calls = 0
    for store, bucket in buckets.items():
        s3.create_bucket(Bucket=bucket)
        user = f"airlock-{store.lower()}"
        iam.create_user(UserName=user)
        iam.put_user_policy(
            UserName=user, PolicyName=f"{bucket}-only", PolicyDocument=_bucket_policy(bucket)
        )
        created = iam.create_access_key(UserName=user)["AccessKey"]
        server.keys[store] = BucketKey(
            bucket=bucket,
            access_key_id=created["AccessKeyId"],
            secret_access_key=created["SecretAccessKey"],
        )
        calls += 4
    return calls


# Set-up calls per bucket (create_bucket, create_user, put_user_policy, create_access_key).
SET_UP_CALLS_PER_BUCKET = 4


@contextmanager
def s3_server(log_dir: Path, buckets: dict[str, str]) -> Iterator[S3Server]:
    """Start moto_server, make `buckets` ({"QUARANTINE": "airlock-quarantine", ...}) with one
    access key each, then let IAM check every further request."""
    command = moto_server_command()
    if command is None:
        raise RuntimeError("moto[server] is not installed")
    port = free_port()
    log = (log_dir / "moto_server.log").open("ab")
    unchecked = SET_UP_CALLS_PER_BUCKET * len(buckets)
    env = {
        **os.environ,
        # The first `unchecked` requests (our set-up) pass; IAM checks every one after them.
        "INITIAL_NO_AUTH_ACTION_COUNT": str(unchecked),
        "AWS_DEFAULT_REGION": REGION,
    }
    process = subprocess.Popen(
        [*command, "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = S3Server(endpoint_url=f"http://127.0.0.1:{port}", process=process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(server.endpoint_url + "/moto-api/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "moto_server did not start:\n" + (log_dir / "moto_server.log").read_text()
                    ) from None
                time.sleep(0.2)
        made = _set_up(server, buckets)
        assert made == unchecked
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
