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
# (pip's notes about this machine's unused local index folders are filtered out.)
.venv/bin/pip install -q --disable-pip-version-check -r requirements/dev.txt \
  -c requirements/constraints.txt 2> >(grep -v "^WARNING: Location" >&2)
