#!/usr/bin/env bash
# PostgreSQL at odoo.conf's db_host:db_port: use it when it answers, else start a
# private cluster there (data in .local/pgdata, logs in .local/postgres.log).
source "$(dirname "$0")/lib.sh"
host=$(conf db_host); port=$(conf db_port); user=$(conf db_user); password=$(conf db_password)
command -v pg_isready >/dev/null || die "PostgreSQL client tools are missing: apt-get install postgresql"
if pg_isready -q -h "$host" -p "$port"; then
    exit 0
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$pgbin" ] || die "No PostgreSQL server is installed: apt-get install postgresql (15)"
data="$LOCAL/pgdata"
mkdir -p "$LOCAL"
as_pg() {  # PostgreSQL refuses to run as root: use the 'postgres' account then.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$data/PG_VERSION" ]; then
    say "Creating a private PostgreSQL cluster in .local/pgdata (port $port)"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data"
    as_pg "$pgbin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || die "initdb failed for $data"
    {
        echo "listen_addresses = '$host'"
        echo "port = $port"
        echo "unix_socket_directories = '$data'"
        echo "shared_buffers = 1GB"
        echo "work_mem = 64MB"
        echo "maintenance_work_mem = 512MB"
        echo "effective_cache_size = 8GB"
        echo "max_wal_size = 4GB"
        echo "synchronous_commit = off"
        echo "max_connections = 200"
        if [ -f "$(dirname "$pgbin")/lib/timescaledb.so" ] || ls "$("$pgbin/pg_config" --pkglibdir 2>/dev/null)"/timescaledb*.so >/dev/null 2>&1; then
            echo "shared_preload_libraries = 'timescaledb'"
            echo "timescaledb.telemetry_level = off"
        fi
    } >> "$data/postgresql.conf"
fi
say "Starting PostgreSQL on $host:$port"
touch "$LOCAL/postgres.log"; [ "$(id -u)" = 0 ] && chown postgres: "$LOCAL/postgres.log"
if ! as_pg "$pgbin/pg_ctl" -D "$data" -l "$LOCAL/postgres.log" -w -t 60 start >/dev/null; then
    tail -n 20 "$LOCAL/postgres.log" >&2
    die "PostgreSQL could not start (log: .local/postgres.log). Is port $port in use by another program?"
fi
as_pg psql -h "$data" -p "$port" -U postgres -d postgres -qtAc \
    "SELECT 1 FROM pg_roles WHERE rolname = '$user'" | grep -q 1 \
    || as_pg psql -h "$data" -p "$port" -U postgres -d postgres -qc \
        "CREATE ROLE \"$user\" LOGIN SUPERUSER PASSWORD '$password'" >/dev/null
