"""Exit codes a batch script can rely on (docs/client.md, "Exit codes")."""

OK = 0  # done; every file checked or scanned is clean
FINDINGS = 1  # done, and at least one file has a risk warning, is unscannable or rejected
USAGE = 2  # bad arguments, a missing path, no server URL or token given
AUTH = 3  # the token is wrong, expired, or lacks the right to do this
REFUSED = 4  # not found (project, file) or refused by the server (type, size, transfer)
UNAVAILABLE = 5  # the server could not be reached, answered an error, or a wait timed out
