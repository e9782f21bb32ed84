from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from airlock.projects.models import Project


class Status(models.TextChoices):
    UPLOADED = "uploaded", _("Queued")
    SCANNING = "scanning", _("Scanning")
    SCANNED = "scanned", _("Scanned")
    WITHDRAWN = "withdrawn", _("Removed")
    HELD = "held", _("Held for control")
    REPORTED = "reported", _("Reported as a suspected breach")
    RELEASED = "released", _("Released")
    BLOCKED = "blocked", _("Blocked")
    DELETED = "deleted", _("Deleted")
    EXPIRED = "expired", _("Expired")


class Verdict(models.TextChoices):
    CLEAN = "clean", _("No risk found")
    RISK = "risk", _("Risk warning")
    UNSCANNABLE = "unscannable", _("Could not be scanned")
    REJECTED = "rejected", _("Cannot be transferred")


class Transfer(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="transfers")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transfers"
    )
    approved_at = models.DateTimeField(default=timezone.now)
    declaration = models.TextField(_("declaration"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Transfer {self.pk} of {self.project}"


class OutputFile(models.Model):
    """A result file on its way out. Status changes only through ``outputs.lifecycle``."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="output_files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="output_files"
    )
    name = models.CharField(_("name"), max_length=255)  # sanitised; never a storage path
    relative_path = models.CharField(_("folder"), max_length=1024, blank=True)
    size = models.BigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    storage_key = models.CharField(max_length=255, unique=True)
    released_key = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    # The scan report (docs/design.md, "The scanner contract")
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    file_type = models.CharField(max_length=20, blank=True)
    mime = models.CharField(max_length=255, blank=True)
    findings = models.JSONField(default=list, blank=True)
    scanner_version = models.CharField(max_length=40, blank=True)
    policy_digest = models.CharField(max_length=64, blank=True)
    scan_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    scan_attempts = models.PositiveSmallIntegerField(default=0)
    scan_started_at = models.DateTimeField(null=True, blank=True)
    # Which process holds the scan ("host:pid"), so a redelivery after that process died can
    # take the file over at once instead of waiting for the lease to run out.
    scan_claimed_by = models.CharField(max_length=255, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)

    comment = models.TextField(_("comment"), blank=True)
    comment_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment_at = models.DateTimeField(null=True, blank=True)

    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    first_downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_comment(self) -> bool:
        return self.verdict == Verdict.RISK and not self.comment.strip()


class VerdictCause(models.TextChoices):
    SCAN = "scan", _("Scan after upload")
    RESCAN = "rescan", _("Re-scan with a newer scanner or policy")


class VerdictRecord(models.Model):
    """One verdict a file was given, with the scanner version and policy that gave it.

    Every scan and re-scan adds one; the file's own fields hold the latest."""

    output_file = models.ForeignKey(
        OutputFile, on_delete=models.CASCADE, related_name="verdict_history"
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    findings = models.JSONField(default=list, blank=True)
    scanner_version = models.CharField(_("scanner version"), max_length=40, blank=True)
    policy_digest = models.CharField(_("policy digest"), max_length=64, blank=True)
    cause = models.CharField(
        _("cause"), max_length=20, choices=VerdictCause.choices, default=VerdictCause.SCAN
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("verdict record")
        verbose_name_plural = _("verdict history")

    def __str__(self) -> str:
        return f"{self.output_file_id}: {self.verdict} ({self.scanner_version})"
