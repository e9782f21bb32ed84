"""The `airlock` command-line client against a real server: gunicorn, a Celery worker.

One installation for the module. The client runs as its own process (`python -m
airlock_client`), the way a researcher's batch script runs it, and is judged by what it prints
and its exit code.
"""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from tests.support.http_api import HttpApi
from tests.support.processes import ROOT, installation

pytestmark = pytest.mark.worker

CLEAN_CSV = b"kommune;antal\nAarhus;120\nOdense;95\nAalborg;88\n"
SMALL_CELL_CSV = b"kommune;antal\nAarhus;120\nOdense;2\nAalborg;88\n"
NOTES = b"Model converged after 7 iterations.\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with installation(tmp_path_factory.mktemp("client")) as inst:
        inst.start_worker()
        inst.start_web()
        yield inst


@pytest.fixture
def airlock(server, tmp_path):
    env = {
        **os.environ,
        "AIRLOCK_URL": server.base_url,
        "AIRLOCK_TOKEN": server.token("researcher"),
        "AIRLOCK_PROJECT": "demo",
        "AIRLOCK_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),  # as if installed: the client and the scanner library
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)

    def run(*args, **overrides):
        result = subprocess.run(
            [sys.executable, "-m", "airlock_client", *args],
            cwd=tmp_path,
            env={**env, **overrides},
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result

    run.cache = tmp_path / "cache"
    return run


def results_folder(tmp_path):
    folder = tmp_path / "results"
    (folder / "tables").mkdir(parents=True)
    (folder / "tables" / "tabel.csv").write_bytes(CLEAN_CSV)
    (folder / "tables" / "small.csv").write_bytes(SMALL_CELL_CSV)
    (folder / "notes.txt").write_bytes(NOTES)
    return folder


def by_name(items, key="name"):
    return {os.path.basename(item[key]): item for item in items}


def test_check_gives_the_servers_verdicts_before_upload(airlock, server, tmp_path):
    folder = results_folder(tmp_path)

    checked = airlock("check", str(folder), "--json")

    assert checked.returncode == 1, checked.stderr  # a risk among them
    report = json.loads(checked.stdout)
    local = by_name(report["files"], key="path")
    assert set(local) == {"tabel.csv", "small.csv", "notes.txt"}
    assert local["tabel.csv"]["verdict"] == "clean"
    assert local["small.csv"]["verdict"] == "risk"
    assert "table.small_cell" in {f["code"] for f in local["small.csv"]["findings"]}

    uploaded = airlock("upload", str(folder), "--wait", "--json")
    assert uploaded.returncode == 1, uploaded.stderr
    remote = by_name(json.loads(uploaded.stdout))
    assert set(remote) == set(local)
    for name, server_file in remote.items():
        assert server_file["verdict"] == local[name]["verdict"], name
        assert [f["code"] for f in server_file["findings"]] == [
            f["code"] for f in local[name]["findings"]
        ], name
        assert [f["location"] for f in server_file["findings"]] == [
            f["location"] for f in local[name]["findings"]
        ], name
        assert server_file["sha256"] == local[name]["sha256"]
        assert local[name]["policy_digest"] == report["policy_digest"]


def test_check_offline_uses_the_cached_policy(airlock, tmp_path):
    folder = results_folder(tmp_path)
    never_fetched = airlock("check", "--offline", str(folder / "notes.txt"))
    assert never_fetched.returncode == 5
    assert "no policy of project demo is cached" in never_fetched.stderr

    assert airlock("check", str(folder / "notes.txt")).returncode == 0
    assert list(airlock.cache.glob("policy-*.json"))

    offline = airlock("check", "--offline", str(folder / "tables"), AIRLOCK_TOKEN="wrong")

    assert offline.returncode == 1, offline.stderr
    assert "small.csv: risk" in offline.stdout
    assert "table.small_cell" in offline.stdout


def test_policy_endpoint_gives_the_digest_the_worker_records(server, airlock, tmp_path):
    api = HttpApi(server.base_url, server.token("researcher"))
    answer = api.get("/api/inside/projects/demo/policy")
    assert answer.status == 200
    body = answer.json()
    assert body["policy"]["min_cell_count"] == 3
    (tmp_path / "a.txt").write_bytes(NOTES)
    uploaded = json.loads(airlock("upload", str(tmp_path / "a.txt"), "--json").stdout)
    scanned = api.wait_until_scanned("demo", [uploaded[0]["id"]])
    file_id = uploaded[0]["id"]
    # The policy digest is not in the file's JSON; the check report carries the same one.
    checked = json.loads(airlock("check", str(tmp_path / "a.txt"), "--json").stdout)
    assert checked["policy_digest"] == body["digest"]
    assert checked["files"][0]["policy_digest"] == body["digest"]
    assert scanned[file_id]["verdict"] == "clean"


def test_a_researchers_whole_transfer_from_the_command_line(airlock, server, tmp_path):
    (tmp_path / "tabel.csv").write_bytes(CLEAN_CSV)
    (tmp_path / "small.csv").write_bytes(SMALL_CELL_CSV)
    uploaded = airlock("upload", "tabel.csv", "small.csv", "--json")
    assert uploaded.returncode == 0, uploaded.stderr
    ids = {f["name"]: f["id"] for f in json.loads(uploaded.stdout)}

    status = airlock("status", str(ids["tabel.csv"]), str(ids["small.csv"]))
    assert status.returncode == 1  # waited, and one has a risk warning
    assert "risk" in status.stdout and "needs a comment" in status.stdout
    assert "table.small_cell" in status.stdout

    unapproved = airlock("transfer", str(ids["tabel.csv"]))
    assert unapproved.returncode == 2
    assert "--approve" in unapproved.stderr

    refused = airlock("transfer", "--approve", str(ids["tabel.csv"]), str(ids["small.csv"]))
    assert refused.returncode == 4
    assert f"file {ids['small.csv']}: " in refused.stderr
    assert "comment" in refused.stderr

    commented = airlock("comment", str(ids["small.csv"]), "Counts of municipalities.")
    assert commented.returncode == 0, commented.stderr

    transfer = airlock(
        "transfer", "--approve", str(ids["tabel.csv"]), str(ids["small.csv"]), "--json"
    )
    assert transfer.returncode == 0, transfer.stderr
    transferred = json.loads(transfer.stdout)
    assert sorted(f["id"] for f in transferred["files"]) == sorted(ids.values())

    listed = airlock("transfers", "--json")
    assert listed.returncode == 0, listed.stderr
    in_portal = {
        f["id"]: f
        for t in json.loads(listed.stdout)
        if t["id"] == transferred["id"]
        for f in t["files"]
    }
    released = [i for i, f in in_portal.items() if f["status"] == "released"]
    assert released, in_portal

    out = tmp_path / "downloads"
    out.mkdir()
    downloaded = airlock("download", *map(str, released), "-o", str(out), "--json")
    assert downloaded.returncode == 0, downloaded.stderr
    for item in json.loads(downloaded.stdout):
        content = (out / os.path.basename(item["path"])).read_bytes()
        assert hashlib.sha256(content).hexdigest() == in_portal[item["id"]]["sha256"]
    assert not list(out.glob("*.part"))


def test_a_wrong_token_is_exit_3_with_a_clear_message(airlock, tmp_path):
    (tmp_path / "a.txt").write_bytes(NOTES)
    result = airlock("upload", "a.txt", AIRLOCK_TOKEN="not-a-token")
    assert result.returncode == 3
    assert "token" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_a_wrong_project_is_exit_4(airlock, tmp_path):
    (tmp_path / "a.txt").write_bytes(NOTES)
    for command in (["upload", "a.txt"], ["check", "a.txt"], ["status"]):
        result = airlock(*command, "--project", "no-such-project")
        assert result.returncode == 4, (command, result.stderr)
        assert "project" in result.stderr.lower()
        assert "Traceback" not in result.stderr


def test_a_refused_type_is_exit_4_and_says_why(airlock, tmp_path):
    (tmp_path / "run.exe").write_bytes(b"MZ\x90\x00not really a program")
    result = airlock("upload", "run.exe", "--json")
    assert result.returncode == 4
    assert "run.exe: Files of type .exe cannot be transferred." in result.stderr
    assert json.loads(result.stdout)["status"] == 400


def test_usage_errors_are_exit_2(airlock, tmp_path):
    assert airlock("check", "missing.csv").returncode == 2
    no_token = airlock("status", AIRLOCK_TOKEN="")
    assert no_token.returncode == 2
    assert "AIRLOCK_TOKEN" in no_token.stderr
    assert airlock().returncode == 2
