from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutputsConfig(AppConfig):
    name = "airlock.outputs"
    label = "airlock_outputs"
    verbose_name = _("Outputs")

    def ready(self) -> None:
        # The fingerprint task and its post_save receiver (taken when a file is released).
        from airlock.outputs import released_tables  # noqa: F401
