"""The command-line client's parts that need no server: progress, paths, usage errors."""

import io

import pytest

from airlock_client import cli
from airlock_client.api import ApiError
from airlock_client.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_and_cleared_at_the_end():
    stream = Terminal()
    progress = Progress("uploading", 2048, unit="bytes", stream=stream)
    progress.advance(1024, "tabel.csv")
    assert "uploading" in stream.getvalue()
    assert " 50% 1.0 KB of 2.0 KB tabel.csv" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_progress_is_never_written_to_a_log():
    stream = io.StringIO()  # not a terminal: a batch job's log
    progress = Progress("checking", 3, stream=stream)
    progress.advance(3)
    progress.close()
    assert stream.getvalue() == ""


def test_folders_are_read_recursively_and_a_missing_path_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "t.csv").write_text("x;1\n")
    (tmp_path / "a" / ".hidden.txt").write_text("x\n")
    assert [p.name for p in cli.expand_paths([tmp_path / "a"])] == [".hidden.txt", "t.csv"]

    code = cli.main(["check", str(tmp_path / "nope.csv"), "--url", "http://x", "--token", "t"])
    assert code == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--token", "t", "-p", "p1"], "AIRLOCK_URL"),
        (["status", "--url", "http://x", "-p", "p1"], "AIRLOCK_TOKEN"),
        (["status", "--url", "http://x", "--token", "t"], "AIRLOCK_PROJECT"),
        (["status", "--url", "ftp://x", "--token", "t", "-p", "p1"], "https://"),
        (["transfer", "1", "--url", "http://x", "--token", "t", "-p", "p1"], "--approve"),
    ],
)
def test_missing_settings_are_usage_errors_that_say_what_to_set(argv, message, capsys, monkeypatch):
    for name in ("AIRLOCK_URL", "AIRLOCK_TOKEN", "AIRLOCK_PROJECT"):
        monkeypatch.delenv(name, raising=False)
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_server_out_of_reach_is_exit_5(capsys, monkeypatch):
    monkeypatch.delenv("AIRLOCK_PROJECT", raising=False)
    code = cli.main(["status", "--url", "http://127.0.0.1:9", "--token", "t", "-p", "p1"])
    assert code == 5
    assert "cannot reach http://127.0.0.1:9" in capsys.readouterr().err


class FakeApi:
    """The files the server has, and the requests the client sent."""

    def __init__(self, rounds: list[dict[int, str]]) -> None:
        self.rounds = rounds  # the status of each file inside, poll by poll
        self.asked: list[tuple[str, list[int]]] = []

    def files(self, code: str, ids: list[int] | None = None) -> list[dict]:
        self.asked.append(("list", list(ids or [])))
        now = self.rounds[min(len(self.asked) - 1, len(self.rounds) - 1)]
        return [{"id": i, "status": now[i]} for i in ids or [] if i in now]

    def file(self, code: str, file_id: int) -> dict:
        self.asked.append(("one", [file_id]))
        raise ApiError("Not found.", status=404)


def test_waiting_asks_for_all_pending_files_in_one_request_a_round(monkeypatch):
    monkeypatch.setattr(cli.time, "sleep", lambda seconds: None)
    api = FakeApi(
        [
            {1: "scanning", 2: "uploaded", 3: "scanning"},
            {1: "scanned", 2: "scanning", 3: "scanned"},
            {1: "scanned", 2: "scanned", 3: "scanned"},
        ]
    )

    files = cli.wait_for_verdicts(api, "demo", [1, 2, 3], timeout=60)

    assert [f["status"] for f in files] == ["scanned"] * 3
    assert api.asked == [("list", [1, 2, 3]), ("list", [1, 2, 3]), ("list", [2])]


def test_a_file_that_left_the_list_while_waiting_is_asked_alone_for_the_reason(monkeypatch):
    monkeypatch.setattr(cli.time, "sleep", lambda seconds: None)
    api = FakeApi([{1: "scanning", 2: "scanning"}, {1: "scanned"}])  # 2 was withdrawn

    with pytest.raises(ApiError):
        cli.wait_for_verdicts(api, "demo", [1, 2], timeout=60)

    assert api.asked == [("list", [1, 2]), ("list", [1, 2]), ("one", [2])]
