#!/usr/bin/env bash
# Install what Airlock needs on a bare machine: Debian packages (when root) and the Python
# virtual environment with pinned dependencies. Safe to run again; does only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libmagic1 tesseract-ocr tesseract-ocr-dan poppler-utils chromium gettext
  fonts-dejavu-core r-base-core r-cran-haven r-cran-openxlsx r-cran-survival pspp libreoffice-calc-nogui libreoffice-writer-nogui
  nginx-light)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: missing Debian packages (install them as root): ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The pinned versions' wheels are kept outside the clone ($XDG_CACHE_HOME/airlock/wheels, or
# AIRLOCK_WHEEL_CACHE), so a fresh clone installs from them without the indexes (resolving 170
# packages against those costs half a minute of CPU). pip takes from the folder only what
# constraints.txt pins, so a wheel of an older lock is never installed; when one is missing
# (an empty cache, a new lock), the folder is filled from the indexes first.
WHEELS=${AIRLOCK_WHEEL_CACHE:-${XDG_CACHE_HOME:-${HOME:-~}/.cache}/airlock/wheels}
PINNED=(-r requirements/dev.txt -c requirements/constraints.txt)
# (pip's notes about this machine's unused local index folders are filtered out.)
quiet_pip() {
  .venv/bin/pip "$@" -q --disable-pip-version-check 2> >(grep -v "^WARNING: Location" >&2)
}
# Byte-compiled below, on every core, rather than file by file by pip.
if ! quiet_pip install --no-compile --no-index --find-links "$WHEELS" "${PINNED[@]}" 2>/dev/null; then
  mkdir -p "$WHEELS"
  quiet_pip wheel --wheel-dir "$WHEELS" "${PINNED[@]}"
  quiet_pip install --no-compile --no-index --find-links "$WHEELS" "${PINNED[@]}"
fi
# What pip would have compiled. A few packages ship files for other Python versions that do not
# compile (pip passes over them too), so compileall's exit status is not checked.
.venv/bin/python -m compileall -q -j 0 "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" >/dev/null 2>&1 || true
