"""Project and service administration pages: members, end dates, policies, Datadoc.

Mounted by airlock/urls.py inside the zone of each audience: /portal/administration/ for a
project's administrators, /review/administration/ for service administrators. Thin: forms in,
``airlock.projects`` services and selectors out. Templates: airlock/projects/templates/.
"""
