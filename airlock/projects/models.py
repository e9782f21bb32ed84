from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scanners.model import DEFAULT_ALLOWED_EXTENSIONS, DEFAULT_IDENTIFIER_SCHEMES


class ReleaseMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Released at transfer, controlled afterwards")
    HOLD_FLAGGED = "hold_flagged", _("Risk and unscannable files wait for a reviewer")
    HOLD_ALL = "hold_all", _("Every file waits for a reviewer")


class Project(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    # The project's policy (docs/design.md, "The policy"); defaults are Statistics Denmark's.
    allowed_extensions = models.JSONField(
        _("allowed file extensions"),
        default=list,
        blank=True,
        help_text=_("Empty means the default list of allowed file types."),
    )
    max_upload_bytes = models.BigIntegerField(_("hard upload limit (bytes)"), default=1024**3)
    review_size_bytes = models.BigIntegerField(_("review size (bytes)"), default=1024**2)
    min_cell_count = models.PositiveSmallIntegerField(_("minimum cell count"), default=3)
    dominance_n = models.PositiveSmallIntegerField(_("dominance rule: units"), default=2)
    dominance_k_percent = models.FloatField(_("dominance rule: per cent"), default=85.0)
    sampling_rate = models.FloatField(_("random control sampling rate"), default=0.10)
    release_mode = models.CharField(
        _("release mode"),
        max_length=20,
        choices=ReleaseMode.choices,
        default=ReleaseMode.IMMEDIATE,
    )
    identifier_schemes = models.JSONField(
        _("identifier schemes"),
        default=list,
        blank=True,
        help_text=_("Empty means every supported national identifier."),
    )
    extra_key_variables = models.JSONField(_("extra key-variable names"), default=list, blank=True)
    retention_days = models.PositiveIntegerField(
        _("days released files stay in the portal"), default=90
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.code

    @property
    def effective_allowed_extensions(self) -> tuple[str, ...]:
        return tuple(self.allowed_extensions) or DEFAULT_ALLOWED_EXTENSIONS

    @property
    def effective_identifier_schemes(self) -> tuple[str, ...]:
        return tuple(self.identifier_schemes) or DEFAULT_IDENTIFIER_SCHEMES


class MembershipRole(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    ADMINISTRATOR = "administrator", _("Project administrator")


class ActiveMembershipQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(removed_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at)
        )

    def current(self):
        """Not removed (an ended membership is still listed, so administrators see it)."""
        return self.filter(removed_at__isnull=True)


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.RESEARCHER
    )
    ends_at = models.DateTimeField(_("access ends"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Removal ends a membership and keeps the row: a former member stays a former member (a
    # reviewer never decides on the files of a project they once belonged to).
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = ActiveMembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.project} ({self.role})"


# Datadoc metadata lives in its own module; imported here so that Django registers its models.
from airlock.projects.datadoc import DatadocDataset, DatadocVariable  # noqa: E402, F401
from airlock.projects.released_tables import ReleasedTable  # noqa: E402, F401
