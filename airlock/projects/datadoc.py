"""Datadoc metadata imported for a project's data sets (docs/datadoc.md).

A variable whose role is an identifier, or that is personal data, is a key variable of the
project: its short name and alternative names join the policy's key-variable names, and a
finding on such a column names the variable and its description.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DatadocDataset(models.Model):
    project = models.ForeignKey(
        "airlock_projects.Project", on_delete=models.CASCADE, related_name="datadoc_datasets"
    )
    short_name = models.CharField(_("data set"), max_length=200)
    names = models.JSONField(_("names"), default=list, blank=True)  # [[language, text], ...]
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("Datadoc data set")
        verbose_name_plural = _("Datadoc data sets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "short_name"], name="one_datadoc_dataset_per_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.short_name}"


class DatadocVariable(models.Model):
    dataset = models.ForeignKey(DatadocDataset, on_delete=models.CASCADE, related_name="variables")
    short_name = models.CharField(_("short name"), max_length=64)
    names = models.JSONField(_("names"), default=list, blank=True)  # [[language, text], ...]
    descriptions = models.JSONField(_("descriptions"), default=list, blank=True)
    variable_role = models.CharField(_("role"), max_length=20, blank=True)
    is_personal_data = models.CharField(_("personal data"), max_length=60, blank=True)
    is_key = models.BooleanField(_("key variable"), default=False)
    # The short name and alternative names, normalised as the scanner reads column headers.
    key_names = models.JSONField(_("key-variable names"), default=list, blank=True)

    class Meta:
        ordering = ["dataset", "id"]

    def __str__(self) -> str:
        return self.short_name
