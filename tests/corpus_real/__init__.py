"""A corpus of real research output, made by the real tools (R, PSPP, LibreOffice) or written
in code to the exact layout of tools that are not installable here (Stata, SAS, tau-Argus).

See README.md in this folder.
"""
