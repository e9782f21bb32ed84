"""The command-line client's parts that need no server: progress, paths, usage errors."""

import io

import pytest

from airlock_client import cli
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
