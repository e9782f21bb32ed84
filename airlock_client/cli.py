"""``airlock``: check result files before upload, upload, follow, comment, transfer, download.

Exit codes are in ``exit_codes`` and docs/client.md. Human output goes to stdout, progress and
errors to stderr; ``--json`` prints one JSON document on stdout instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from airlock_client import exit_codes
from airlock_client.api import Api, ApiError
from airlock_client.progress import Progress

NOT_CLEAN = ("risk", "unscannable", "rejected")
WAITING = ("uploaded", "scanning")
FILES_PER_POLL = 100  # file ids asked in one status request (the API takes up to 200)


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return exit_codes.USAGE
    try:
        return args.run(args)
    except UsageError as error:
        print(f"airlock: {error}", file=sys.stderr)
        return exit_codes.USAGE
    except ApiError as error:
        _print_api_error(error, json_output=args.json)
        return error.exit_code
    except KeyboardInterrupt:
        print("airlock: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help="the Airlock server (default: $AIRLOCK_URL)")
    common.add_argument("--token", help="your API token (default: $AIRLOCK_TOKEN)")
    common.add_argument("--project", "-p", help="the project's code (default: $AIRLOCK_PROJECT)")
    common.add_argument("--json", action="store_true", help="print JSON on stdout")

    parser = argparse.ArgumentParser(
        prog="airlock",
        description="Check, upload and transfer research results through Airlock.",
        epilog="Exit codes: 0 ok and clean, 1 findings, 2 usage, 3 token, 4 not found or "
        "refused, 5 server unavailable or timed out.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", parents=[common], help="scan files or folders here, with the project's policy"
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument(
        "--offline", action="store_true", help="use the cached policy, do not ask the server"
    )
    check.set_defaults(run=run_check)

    upload = commands.add_parser("upload", parents=[common], help="upload files or folders")
    upload.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    upload.add_argument("--wait", action="store_true", help="then wait for the verdicts")
    upload.add_argument("--timeout", type=float, default=600, help="seconds to wait (600)")
    upload.set_defaults(run=run_upload)

    status = commands.add_parser(
        "status", parents=[common], help="show files and wait for their verdicts"
    )
    status.add_argument("ids", nargs="*", type=int, metavar="FILE_ID", help="default: all")
    status.add_argument("--no-wait", action="store_true", help="do not wait for scans")
    status.add_argument("--timeout", type=float, default=600, help="seconds to wait (600)")
    status.set_defaults(run=run_status)

    comment = commands.add_parser("comment", parents=[common], help="comment on a file")
    comment.add_argument("id", type=int, metavar="FILE_ID")
    comment.add_argument("text", help="what the file contains (use '-' to read stdin)")
    comment.set_defaults(run=run_comment)

    transfer = commands.add_parser(
        "transfer", parents=[common], help="approve the declaration and transfer files"
    )
    transfer.add_argument("ids", nargs="+", type=int, metavar="FILE_ID")
    transfer.add_argument(
        "--approve",
        action="store_true",
        help="approve the declaration: the files comply with the confidentiality policy and "
        "the guidelines for transfer of analysis results, and hold no microdata",
    )
    transfer.set_defaults(run=run_transfer)

    transfers = commands.add_parser(
        "transfers", parents=[common], help="(portal) list the project's released transfers"
    )
    transfers.set_defaults(run=run_transfers)

    download = commands.add_parser(
        "download", parents=[common], help="(portal) download released files"
    )
    download.add_argument("ids", nargs="+", type=int, metavar="FILE_ID")
    download.add_argument(
        "--output", "-o", type=Path, default=Path("."), help="folder to save in (here)"
    )
    download.set_defaults(run=run_download)
    return parser


# --- Commands ----------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    from airlock_client.policy_cache import project_policy
    from scanners.sandbox import preload
    from scanners.scan import scan

    paths = expand_paths(args.paths)
    policy, answer = _policy(project_policy, _api(args), _project(args), offline=args.offline)
    if len(paths) > 1:
        preload()
    progress = Progress("checking", len(paths))
    results = []
    try:
        for path in paths:
            progress.advance(0, path.name)
            report = scan(path, filename=path.name, policy=policy)
            results.append(report.to_dict())
            progress.advance(1, path.name)
    finally:
        progress.close()
    if args.json:
        _print_json({"policy_digest": answer.get("digest"), "files": results})
    else:
        for result in results:
            print(f"{result['path']}: {result['verdict']}")
            _print_findings(result["findings"])
    return _verdicts_exit(r["verdict"] for r in results)


def run_upload(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    api = _api(args)
    code = _project(args)
    progress = Progress("uploading", sum(p.stat().st_size for p in paths), unit="bytes")
    try:
        files = api.upload(code, paths, on_bytes=progress.advance)
    finally:
        progress.close()
    if args.wait:
        files = wait_for_verdicts(api, code, [f["id"] for f in files], timeout=args.timeout)
    _print_files(files, json_output=args.json)
    return _verdicts_exit(f.get("verdict") for f in files) if args.wait else exit_codes.OK


def run_status(args: argparse.Namespace) -> int:
    api = _api(args)
    code = _project(args)
    ids = args.ids or [f["id"] for f in api.files(code)]
    if args.no_wait:
        files = [api.file(code, i) for i in ids]
    else:
        files = wait_for_verdicts(api, code, ids, timeout=args.timeout)
    _print_files(files, json_output=args.json)
    if any(f["status"] in WAITING for f in files):
        return exit_codes.UNAVAILABLE if not args.no_wait else exit_codes.OK
    return _verdicts_exit(f.get("verdict") for f in files)


def run_comment(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise UsageError("the comment is empty")
    output_file = _api(args).comment(_project(args), args.id, text)
    _print_files([output_file], json_output=args.json)
    return exit_codes.OK


def run_transfer(args: argparse.Namespace) -> int:
    if not args.approve:
        raise UsageError(
            "a transfer needs --approve: you approve that the files comply with the data "
            "confidentiality policy and the guidelines for transfer of analysis results, and "
            "that they contain no microdata"
        )
    transfer = _api(args).transfer(_project(args), args.ids, approve=True)
    if args.json:
        _print_json(transfer)
    else:
        print(f"transfer {transfer['id']} at {transfer['created_at']}")
        for f in transfer["files"]:
            print(f"  {f['id']:>6}  {f['status']:<9}  {f['name']}")
    return exit_codes.OK


def run_transfers(args: argparse.Namespace) -> int:
    transfers = _api(args).transfers(_project(args))
    if args.json:
        _print_json(transfers)
    else:
        for transfer in transfers:
            print(
                f"transfer {transfer['id']} at {transfer['created_at']} "
                f"by {transfer['approved_by']}"
            )
            for f in transfer["files"]:
                print(f"  {f['id']:>6}  {f['status']:<9}  {f['size']:>10}  {f['name']}")
    return exit_codes.OK


def run_download(args: argparse.Namespace) -> int:
    if not args.output.is_dir():
        raise UsageError(f"no such folder: {args.output}")
    api = _api(args)
    code = _project(args)
    saved = []
    progress = Progress("downloading", len(args.ids))
    try:
        for file_id in args.ids:
            got = api.download(code, file_id, args.output)
            saved.append({"id": file_id, "path": got.name, "size": got.size})
            progress.advance(1, Path(got.name).name)
    finally:
        progress.close()
    if args.json:
        _print_json(saved)
    else:
        for item in saved:
            print(f"{item['id']:>6}  {item['path']}")
    return exit_codes.OK


# --- Helpers -----------------------------------------------------------------------------


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every file inside the folders given (hidden ones too), in order."""
    found: list[Path] = []
    missing = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(str(path))
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not found:
        raise UsageError("no files found in the folders given")
    return found


