from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "airlock.audit"
    label = "airlock_audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from airlock.audit import receivers  # noqa: F401  (connects the sign-in receivers)
