#!/usr/bin/env bash
# `make lint`: ruff (check + format), pylint-odoo and prettier, as OCA repositories run them.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-venv.sh"
"$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-lint.txt"
cd "$ROOT"
status=0
say "ruff"
"$PY" -m ruff check smart_dairy_b2b tests scripts bench || status=1
"$PY" -m ruff format --check smart_dairy_b2b tests scripts bench || status=1
say "pylint-odoo"
"$PY" -m pylint --rcfile=.pylintrc smart_dairy_b2b || status=1
say "prettier"
if [ ! -x node_modules/.bin/prettier ]; then
    npm install --silent --no-audit --no-fund >/dev/null || die "npm could not install prettier"
fi
node_modules/.bin/prettier --check "smart_dairy_b2b/**/*.{xml,js,scss}" || status=1
[ "$status" -eq 0 ] && say "lint: all clean" || say "lint: problems found (see above)"
exit "$status"
