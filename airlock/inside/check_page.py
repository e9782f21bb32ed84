"""What the check page shows: a row per file, the summary above them, and files uploaded twice.

The summary ("2 files need a comment", linked to them) is rendered with the page and again, out
of band, with every in-page update of a row (poll, comment, removal), so it never goes stale.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from airlock.finding_text import finding_for_display
from airlock.inside.forms import CommentForm
from airlock.outputs import policies, selectors
from airlock.outputs.models import OutputFile, Status, Verdict
from airlock.projects.models import Project

# A long list of findings shows this many per file; the rest are behind "and N more".
FINDINGS_SHOWN = 20


@dataclass
class FileRow:
    """One file on the check page, as the template shows it."""

    output_file: OutputFile
    refusal: str = ""  # why the last transfer attempt refused this file
    error: str = ""  # why the last action on this file (comment, remove) was refused
    saved: bool = False  # the comment was just saved
    comment_form: CommentForm | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    more_findings: list[dict[str, Any]] = field(default_factory=list)
    # Other files waiting here with the same content or the same folder and name.
    same_as: list[OutputFile] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return policies.is_waiting_for_scan(self.output_file)

    @property
    def scanned(self) -> bool:
        return self.output_file.status == Status.SCANNED

    @property
    def is_risk(self) -> bool:
        return self.scanned and self.output_file.verdict == Verdict.RISK

    @property
    def is_rejected(self) -> bool:
        return self.scanned and self.output_file.verdict == Verdict.REJECTED

    @property
    def is_unscannable(self) -> bool:
        return self.scanned and self.output_file.verdict == Verdict.UNSCANNABLE

    @property
    def control_findings(self) -> list[dict[str, Any]]:
        """Findings that send the file to research services' control after the transfer."""
        from airlock.review.sampling import control_findings

        return control_findings(self.output_file) if self.scanned else []

    @property
    def needs_comment(self) -> bool:
        return self.is_risk and self.output_file.needs_comment

    @property
    def comment_id(self) -> str:
        return f"id_f{self.output_file.pk}-comment"


def file_row(
    output_file: OutputFile, *, same_as: list[OutputFile] | None = None, **kwargs: Any
) -> FileRow:
    findings = [finding_for_display(finding) for finding in output_file.findings]
    kwargs.setdefault(
        "comment_form",
        CommentForm(initial={"comment": output_file.comment}, prefix=f"f{output_file.pk}"),
    )
    if same_as is None:
        same_as = uploaded_twice(
            selectors.output_file_list_inside(project=output_file.project)
        ).get(output_file.pk, [])
    return FileRow(
        output_file=output_file,
        findings=findings[:FINDINGS_SHOWN],
        more_findings=findings[FINDINGS_SHOWN:],
        same_as=same_as,
        **kwargs,
    )


def uploaded_twice(files: Iterable[OutputFile]) -> dict[int, list[OutputFile]]:
    """For each file, the other waiting files with the same bytes or the same folder and name."""
    by_content: dict[str, list[OutputFile]] = defaultdict(list)
    by_place: dict[tuple[str, str], list[OutputFile]] = defaultdict(list)
    for output_file in files:
        if output_file.sha256:
            by_content[output_file.sha256].append(output_file)
        by_place[(output_file.relative_path, output_file.name)].append(output_file)
    same: dict[int, dict[int, OutputFile]] = defaultdict(dict)
    for group in [*by_content.values(), *by_place.values()]:
        for output_file in group:
            for other in group:
                if other.pk != output_file.pk:
                    same[output_file.pk][other.pk] = other
    return {pk: list(others.values()) for pk, others in same.items()}


@dataclass
class CheckSummary:
    rows: list[FileRow]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def need_comment(self) -> list[FileRow]:
        return [row for row in self.rows if row.needs_comment]

    @property
    def rejected(self) -> list[FileRow]:
        return [row for row in self.rows if row.is_rejected]

    @property
    def pending(self) -> list[FileRow]:
        return [row for row in self.rows if row.pending]

    @property
    def uploaded_twice(self) -> list[FileRow]:
        return [row for row in self.rows if row.same_as]

    @property
    def ready(self) -> bool:
        return bool(self.rows) and not (self.need_comment or self.rejected or self.pending)


def check_rows(project: Project) -> list[FileRow]:
    files = list(selectors.output_file_list_inside(project=project))
    twice = uploaded_twice(files)
    return [file_row(f, same_as=twice.get(f.pk, [])) for f in files]


def check_summary(project: Project) -> CheckSummary:
    return CheckSummary(rows=check_rows(project))
