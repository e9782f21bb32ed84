"""A project's policy as the scanner library's Policy object."""

from dataclasses import replace

from airlock.projects.datadoc_services import datadoc_key_names
from airlock.projects.models import Project
from airlock.projects.released_tables import released_tables_for_policy
from scanners.model import Policy


def policy_for_project(project: Project, *, history: bool = True) -> Policy:
    """The project's policy. ``history=False`` leaves out what comes from the project's
    Datadoc documents and earlier releases (two queries, the second growing with every table
    released): for reading a released file's tables again to fingerprint them, or drawing a
    reviewer's preview, which use neither; never for a scan (its digest would differ)."""
    settings = Policy(
        allowed_extensions=project.effective_allowed_extensions,
        max_upload_bytes=project.max_upload_bytes,
        review_size_bytes=project.review_size_bytes,
        min_cell_count=project.min_cell_count,
        dominance_n=project.dominance_n,
        dominance_k_percent=project.dominance_k_percent,
        sampling_rate=project.sampling_rate,
        release_mode=project.release_mode,
        identifier_schemes=project.effective_identifier_schemes,
        extra_key_variables=tuple(project.extra_key_variables),
    )
    if not history:
        return settings
    return replace(
        settings,
        extra_key_variables=_key_variables(project),
        released_tables=released_tables_for_policy(project=project),
    )


def _key_variables(project: Project) -> tuple[str, ...]:
    """The names the administrators entered, then the Datadoc documents' key variables."""
    names = list(project.extra_key_variables)
    if project.pk is None:
        return tuple(names)
    names += [n for n in datadoc_key_names(project=project) if n not in names]
    return tuple(names)
