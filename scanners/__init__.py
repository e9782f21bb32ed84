"""Airlock's scanner: finds microdata in research result files before they leave.

``scan(path, filename=..., policy=...)`` returns a ``ScanReport``; ``python -m scanners`` is the
command-line form. No Django here: the service calls this library from its Celery worker.
"""

from scanners.model import Finding, Policy, ScanReport
from scanners.scan import scan
from scanners.version import SCANNER_VERSION

__all__ = ["SCANNER_VERSION", "Finding", "Policy", "ScanReport", "scan"]
