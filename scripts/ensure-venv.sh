#!/usr/bin/env bash
# The virtual environment: sees the machine's Odoo, holds the project's requirements.
source "$(dirname "$0")/lib.sh"
require_odoo
stamp="$VENV/.requirements.sha"
want=$(sha256sum "$ROOT/requirements.txt" | cut -c1-64)
if [ -x "$PY" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    exit 0
fi
say "Setting up the virtual environment in .venv"
python3 -m venv --system-site-packages "$VENV"
"$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" \
    || die "pip could not install requirements.txt (see the messages above)."
echo "$want" > "$stamp"
