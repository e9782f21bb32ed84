"""The scanner's version, recorded in every report so a verdict can be reproduced."""

SCANNER_VERSION = "1.0.0"
