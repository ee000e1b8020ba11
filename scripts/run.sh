#!/usr/bin/env bash
# `make run`: set everything up, then serve Odoo on http://localhost:8069 (admin/admin).
# DB=name and HTTP_PORT=port override the database and odoo.conf's http_port;
# MAIL_PORT=port the local SMTP catcher's (8025).
source "$(dirname "$0")/lib.sh"
DB=${DB:-smart_dairy}
"$ROOT/scripts/ensure-venv.sh"
"$ROOT/scripts/ensure-postgres.sh"
port=${HTTP_PORT:-$(conf http_port)}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "Port $port is busy: another program (perhaps an earlier 'make run') serves it.
Stop it, or serve another port: HTTP_PORT=8070 make run (or http_port in odoo.conf)."
fi
installed=$(PGPASSWORD=$(conf db_password) psql -h "$(conf db_host)" -p "$(conf db_port)" \
    -U "$(conf db_user)" -d "$DB" -qtAc \
    "SELECT 1 FROM ir_module_module WHERE name = 'smart_dairy_b2b' AND state = 'installed'" \
    2>/dev/null || true)
if [ "$installed" != 1 ]; then
    say "Creating database '$DB' with smart_dairy_b2b and its dairy demo data (two to three minutes)"
    PGPASSWORD=$(conf db_password) dropdb --if-exists -h "$(conf db_host)" -p "$(conf db_port)" \
        -U "$(conf db_user)" "$DB"
    "$PY" -m odoo -c "$CONF" -d "$DB" -i smart_dairy_b2b --stop-after-init --log-level=warn \
        || die "Installing smart_dairy_b2b into '$DB' failed (see the messages above)."
fi
# A local SMTP catcher: what Odoo e-mails (scheduled reports…) lands in .local/mail as
# .eml files instead of a real mail server (README, "E-mail while developing").
mail_port=${MAIL_PORT:-8025}
if (exec 3<>"/dev/tcp/127.0.0.1/$mail_port") 2>/dev/null; then
    say "Port $mail_port already listens: Odoo's e-mail goes there (MAIL_PORT=... picks another)."
else
    "$PY" "$ROOT/scripts/mail_catcher.py" --port "$mail_port" --out "$LOCAL/mail" &
    catcher=$!
    trap 'kill "$catcher" 2>/dev/null || true' EXIT
fi
say "Odoo serves http://localhost:$port (database '$DB', log in as admin / admin). Ctrl-C stops it."
say "E-mail is caught in $LOCAL/mail (SMTP 127.0.0.1:$mail_port)."
"$PY" -m odoo -c "$CONF" -d "$DB" --db-filter="^$DB\$" --http-port "$port" \
    --smtp 127.0.0.1 --smtp-port "$mail_port"
