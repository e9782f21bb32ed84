"""The scanner's version, recorded in every report so a verdict can be reproduced."""

# Bump the minor version with every change in detection behaviour, then record the corpus
# fingerprint: `python -m scanners.fingerprint --update` (scanners/CHANGELOG.md says how).
SCANNER_VERSION = "1.6.0"
