from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "airlock.portal"
    label = "airlock_portal"
    verbose_name = _("Portal")
