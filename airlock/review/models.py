from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from airlock.outputs.models import OutputFile
from airlock.projects.models import Project


class ReviewReason(models.TextChoices):
    RISK = "risk", _("Risk warning")
    UNSCANNABLE = "unscannable", _("Could not be scanned")
    SIZE = "size", _("Over the review size")
    REVIEW = "review", _("A finding asks for control")
    RANDOM = "random", _("Random sample")
    REPORTED = "reported", _("Reported by the researcher")


class Decision(models.TextChoices):
    NO_BREACH = "no_breach", _("No breach")
    MINOR_BREACH = "minor_breach", _("Minor breach")
    SEVERE_BREACH = "severe_breach", _("Severe breach")


BREACH_DECISIONS = frozenset({Decision.MINOR_BREACH, Decision.SEVERE_BREACH})


class ReviewItem(models.Model):
    """A transferred file that research services must control (docs/design.md, "Sampling")."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a reviewer")
        DECIDED = "decided", _("Decided")

    output_file = models.OneToOneField(
        OutputFile, on_delete=models.PROTECT, related_name="review_item"
    )
    reasons = models.JSONField(default=list)
    # The random draw (0 <= draw < 1) and the rate it was compared with, kept for audit.
    random_draw = models.FloatField(null=True, blank=True)
    sampling_rate = models.FloatField(null=True, blank=True)
    priority = models.PositiveSmallIntegerField(default=0)  # higher first: reports
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-priority", "created_at", "id"]

    def __str__(self) -> str:
        return f"Review of {self.output_file}"


class SamplingRecord(models.Model):
    """Every transferred file's draw, sampled or not: the denominator for control statistics."""

    output_file = models.OneToOneField(
        OutputFile, on_delete=models.PROTECT, related_name="sampling_record"
    )
    reasons = models.JSONField(default=list)
    random_draw = models.FloatField(null=True, blank=True)
    sampling_rate = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Sampling of {self.output_file_id}: {', '.join(self.reasons) or '-'}"


class BreachReport(models.Model):
    """A researcher's report of a suspected breach: the duty to report (seed 001)."""

    output_file = models.ForeignKey(
        OutputFile, on_delete=models.PROTECT, related_name="breach_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Report on {self.output_file_id} by {self.reported_by_id}"


class BreachCase(models.Model):
    """A reviewer's finding that a file broke the rules, the basis for sanctions."""

    review_item = models.OneToOneField(
        ReviewItem, on_delete=models.PROTECT, related_name="breach_case"
    )
    output_file = models.ForeignKey(OutputFile, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="breach_cases")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField()
    notified = models.JSONField(default=list, blank=True)  # the addresses told, for the record
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.output_file}"
