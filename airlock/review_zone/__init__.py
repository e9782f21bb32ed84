"""The review zone's pages (/review/): the control queue, an item and its decision, breach
cases, control statistics, the audit trail and its export. Thin: forms in, the control domain
(``airlock.review``: services, selectors, permissions) out. Its templates (``templates/review/``)
and template tags (``templatetags/``: audit lines, the reviewer's words, a finding's text) are
here, with the pages that use them; the domain app ``airlock.review`` holds no presentation.
"""
