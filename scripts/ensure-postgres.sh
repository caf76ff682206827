#!/usr/bin/env bash
# Installs (if needed) and starts PostgreSQL on loopback, and makes a test role with a password
# generated on this machine (kept in .data/, never committed). Idempotent.
# Prints the admin connection string for the tests on stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.data"
mkdir -p "$state"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package)..." >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  as_root pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"

# Wait until it accepts connections.
for _ in $(seq 1 30); do
  if as_root su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

# One password per machine, not per checkout: the role is shared by every clone and worktree on it,
# and a checkout that reset it would lock the others out mid-run.
secret_dir="${XDG_STATE_HOME:-$HOME/.local/state}/gatekeeper"
mkdir -p "$secret_dir" && chmod 700 "$secret_dir"
secret_file="$secret_dir/test-postgres.password"
if [ ! -s "$secret_file" ] && [ -s "$state/test-postgres.password" ]; then cp "$state/test-postgres.password" "$secret_file"; fi
if [ ! -s "$secret_file" ]; then
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 > "$secret_file"
  chmod 600 "$secret_file"
fi
password="$(cat "$secret_file")"

as_root su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qAt" >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gatekeeper_test') THEN
    CREATE ROLE gatekeeper_test LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE gatekeeper_test LOGIN CREATEDB PASSWORD '$password';
  END IF;
  -- Tests drop their databases WITH (FORCE), which must be allowed to end an autovacuum worker busy there.
  IF NOT pg_has_role('gatekeeper_test', 'pg_signal_backend', 'member') THEN
    GRANT pg_signal_backend TO gatekeeper_test;
  END IF;
END
\$\$;
SQL

echo "Host=127.0.0.1;Port=$port;Username=gatekeeper_test;Password=$password;Database=postgres"
