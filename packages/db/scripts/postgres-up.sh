#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 on 127.0.0.1:5432 (installing it if missing), makes
# sure the `gatehouse` role exists, creates a fresh database, and prints the line
# to export. Root (or sudo) is needed for the install and pg_ctlcluster.
#
#   eval "$(pnpm -s db:postgres)"                 # database gatehouse_test
#   eval "$(bash packages/db/scripts/postgres-up.sh gatehouse_ci_$$)"
set -euo pipefail

database="${1:-gatehouse_test}"
role="gatehouse"
password="gatehouse"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  echo "Installing PostgreSQL 15 from Debian..." >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-15 >&2
fi
if ! as_postgres pg_lsclusters --no-header | grep -q '^15 *main .*online'; then
  as_root pg_ctlcluster 15 main start >&2
fi

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  # CREATEDB: every test file makes a database of its own, next to this one.
  psql_admin -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" >&2
fi
psql_admin -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >&2
psql_admin -c "CREATE DATABASE \"$database\" OWNER $role" >&2

echo "export TEST_DATABASE_URL=postgresql://$role:$password@127.0.0.1:5432/$database"
