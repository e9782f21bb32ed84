"""``{% load project_breach_reports %}{% project_breach_reports as reports %}``: researchers'
reports of suspected breaches not tied to one file, newest first, for the control pages."""

from django import template

from airlock.portal.models import ProjectBreachReport

register = template.Library()

SHOWN = 100


@register.simple_tag
def project_breach_reports() -> list[ProjectBreachReport]:
    return list(ProjectBreachReport.objects.select_related("project", "reported_by")[:SHOWN])
