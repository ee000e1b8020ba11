# Shared helpers for the project's scripts (sourced, not run).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONF="$ROOT/odoo.conf"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
LOCAL="$ROOT/.local"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# conf KEY: a value of odoo.conf's [options].
conf() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$CONF" | head -n1; }

require_odoo() {
    if ! python3 -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 17)' 2>/dev/null; then
        die "Odoo 17.0 is not importable by python3.
Install it from Odoo's official channels, for example:
  - the 17.0 source release (nightly.odoo.com/17.0/nightly/src/odoo_17.0.latest.tar.gz):
      tar xzf odoo_17.0.latest.tar.gz && cd odoo-17.0* &&
      grep -v python-ldap requirements.txt > /tmp/req.txt &&
      python3 -m pip install -r /tmp/req.txt && python3 -m pip install .
    (a regular install, not 'pip install -e': OCA's odoo-addon-* wheels need it)
  - or the official Docker image: see 'docker compose' in README.md."
    fi
}
