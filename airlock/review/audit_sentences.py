"""The audit trail in plain words: each event as a sentence with names, for the control pages.

The stored event (action code, object, data) stays as it is; the chain and the CSV export use
it. Pages show ``sentence_for(event)`` instead, and a link to the file's control page where
there is one. An action without a sentence here is shown by its name, never as a dict.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from airlock.audit.models import AuditEvent
from airlock.outputs.models import Status, Verdict
from airlock.outputs.sizes import size_for_display

DECISIONS = {
    "no_breach": gettext_lazy("no breach"),
    "minor_breach": gettext_lazy("a minor breach"),
    "severe_breach": gettext_lazy("a severe breach"),
}

POLICY_FIELDS = {
    "allowed_extensions": gettext_lazy("allowed file types"),
    "max_upload_bytes": gettext_lazy("upload limit"),
    "review_size_bytes": gettext_lazy("review size"),
    "min_cell_count": gettext_lazy("minimum cell count"),
    "dominance_n": gettext_lazy("dominance rule: units"),
    "dominance_k_percent": gettext_lazy("dominance rule: per cent"),
    "sampling_rate": gettext_lazy("random control sampling rate"),
    "release_mode": gettext_lazy("release mode"),
    "identifier_schemes": gettext_lazy("national identifiers"),
    "extra_key_variables": gettext_lazy("extra key variables"),
    "retention_days": gettext_lazy("days in the portal"),
}


@dataclass(frozen=True)
class AuditLine:
    sentence: str
    link: str = ""  # the control page of the file or project the event is about


def _name(data: dict[str, Any]) -> str:
    return str(data.get("name") or data.get("file") or "")


SYSTEM = "system"  # audit.services records this name for events without a person


def _who(event: AuditEvent) -> str:
    if not event.actor_name or (event.actor_id is None and event.actor_name == SYSTEM):
        return _("The system")
    return event.actor_name


def _by(event: AuditEvent) -> str:
    """The actor in the middle of a sentence: "by alice", "by the system"."""
    if not event.actor_name or (event.actor_id is None and event.actor_name == SYSTEM):
        return _("the system")
    return event.actor_name


def _value(field: str, value: Any) -> str:
    if value in (None, "", []):
        return _("(empty)")
    if field.endswith("_bytes") and isinstance(value, int | float):
        return size_for_display(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _policy_changes(data: dict[str, Any]) -> str:
    changes = data.get("changes") or {}
    parts = []
    for field, change in changes.items():
        label = str(POLICY_FIELDS.get(field, field))
        if isinstance(change, dict):
            old, new = change.get("from", change.get("old")), change.get("to", change.get("new"))
        elif isinstance(change, list | tuple) and len(change) == 2:
            old, new = change
        else:
            old, new = None, change
        parts.append(
            _("%(field)s from %(old)s to %(new)s")
            % {"field": label, "old": _value(field, old), "new": _value(field, new)}
        )
    return "; ".join(parts)


def _verdict_label(verdict: Any) -> str:
    return str(Verdict(verdict).label) if verdict in Verdict.values else str(verdict)


def _status_label(status: Any) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return str(status)


SENTENCES: dict[str, Callable[[AuditEvent, dict[str, Any]], str]] = {
    "login": lambda e, d: _("%(who)s signed in.") % {"who": _who(e)},
    "logout": lambda e, d: _("%(who)s signed out.") % {"who": _who(e)},
    "login_failed": lambda e, d: _("A sign-in as %(user)s failed.") % {"user": d.get("username")},
    "login_throttled": lambda e, d: (
        _("Sign-in as %(user)s was paused after too many attempts.") % {"user": d.get("username")}
    ),
    "second_factor_enrolled": lambda e, d: _("%(who)s set up an authenticator.") % {"who": _who(e)},
    "second_factor_asserted_by_provider": lambda e, d: (
        _("%(who)s signed in through the institution, which confirmed a second factor.")
        % {"who": _who(e)}
    ),
    "user_created_by_oidc": lambda e, d: (
        _("%(who)s was created at their first sign-in through the institution.") % {"who": _who(e)}
    ),
    "second_factor_failed": lambda e, d: (
        _("%(who)s entered a wrong authenticator code.") % {"who": _who(e)}
    ),
    "api_token_created": lambda e, d: (
        _("%(who)s created the API token “%(name)s”.")
        % {"who": _who(e), "name": d.get("name") or "—"}
    ),
    "api_token_revoked": lambda e, d: _("%(who)s revoked an API token.") % {"who": _who(e)},
    "file_uploaded": lambda e, d: (
        _("%(who)s uploaded %(name)s (%(size)s).")
        % {"who": _who(e), "name": _name(d), "size": size_for_display(d.get("size"))}
    ),
    "file_commented": lambda e, d: (
        _("%(who)s commented: “%(comment)s”.") % {"who": _who(e), "comment": d.get("comment", "")}
    ),
    "transfer_created": lambda e, d: (
        ngettext(
            "%(who)s approved and transferred %(n)s file.",
            "%(who)s approved and transferred %(n)s files.",
            len(d.get("files") or []),
        )
        % {"who": _who(e), "n": len(d.get("files") or [])}
    ),
    "file_downloaded": lambda e, d: (
        _("%(who)s downloaded %(name)s from the portal.") % {"who": _who(e), "name": _name(d)}
    ),
    "review_item_viewed": lambda e, d: (
        _("%(who)s opened %(name)s for control.") % {"who": _who(e), "name": _name(d)}
    ),
    "review_file_downloaded": lambda e, d: (
        _("%(who)s downloaded %(name)s for control.") % {"who": _who(e), "name": _name(d)}
    ),
    "review_decided": lambda e, d: (
        _("%(who)s decided %(decision)s for %(name)s.")
        % {
            "who": _who(e),
            "decision": DECISIONS.get(d.get("decision", ""), d.get("decision", "")),
            "name": _name(d),
        }
    ),
    "breach_recorded": lambda e, d: (
        _("%(who)s recorded %(decision)s in %(name)s and told %(notified)s.")
        % {
            "who": _who(e),
            "decision": DECISIONS.get(d.get("decision", ""), d.get("decision", "")),
            "name": _name(d),
            "notified": ", ".join(d.get("notified") or []) or _("nobody (no e-mail address)"),
        }
    ),
    "breach_reported": lambda e, d: (
        _("%(who)s reported a suspected breach: “%(what)s”.")
        % {"who": _who(e), "what": d.get("description", "")}
    ),
    "project_created": lambda e, d: (
        _("%(who)s created the project “%(name)s”.") % {"who": _who(e), "name": d.get("name", "")}
    ),
    "project_policy_changed": lambda e, d: (
        _("%(who)s changed the policy: %(changes)s.")
        % {"who": _who(e), "changes": _policy_changes(d)}
    ),
    "member_added": lambda e, d: (
        _("%(who)s added %(user)s to the project.") % {"who": _who(e), "user": d.get("user", "")}
    ),
    "member_end_set": lambda e, d: (
        _("%(who)s set the end of access for %(user)s.")
        % {"who": _who(e), "user": d.get("user", "")}
    ),
    "member_removed": lambda e, d: (
        _("%(who)s removed %(user)s from the project.")
        % {"who": _who(e), "user": d.get("user", "")}
    ),
    "datadoc_imported": lambda e, d: (
        _("%(who)s imported the Datadoc document of %(dataset)s (key variables: %(keys)s).")
        % {
            "who": _who(e),
            "dataset": d.get("dataset", ""),
            "keys": ", ".join(str(k) for k in d.get("key_variables", [])) or "—",
        }
    ),
    "scan_started": lambda e, d: _("The scan of %(name)s started.") % {"name": _name(d)},
    "scan_finished": lambda e, d: _("The scan of %(name)s finished.") % {"name": _name(d)},
    "scan_requeued": lambda e, d: (
        _("The scan of %(name)s was started again.") % {"name": _name(d) or e.object_id}
    ),
    "retention_expired": lambda e, d: (
        _("%(n)s released files expired and left the portal.") % {"n": d.get("count", 0)}
    ),
    "audit_exported": lambda e, d: _("%(who)s exported the audit trail.") % {"who": _who(e)},
    "audit_purged": lambda e, d: _("Audit events older than the retention period were removed."),
    "file_rescanned": lambda e, d: (
        _("File %(id)s was scanned again (scanner %(version)s): %(old)s → %(new)s.")
        % {
            "id": e.object_id,
            "version": d.get("scanner_version", ""),
            "old": _verdict_label(d.get("old_verdict", "")),
            "new": _verdict_label(d.get("verdict", "")),
        }
    ),
}


def _file_status_sentence(event: AuditEvent, data: dict[str, Any]) -> str:
    return _("%(name)s: %(old)s → %(new)s (by %(who)s).") % {
        "name": _name(data),
        "old": _status_label(data.get("from", "")),
        "new": _status_label(data.get("to", "")),
        "who": _by(event),
    }


def sentence_for(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    make = SENTENCES.get(event.action)
    if make is not None:
        return make(event, data)
    if "from" in data and "to" in data:
        return _file_status_sentence(event, data)
    return _("%(who)s: %(action)s.") % {"who": _who(event), "action": event.action}


def link_for(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    try:
        if isinstance(data.get("review_item"), int):
            return reverse("review:item", args=[data["review_item"]])
        if event.object_type == "review_item" and event.object_id:
            return reverse("review:item", args=[int(event.object_id)])
        if event.object_type == "project" and event.project_code:
            return reverse("service_admin:project", args=[event.project_code])
    except (NoReverseMatch, ValueError):
        return ""
    return ""


def audit_line(event: AuditEvent) -> AuditLine:
    return AuditLine(sentence=sentence_for(event), link=link_for(event))


def when_for(event: AuditEvent) -> str:
    return date_format(event.created_at, "SHORT_DATETIME_FORMAT", use_l10n=True)
