"""The review zone's pages (/review/): the control queue, an item and its decision, breach
cases, control statistics, the audit trail and its export. Thin: forms in, the control domain
(``airlock.review``: services, selectors, permissions) out. Templates and template tags stay
with the domain app (airlock/review/templates/, airlock/review/templatetags/), whose label
Django knows them by.
"""
