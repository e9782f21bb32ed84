"""``{% load datadoc_notes %}``: the Datadoc variable a finding is about (docs/datadoc.md)."""

from django import template

from airlock.projects.datadoc_findings import datadoc_variable_for_finding

register = template.Library()


@register.simple_tag
def datadoc_variable(finding: dict, project=None) -> dict | None:
    return datadoc_variable_for_finding(finding, project)


@register.inclusion_tag("projects/_datadoc_variable.html")
def datadoc_variable_note(finding: dict, project=None) -> dict:
    return {"variable": datadoc_variable_for_finding(finding, project)}
