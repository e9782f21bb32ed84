from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "airlock.api"
    label = "airlock_api"
    verbose_name = _("Api")
