from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "airlock.projects"
    label = "airlock_projects"
    verbose_name = _("Projects")