def wait_for_verdicts(api: Api, code: str, ids: list[int], *, timeout: float) -> list[dict]:
    """Poll until no file waits for its scan (or the timeout); the files in the order given."""
    deadline = time.monotonic() + timeout
    progress = Progress("scanning", len(ids))
    files: dict[int, dict] = {}
    delay = 0.3
    try:
        while True:
            waiting = [i for i in ids if files.get(i, {}).get("status", "uploaded") in WAITING]
            answered: set[int] = set()
            for start in range(0, len(waiting), FILES_PER_POLL):
                for found in api.files(code, waiting[start : start + FILES_PER_POLL]):
                    files[found["id"]] = found
                    answered.add(found["id"])
            for file_id in waiting:  # no longer inside: asked alone, for the API's answer
                if file_id not in answered:
                    files[file_id] = api.file(code, file_id)
            done = sum(f["status"] not in WAITING for f in files.values())
            progress.advance(done - progress.done)
            if done == len(ids) or time.monotonic() >= deadline:
                break
            time.sleep(delay)
            delay = min(delay * 1.5, 5.0)
    finally:
        progress.close()
    waiting = [i for i in ids if files[i]["status"] in WAITING]
    if waiting:
        print(
            f"airlock: still waiting for a verdict after {timeout:.0f} s: "
            + ", ".join(str(i) for i in waiting),
            file=sys.stderr,
        )
    return [files[i] for i in ids]


