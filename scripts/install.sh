#!/usr/bin/env bash
# Create .venv and install geokg into it (editable). Usage: scripts/install.sh [EXTRAS], e.g. "test".
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "geokg needs Python 3.11 or newer (found $("$python" --version 2>&1))" >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
spec="."
[ -n "${1:-}" ] && spec=".[$1]"
echo "installing geokg${1:+ with extras [$1]} into .venv ..." >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
