"""The name a person reads for each kind of audit event (the audit page's action filter).

``AuditAction`` values are keys that never change; these names are the words for them, in the
reader's language. A test keeps one name for every action.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from airlock.audit.actions import AuditAction as A

ACTION_NAMES: dict[str, Promise] = {
    A.LOGIN: _("Signed in"),
    A.LOGOUT: _("Signed out"),
    A.LOGIN_FAILED: _("Sign-in failed"),
    A.LOGIN_THROTTLED: _("Sign-in blocked after too many attempts"),
    A.SECOND_FACTOR_ENROLLED: _("Second factor set up"),
    A.SECOND_FACTOR_FAILED: _("Second factor code wrong"),
    A.SECOND_FACTOR_ASSERTED_BY_PROVIDER: _("Second factor confirmed by the institution"),
    A.USER_CREATED_BY_OIDC: _("User created at first institution sign-in"),
    A.API_TOKEN_CREATED: _("API token created"),
    A.API_TOKEN_REVOKED: _("API token revoked"),
    A.PROJECT_CREATED: _("Project created"),
    A.PROJECT_POLICY_CHANGED: _("Project rules changed"),
    A.MEMBER_ADDED: _("Member added"),
    A.MEMBER_END_SET: _("Membership end date set"),
    A.MEMBER_REMOVED: _("Member removed"),
    A.DATADOC_IMPORTED: _("Datadoc metadata imported"),
    A.FILE_UPLOADED: _("File uploaded"),
    A.FILE_COMMENTED: _("File commented"),
    A.SCAN_STARTED: _("Scan started"),
    A.SCAN_FINISHED: _("Scan finished"),
    A.SCAN_REQUEUED: _("Scan queued again"),
    A.FILE_RESCANNED: _("File scanned again"),
    A.FILE_WITHDRAWN: _("File withdrawn"),
    A.TRANSFER_CREATED: _("Transfer approved"),
    A.FILE_HELD: _("File held for control"),
    A.FILE_RELEASED: _("File released"),
    A.FILE_DOWNLOADED: _("File downloaded"),
    A.FILE_DELETED: _("File deleted"),
    A.FILE_EXPIRED: _("File expired"),
    A.RETENTION_EXPIRED: _("Retention period ended"),
    A.FILE_REPORTED: _("File reported"),
    A.FILE_BLOCKED: _("File blocked"),
    A.REVIEW_ITEM_VIEWED: _("Control item viewed"),
    A.REVIEW_FILE_DOWNLOADED: _("File downloaded for control"),
    A.REVIEW_DECIDED: _("Control decided"),
    A.BREACH_RECORDED: _("Breach recorded"),
    A.BREACH_REPORTED: _("Suspected breach reported"),
    A.AUDIT_EXPORTED: _("Audit trail exported"),
    A.AUDIT_PURGED: _("Audit events purged"),
}


def action_name(action: str) -> str:
    """The readable name of ``action``; an unknown (older) action shows as its key."""
    name = ACTION_NAMES.get(action)
    return str(name) if name is not None else action