def _policy(fetch, api: Api, code: str, *, offline: bool):
    try:
        return fetch(api, code, offline=offline)
    except ValueError as error:  # a policy setting this scanner library does not know
        raise ApiError(
            f"this client cannot use the project's policy ({error}): install the client of "
            "the server's version"
        ) from None


def _api(args: argparse.Namespace) -> Api:
    url = args.url or os.environ.get("AIRLOCK_URL", "")
    token = args.token or os.environ.get("AIRLOCK_TOKEN", "")
    if not url:
        raise UsageError("no server given: use --url or set AIRLOCK_URL")
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"the server URL must start with https:// (got {url!r})")
    if not token:
        raise UsageError("no API token given: use --token or set AIRLOCK_TOKEN")
    return Api(url, token)


def _project(args: argparse.Namespace) -> str:
    code = args.project or os.environ.get("AIRLOCK_PROJECT", "")
    if not code:
        raise UsageError("no project given: use --project or set AIRLOCK_PROJECT")
    return code


def _verdicts_exit(verdicts: Iterable[str | None]) -> int:
    return exit_codes.FINDINGS if any(v in NOT_CLEAN for v in verdicts) else exit_codes.OK


def _print_files(files: list[dict], *, json_output: bool) -> None:
    if json_output:
        _print_json(files)
        return
    for f in files:
        verdict = f.get("verdict") or "-"
        print(f"{f['id']:>6}  {f['status']:<9}  {verdict:<11}  {f['name']}")
        _print_findings(f.get("findings", []))
        if f.get("needs_comment"):
            print(f"        needs a comment: airlock comment {f['id']} 'what it contains'")


def _print_findings(findings: list[dict]) -> None:
    for finding in findings:
        where = f" ({finding['location']})" if finding.get("location") else ""
        print(f"        {finding['severity']}: {finding['code']}{where}: {finding['message']}")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    print()


def _print_api_error(error: ApiError, *, json_output: bool) -> None:
    hint = {
        401: " (check the token: AIRLOCK_TOKEN or --token)",
        403: " (your account may not do this)",
        404: " (check the project code and the file id)",
    }.get(error.status, "")
    print(f"airlock: {error.message}{hint}", file=sys.stderr)
    detail = error.detail
    if isinstance(detail, dict) and isinstance(detail.get("files"), dict):
        for file_id, reason in detail["files"].items():
            print(f"  file {file_id}: {reason}", file=sys.stderr)
    elif isinstance(detail, dict) and detail.get("reason"):
        name = f"{detail['name']}: " if detail.get("name") else ""
        print(f"  {name}{detail['reason']}", file=sys.stderr)
    elif detail and not isinstance(detail, dict | list):
        print(f"  {detail}", file=sys.stderr)
    if json_output:
        _print_json({"error": error.message, "status": error.status, "detail": detail})
