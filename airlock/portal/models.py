from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from airlock.projects.models import Project


class ProjectBreachReport(models.Model):
    """A researcher's report of a suspected breach that is not tied to one transferred file
    (a screenshot, a table copied by hand, a file sent another way): the duty to report."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="project_breach_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"))
    occurred_at = models.DateTimeField(_("when it happened"))
    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project breach report")
        verbose_name_plural = _("project breach reports")

    def __str__(self) -> str:
        return f"Report on project {self.project_id} by {self.reported_by_id}"
