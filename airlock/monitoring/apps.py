from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Probes (/healthz, /readyz), the Prometheus /metrics and the JSON log format."""

    name = "airlock.monitoring"
    label = "monitoring"  # no models: the label names no table
    verbose_name = _("Monitoring")
