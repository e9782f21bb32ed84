"""Every kind of event in the audit trail, in one enum (docs/operations/audit.md).

An event's ``action`` is one of these values; the value is what is stored and exported, so a
value never changes once released. The sentence a person reads for each is in
``airlock/review/audit_sentences.py``. No labels: these are keys, not text shown to anyone.
"""

from django.db import models


class AuditAction(models.TextChoices):
    # Sign-in and accounts
    LOGIN = "login"
    LOGOUT = "logout"
    LOGIN_FAILED = "login_failed"
    LOGIN_THROTTLED = "login_throttled"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled"
    SECOND_FACTOR_FAILED = "second_factor_failed"
    SECOND_FACTOR_ASSERTED_BY_PROVIDER = "second_factor_asserted_by_provider"
    USER_CREATED_BY_OIDC = "user_created_by_oidc"
    API_TOKEN_CREATED = "api_token_created"  # noqa: S105 (an event name, not a secret)
    API_TOKEN_REVOKED = "api_token_revoked"  # noqa: S105
    # Projects and their members
    PROJECT_CREATED = "project_created"
    PROJECT_POLICY_CHANGED = "project_policy_changed"
    MEMBER_ADDED = "member_added"
    MEMBER_END_SET = "member_end_set"
    MEMBER_REMOVED = "member_removed"
    DATADOC_IMPORTED = "datadoc_imported"
    # A file's way out (the lifecycle writes one per status change: outputs/lifecycle.py)
    FILE_UPLOADED = "file_uploaded"
    FILE_COMMENTED = "file_commented"
    SCAN_STARTED = "scan_started"
    SCAN_FINISHED = "scan_finished"
    SCAN_REQUEUED = "scan_requeued"
    FILE_RESCANNED = "file_rescanned"
    FILE_WITHDRAWN = "file_withdrawn"
    TRANSFER_CREATED = "transfer_created"
    FILE_HELD = "file_held"
    FILE_RELEASED = "file_released"
    FILE_DOWNLOADED = "file_downloaded"
    FILE_DELETED = "file_deleted"
    FILE_EXPIRED = "file_expired"
    RETENTION_EXPIRED = "retention_expired"
    FILE_REPORTED = "file_reported"
    FILE_BLOCKED = "file_blocked"
    # Control
    REVIEW_ITEM_VIEWED = "review_item_viewed"
    REVIEW_FILE_DOWNLOADED = "review_file_downloaded"
    REVIEW_DECIDED = "review_decided"
    BREACH_RECORDED = "breach_recorded"
    BREACH_REPORTED = "breach_reported"
    # The trail itself
    AUDIT_EXPORTED = "audit_exported"
    AUDIT_PURGED = "audit_purged"
