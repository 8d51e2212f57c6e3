#!/usr/bin/env bash
# A throw-away PostgreSQL 15 pair for tests: a primary and a streaming standby, on 127.0.0.1 only.
#
#   scripts/postgres-cluster.sh start DIR [PORT]   primary in DIR/primary on PORT, standby in DIR/standby on PORT+1
#                                                  (PORT omitted or "auto": a free pair is chosen); writes
#                                                  DIR/primary.url and DIR/standby.url and prints both URLs
#   scripts/postgres-cluster.sh stop DIR           stops both (also after a partial start) and removes DIR
#
# The servers trust every connection from 127.0.0.1 (the superuser is "postgres", no password) and listen on no
# Unix socket: they are for tests on this machine only. They never touch the package's own cluster or port 5432.
# Run as root, the servers run as the postgres user (initdb refuses root); when that user cannot reach DIR (e.g.
# DIR is under /root), the data folders go to a private folder under /tmp named in DIR/data.path.
set -euo pipefail

readonly marker=.floorwalk-postgres-cluster
readonly wait_seconds=60

# The environment must not steer the tools to another server (PGHOST, PGPORT, PGDATA, PGPASSWORD...).
while read -r variable; do unset "$variable"; done < <(compgen -e | grep '^PG' || true)

die() {
  echo "postgres-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start DIR [PORT|auto] | stop DIR" >&2
  exit 2
}

