# Shared helpers for the project's scripts (sourced, not run).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONF="$ROOT/odoo.conf"
VENV=${VENV:-$ROOT/.venv}  # VENV=... sets up another virtual environment (the tests do)
[[ "$VENV" = /* ]] || VENV="$PWD/$VENV"
PY="$VENV/bin/python"
LOCAL="$ROOT/.local"
source "$ROOT/scripts/odoo-release.env"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# conf KEY: a value of odoo.conf's [options].
conf() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$CONF" | head -n1; }

# machine_has_odoo17: the machine's python3 imports Odoo 17 (then .venv builds on it).
machine_has_odoo17() {
    python3 -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 17)' 2>/dev/null
}
