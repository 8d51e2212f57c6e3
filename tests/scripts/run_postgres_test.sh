#!/usr/bin/env bash
# scripts/run-postgres.sh --check, end to end: it prints two server URLs and the demo sign-in, both servers answered
# /readyz (the script exits 1 otherwise), and once it has exited nothing it started is left: no server answers, the
# PostgreSQL primary's port is closed, the cluster's folder is gone.
#
#   run_postgres_test.sh SCRIPT SERVER_BINARY WORK_DIR
set -euo pipefail
script=$1
server=$2
work=$3

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# True when something accepts connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

rm -rf -- "$work"
mkdir -p "$work"
output="$work/output.txt"
status=0
FLOORWALK_PORT=0 FLOORWALK_POSTGRES_DIR="$work/state" timeout 300 "$script" --check --server "$server" \
  >"$output" 2>&1 || status=$?
cat "$output"
((status == 0)) || fail "run-postgres.sh --check exited with $status"

url_a=$(sed -n 's|^  Server A (and HQ dashboard): \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$output")
url_b=$(sed -n 's|^  Server B (and HQ dashboard): \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$output")
database=$(sed -n 's|^  Database: *\(postgresql://[^ ]*\) .*$|\1|p' "$output")
[[ -n "$url_a" && -n "$url_b" ]] || fail "the output names no two server URLs"
[[ "$url_a" != "$url_b" ]] || fail "both servers have the URL $url_a"
[[ "$database" == postgresql://postgres@127.0.0.1:*/floorwalk ]] || fail "no database URL in the output ('$database')"
grep -q 'Demo sign-in: *organisation "demo"' "$output" || fail "the output has no demo sign-in"
grep -q '^ *hq ' "$work/state/demo-credentials.txt" || fail "demo-credentials.txt lists no hq account"

# Everything stopped.
for url in "$url_a" "$url_b"; do
  port_open "${url##*:}" && fail "$url still accepts connections after the script exited"
done
pg_port=${database##*:}
pg_port=${pg_port%%/*}
port_open "$pg_port" && fail "PostgreSQL still listens on 127.0.0.1:$pg_port after the script exited"
[[ ! -e "$work/state/postgres" ]] || fail "the cluster's folder $work/state/postgres was left behind"
echo "run-postgres.sh --check: both servers were ready, and everything stopped"
