#!/usr/bin/env bash
# The PostgreSQL counterpart of run.sh: installs what is missing, builds, starts a throw-away local PostgreSQL
# primary + streaming standby in a folder (scripts/postgres-cluster.sh), loads the demo organisation into a database
# "floorwalk" on it, and runs two floorwalk-server processes on that one database on two loopback ports, as two
# servers behind a load balancer would. Ctrl+C (or any exit) stops the servers and the cluster, and removes the
# cluster's data.
#
#   scripts/run-postgres.sh [--check] [--server PATH]
#
#   --check        exit 0 once both servers answer /readyz (after printing the URLs), stopping everything: a smoke
#                  test of the whole set-up (ctest's scripts.run_postgres)
#   --server PATH  use this floorwalk-server binary: installs and builds nothing
#
# Environment: FLOORWALK_PORT (default 8080): the servers listen on it and the next port (0: two free ports);
# FLOORWALK_POSTGRES_DIR (default ./data-postgres): the cluster, the servers' logs and the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
server=""
while (($#)); do
  case "$1" in
    --check) check=1 ;;
    --server)
      (($# >= 2)) || { echo "run-postgres: --server needs a path" >&2; exit 2; }
      server=$(realpath -- "$2")
      shift
      ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
      exit 0
      ;;
    *) echo "run-postgres: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ -z "$server" ]]; then
  ./scripts/deps.sh
  export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/floorwalk-ccache}" CCACHE_MAXSIZE=5G
  cmake --preset dev >/dev/null
  cmake --build --preset dev -j "$(nproc)" --target floorwalk-server floorwalk_web
  server="$PWD/build/dev/server/floorwalk-server"
fi
[[ -x "$server" ]] || { echo "run-postgres: $server is not an executable floorwalk-server" >&2; exit 1; }

state=$(realpath -m -- "${FLOORWALK_POSTGRES_DIR:-$PWD/data-postgres}")
cluster="$state/postgres"
port="${FLOORWALK_PORT:-8080}"
[[ "$port" =~ ^[0-9]+$ ]] && ((port <= 65534)) || { echo "run-postgres: FLOORWALK_PORT must be a port number" >&2; exit 2; }
mkdir -p "$state"

pids=()
stopping=0
stop_all() {
  ((stopping)) && return
  stopping=1
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ./scripts/postgres-cluster.sh stop "$cluster" >/dev/null 2>&1 ||
    echo "run-postgres: could not stop the PostgreSQL cluster in $cluster; stop it with: scripts/postgres-cluster.sh stop $cluster" >&2
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting a throw-away PostgreSQL primary and standby in $cluster..."
./scripts/postgres-cluster.sh start "$cluster" auto >"$state/cluster.out"
primary=$(cat "$cluster/primary.url")          # postgresql://postgres@127.0.0.1:PORT/postgres
standby=$(cat "$cluster/standby.url")
database="${primary%/postgres}/floorwalk"
pg_port=${primary##*:}
pg_port=${pg_port%%/*}
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE floorwalk TEMPLATE template0 ENCODING 'UTF8'" >/dev/null

credentials="$state/demo-credentials.txt"
"$server" demo --database "$database" >"$credentials"

# Starts one server on 127.0.0.1:$1 (in this shell, so that stop_all can wait for it) and sets started_url once
# it listens.
started_url=""
start_server() {
  local listen=$1 name=$2 url="" pid
  "$server" serve --database "$database" --listen "127.0.0.1:$listen" >"$state/$name.out" 2>"$state/$name.log" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    url=$(sed -n 's/^floorwalk-server listening on \(.*\)$/\1/p' "$state/$name.out" 2>/dev/null | head -n1)
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { echo "run-postgres: $name did not start:" >&2; cat "$state/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "run-postgres: $name did not report its address; see $state/$name.log" >&2; exit 1; }
  started_url=$url
}

start_server "$port" server-a
url_a=$started_url
start_server "$((port == 0 ? 0 : port + 1))" server-b
url_b=$started_url

# Ready = the database answers and its schema is this build's (GET /readyz), on both servers.
for url in "$url_a" "$url_b"; do
  ready=0
  for _ in $(seq 1 300); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url/readyz") == 200 ]]; then ready=1; break; fi
    sleep 0.1
  done
  ((ready)) || { echo "run-postgres: $url/readyz did not answer 200: $(curl -s "$url/readyz")" >&2; exit 1; }
done

cat <<MSG

Floorwalk is running on PostgreSQL: two servers, one database. Send any request to either (nothing is sticky).
  Server A (and HQ dashboard): $url_a/
  Server B (and HQ dashboard): $url_b/
  Readiness:                   $url_a/readyz, $url_b/readyz
  Database:                    $database  (streaming standby: ${standby%/postgres}/floorwalk)
  Demo sign-in:                organisation "demo", e.g. hq / demo1234 (dashboard), manager / demo1234 (app);
                               every account: $credentials
  Logs:                        $state/server-a.log, $state/server-b.log
Everything here is thrown away when this script stops.
MSG

if ((check)); then
  echo "run-postgres: --check: both servers are ready; stopping."
  exit 0
fi
echo "Press Ctrl+C to stop both servers and the PostgreSQL cluster."
wait "${pids[@]}"
