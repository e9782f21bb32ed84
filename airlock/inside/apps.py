from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsideConfig(AppConfig):
    name = "airlock.inside"
    label = "airlock_inside"
    verbose_name = _("Inside")
