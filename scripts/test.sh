#!/usr/bin/env bash
# `make test`: tier 1 (pytest, no Odoo needed), tier 2 (the addon's Odoo tests and
# Odoo's own `sale` tests on a fresh database, browser tours included), then the live
# tests (tests/e2e: the HTTP API and the portal, against Odoo serving that database).
# Ends with one line: "N passed, N failed, N skipped".
source "$(dirname "$0")/lib.sh"
TEST_DB=${TEST_DB:-smart_dairy_test}
TEST_TAGS=${TEST_TAGS:-/smart_dairy_b2b,/sale}
TEST_HTTP_PORT=${TEST_HTTP_PORT:-8169}  # tier 2's test server, then the live tests' server
mkdir -p "$LOCAL"
summary=()
total_pass=0; total_fail=0; total_skip=0

tally() {  # tally LABEL PASSED FAILED SKIPPED
    summary+=("$(printf '%-28s %s passed, %s failed, %s skipped' "$1" "$2" "$3" "$4")")
    total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3)); total_skip=$((total_skip + $4))
}

# Tier 1 ------------------------------------------------------------------------
# .venv, with Odoo 17 installed into it when the machine has none (scripts/ensure-venv.sh)
if "$ROOT/scripts/ensure-venv.sh"; then
    runner="$PY"
else
    venv_failed=1
    runner=python3  # tier 1 needs no Odoo; the machine's python3 must have pytest, numpy, scipy
fi
say "Tier 1: pytest (engine and repository checks)"
"$runner" -m pytest "$ROOT/tests" -q -p no:cacheprovider -m "not live" \
    --junitxml="$LOCAL/tier1.xml" || true
read -r p f s < <("$runner" "$ROOT/scripts/junit_counts.py" "$LOCAL/tier1.xml")
tally "tier 1 (pytest)" "$p" "$f" "$s"

# Tier 2 ------------------------------------------------------------------------
if [ -n "${venv_failed:-}" ] || ! "$PY" -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 17)' 2>/dev/null; then
    printf '\n\033[41;97m TIER 2 NOT RUN: Odoo 17 could not be set up in .venv (see the error above). \033[0m\n' >&2
    printf 'The Odoo tests (models, services, tours, exports, API) did NOT run. See README.md.\n\n' >&2
    summary+=("tier 2 (Odoo)                NOT RUN: Odoo 17 could not be set up (counted as 1 failure)")
    total_fail=$((total_fail + 1))
else
    "$ROOT/scripts/ensure-postgres.sh"
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
        || die "chromium is missing: the browser tours cannot run (apt-get install chromium)."
    export PGPASSWORD; PGPASSWORD=$(conf db_password)
    dropdb --if-exists -h "$(conf db_host)" -p "$(conf db_port)" -U "$(conf db_user)" "$TEST_DB"
    log="$LOCAL/tier2.log"
    say "Tier 2: Odoo tests ($TEST_TAGS) on a fresh database '$TEST_DB' (log: .local/tier2.log)"
    "$PY" -m odoo -c "$CONF" -d "$TEST_DB" -i smart_dairy_b2b --test-enable \
        --test-tags "$TEST_TAGS" --stop-after-init --http-port "$TEST_HTTP_PORT" --log-level=info \
        > "$log" 2>&1 || true
    grep -E '(ERROR|FAIL:|CRITICAL)' "$log" | head -n 60 >&2 || true
    read -r p f s < <("$PY" "$ROOT/scripts/odoo_counts.py" "$log")
    tally "tier 2 (Odoo)" "$p" "$f" "$s"

    # Live: the HTTP API and the portal driven by a real HTTP client (tests/e2e, marked
    # live) against Odoo serving the tier 2 database; the tests create their users and
    # API keys themselves, over JSON-RPC as the admin.
    url="http://127.0.0.1:$TEST_HTTP_PORT"; log="$LOCAL/live-server.log"
    say "Live: pytest -m live tests/e2e against $url, database '$TEST_DB' (log: .local/live-server.log)"
    "$PY" -m odoo -c "$CONF" -d "$TEST_DB" --db-filter "^${TEST_DB}\$" \
        --http-port "$TEST_HTTP_PORT" --log-level=info > "$log" 2>&1 &
    server=$!
    trap 'kill "$server" 2>/dev/null || true' EXIT
    up=""
    for _ in $(seq 120); do
        if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
            "$url/web/health" 2>/dev/null; then up=1; break; fi
        kill -0 "$server" 2>/dev/null || break
        sleep 1
    done
    rm -f "$LOCAL/live.xml"
    if [ -n "$up" ]; then
        B2B_E2E_URL="$url" B2B_E2E_DB="$TEST_DB" "$PY" -m pytest "$ROOT/tests/e2e" -m live -q \
            -p no:cacheprovider --junitxml="$LOCAL/live.xml" || true
    else
        tail -n 20 "$log" >&2; printf 'The Odoo server for the live tests did not start.\n' >&2
    fi
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    trap - EXIT
    read -r p f s < <("$PY" "$ROOT/scripts/junit_counts.py" "$LOCAL/live.xml")
    tally "live (API, portal)" "$p" "$f" "$s"

    # Where TimescaleDB is available the suite above ran on a hypertable: run the
    # analytics tests once more on plain PostgreSQL tables.
    timescale=$(psql -h "$(conf db_host)" -p "$(conf db_port)" -U "$(conf db_user)" -d postgres -qtAc \
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'")
    if [ "$timescale" = t ]; then
        plain_db="${TEST_DB}_plain"; log="$LOCAL/tier2-plain.log"
        dropdb --if-exists -h "$(conf db_host)" -p "$(conf db_port)" -U "$(conf db_user)" "$plain_db"
        say "Tier 2, plain PostgreSQL: the analytics tests without TimescaleDB (log: .local/tier2-plain.log)"
        SMART_DAIRY_B2B_TIMESCALE=off "$PY" -m odoo -c "$CONF" -d "$plain_db" -i smart_dairy_b2b \
            --without-demo=all --test-enable --stop-after-init --http-port 8169 --log-level=info \
            --test-tags "/smart_dairy_b2b:TestAnalyticsService,/smart_dairy_b2b:TestFactsStayInStep,/smart_dairy_b2b:TestPredictive,/smart_dairy_b2b:TestUninstall" \
            > "$log" 2>&1 || true
        grep -E '(ERROR|FAIL:|CRITICAL)' "$log" | head -n 30 >&2 || true
        read -r p f s < <("$PY" "$ROOT/scripts/odoo_counts.py" "$log")
        tally "tier 2 (plain PostgreSQL)" "$p" "$f" "$s"
    fi
fi

echo
for line in "${summary[@]}"; do echo "$line"; done
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
