"""One file per national identifier scheme; each defines ``SCHEME``. Adding a file adds a scheme.

The file's name is the scheme's name (``dk_cpr.py`` holds ``dk_cpr``): the name a policy lists
in ``identifier_schemes`` and the finding code ``identifier.dk_cpr``.
"""