find_bindir() {
  local candidate
  for candidate in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/15/bin; do
    if [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      echo "$candidate"
      return
    fi
  done
  die "PostgreSQL's server programs (initdb, pg_ctl) were not found via pg_config --bindir or in" \
    "/usr/lib/postgresql/15/bin: install the Debian packages postgresql and libpq-dev (scripts/deps.sh)"
}

# Runs a command as the owner of the servers: postgres when we are root, ourselves otherwise. From /, so that a
# working folder the postgres user cannot enter does not matter.
as_owner() {
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# True when nothing listens on 127.0.0.1:$1.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local port attempt
  for attempt in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port" && port_is_free "$((port + 1))"; then
      echo "$port"
      return
    fi
  done
  die "no free pair of TCP ports found on 127.0.0.1"
}

# The folder that holds the data folders and logs.
data_root() {
  local dir=$1
  if [[ -f "$dir/data.path" ]]; then cat "$dir/data.path"; else echo "$dir"; fi
}

wait_until_ready() {
  local port=$1 name=$2 log=$3 deadline=$((SECONDS + wait_seconds))
  until as_owner "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres -t 2; do
    if ((SECONDS >= deadline)); then
      echo "postgres-cluster: the $name did not accept connections on 127.0.0.1:$port within ${wait_seconds}s" >&2
      show_log "$log"
      return 1
    fi
    sleep 0.2
  done
}

show_log() {
  [[ -f "$1" ]] || return 0
  echo "--- last lines of $1 ---" >&2
  tail -n 30 "$1" >&2 || true
}

# Appended to the primary's postgresql.conf (pg_basebackup copies it to the standby, which overrides the port).
server_settings() {
  cat <<CONF

# floorwalk test cluster
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = ''
max_connections = 200
shared_buffers = 64MB
wal_level = replica
max_wal_senders = 4
hot_standby = on
log_line_prefix = '%m [%p] %d '
CONF
}

stop_node() {
  local data=$1
  [[ -f "$data/postmaster.pid" ]] || return 0
  as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t "$wait_seconds" stop >/dev/null 2>&1 && return 0
  as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w -t "$wait_seconds" stop >/dev/null 2>&1 && return 0
  # The postmaster did not stop (or its pid file is stale): end that one process, which this script started.
  local pid
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop_cluster() {
  local dir=$1
  [[ -e "$dir" ]] || return 0
  [[ -d "$dir" ]] || die "$dir is not a folder"
  if [[ ! -f "$dir/$marker" ]]; then
    # Only a folder this script made is removed; an empty one is harmless.
    rmdir "$dir" 2>/dev/null && return 0
    die "$dir was not made by this script (no $marker in it): not touching it"
  fi
  local root
  root=$(data_root "$dir")
  stop_node "$root/standby"
  stop_node "$root/primary"
  if [[ "$root" != "$dir" && "$root" == /tmp/floorwalk-postgres.* ]]; then rm -rf -- "$root"; fi
  rm -rf -- "$dir"
}

start_cluster() {
  local dir=$1 requested=${2:-auto} root port standby_port

  stop_cluster "$dir"
  mkdir -p "$dir"
  touch "$dir/$marker"
  # From here on, a failure leaves nothing running behind.
  trap 'status=$?; if ((status != 0)); then echo "postgres-cluster: start failed, cleaning up" >&2; stop_cluster "$dir" || true; fi' EXIT

  root=$dir
  if ((EUID == 0)); then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir" -a -x "$dir"; then
      root=$(mktemp -d /tmp/floorwalk-postgres.XXXXXX)
      chown postgres: "$root"
      echo "$root" >"$dir/data.path"
    fi
  fi

  as_owner "$bindir/initdb" -D "$root/primary" -U postgres --auth=trust --locale=C --encoding=UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # Loopback only, for ordinary and replication connections alike.
  printf '%s\n' '# floorwalk test cluster: 127.0.0.1 only' \
    'host all all 127.0.0.1/32 trust' 'host replication all 127.0.0.1/32 trust' |
    as_owner tee "$root/primary/pg_hba.conf" >/dev/null

  # A chosen port may be taken between the check and the bind: then another pair is tried.
  local attempt
  for attempt in 1 2 3 4 5; do
    if [[ "$requested" == auto ]]; then
      port=$(pick_port)
    else
      [[ "$requested" =~ ^[0-9]+$ ]] || die "PORT must be a number or auto, not '$requested'"
      port=$requested
      port_is_free "$port" || die "127.0.0.1:$port is in use"
      port_is_free "$((port + 1))" || die "127.0.0.1:$((port + 1)) (the standby's port) is in use"
    fi
    server_settings "$port" | as_owner tee -a "$root/primary/postgresql.conf" >/dev/null
    if as_owner "$bindir/pg_ctl" -D "$root/primary" -l "$root/primary.log" -w -t "$wait_seconds" start \
      >/dev/null 2>&1; then
      break
    fi
    show_log "$root/primary.log"
    if [[ "$requested" != auto || $attempt == 5 ]]; then die "the primary did not start"; fi
    stop_node "$root/primary"
    echo "postgres-cluster: retrying on another port" >&2
  done
  wait_until_ready "$port" primary "$root/primary.log"

  standby_port=$((port + 1))
  as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$root/standby" -R -X stream --no-sync \
    -c fast >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; die "pg_basebackup failed"; }
  printf '\n# the standby\nport = %s\n' "$standby_port" | as_owner tee -a "$root/standby/postgresql.conf" >/dev/null
  as_owner "$bindir/pg_ctl" -D "$root/standby" -l "$root/standby.log" -w -t "$wait_seconds" start >/dev/null 2>&1 ||
    { show_log "$root/standby.log"; die "the standby did not start"; }
  wait_until_ready "$standby_port" standby "$root/standby.log"

  # Streaming, not just running: the primary sees its standby's WAL receiver.
  local deadline=$((SECONDS + wait_seconds)) streaming=0
  while ((SECONDS < deadline)); do
    streaming=$(as_owner "$bindir/psql" -X -A -t -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || echo 0)
    ((streaming > 0)) && break
    sleep 0.2
  done
  ((streaming > 0)) || { show_log "$root/standby.log"; die "the standby did not start streaming from the primary"; }

  echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/primary.url"
  echo "postgresql://postgres@127.0.0.1:$standby_port/postgres" >"$dir/standby.url"
  trap - EXIT
  echo "primary: $(cat "$dir/primary.url")"
  echo "standby: $(cat "$dir/standby.url")"
}

(($# >= 2)) || usage
command=$1
dir=$(realpath -m -- "$2")
[[ "$dir" != / ]] || die "refusing to use / as the cluster folder"
bindir=$(find_bindir)

case "$command" in
  start)
    (($# <= 3)) || usage
    start_cluster "$dir" "${3:-auto}"
    ;;
  stop)
    (($# == 2)) || usage
    stop_cluster "$dir"
    ;;
  *) usage ;;
esac
