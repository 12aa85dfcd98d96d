#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and hub-mode development.
#
#   scripts/postgres.sh start   create (if needed) and start it, wait until ready, print DATABASE_URL=…
#   scripts/postgres.sh stop    stop it (the data stays; `start` reuses it)
#   scripts/postgres.sh status  exit 0 if running
#   scripts/postgres.sh url     print the URL
#   scripts/postgres.sh destroy stop it and delete its directory
#
# Environment: LEAP_PG_DIR (default /tmp/leap-pg), LEAP_PG_PORT (default 54329),
# LEAP_PG_BIN (default: newest /usr/lib/postgresql/*/bin, else pg_ctl on PATH).
# Listens on 127.0.0.1 only, trust auth on loopback only. Installs nothing: PostgreSQL must be
# installed already (scripts/setup.sh does `apt-get install postgresql`).
# As root the server runs as the OS user `postgres` (PostgreSQL refuses to run as root).
set -euo pipefail

PG_DIR="${LEAP_PG_DIR:-/tmp/leap-pg}"
PG_PORT="${LEAP_PG_PORT:-54329}"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
URL="postgresql://postgres@127.0.0.1:${PG_PORT}/postgres"

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  if [[ -n "${LEAP_PG_BIN:-}" ]]; then
    [[ -x "$LEAP_PG_BIN/pg_ctl" ]] || die "LEAP_PG_BIN=$LEAP_PG_BIN has no pg_ctl"
    echo "$LEAP_PG_BIN"; return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [[ -x "$d/pg_ctl" && -x "$d/initdb" ]]; then echo "$d"; return; fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return
  fi
  die "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or on PATH.
Install them first, e.g. 'apt-get install postgresql' (scripts/setup.sh does this), or set LEAP_PG_BIN."
}

# Run a command as the cluster owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id -u postgres >/dev/null 2>&1 || die "running as root but there is no OS user 'postgres' (PostgreSQL refuses to run as root)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] || return 1
  as_owner "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

wait_ready() {
  local i
  for i in $(seq 1 100); do
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "--- $PG_LOG (tail) ---" >&2; tail -n 30 "$PG_LOG" >&2 || true
  die "PostgreSQL did not become ready on 127.0.0.1:$PG_PORT within 20 s"
}

init_cluster() {
  mkdir -p "$PG_DIR"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$PG_DIR"; fi
  chmod 700 "$PG_DIR"
  as_owner "$BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 \
    || as_owner "$BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed (log above)"; }
  # Loopback only, trust only there; the Unix socket lives in our own directory.
  as_owner tee "$PG_DATA/pg_hba.conf" >/dev/null <<HBA
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
HBA
  as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null <<CONF

# --- jupyterlab-leap throwaway cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
}

start() {
  if is_running; then
    wait_ready
    echo "DATABASE_URL=$URL"
    return 0
  fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    init_cluster
  fi
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres:postgres "$PG_DIR"; fi
  # The port is always passed, so LEAP_PG_PORT can change between runs.
  as_owner "$BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 30 start >/dev/null \
    || { tail -n 30 "$PG_LOG" >&2 || true; die "pg_ctl start failed (log: $PG_LOG; is port $PG_PORT taken?)"; }
  wait_ready
  echo "DATABASE_URL=$URL"
}

stop() {
  if is_running; then
    as_owner "$BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null
    echo "postgres.sh: stopped ($PG_DATA)"
  else
    echo "postgres.sh: not running"
  fi
}

cmd="${1:-}"
case "$cmd" in
  url) echo "$URL"; exit 0 ;;
esac
BIN="$(find_bin)"
case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running: $URL"; else echo "not running"; exit 1; fi ;;
  destroy) stop; rm -rf "$PG_DIR"; echo "postgres.sh: removed $PG_DIR" ;;
  *) echo "usage: $0 start|stop|status|url|destroy" >&2; exit 2 ;;
esac
