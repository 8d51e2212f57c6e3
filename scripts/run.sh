#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, creates the demo organisation in ./data, starts the
# server on localhost and opens the app (and the dashboard) signed in against it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/floorwalk-ccache}" CCACHE_MAXSIZE=5G

cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target floorwalk-server floorwalk floorwalk_web

build=build/dev
data="${FLOORWALK_DATA:-$PWD/data}"
port="${FLOORWALK_PORT:-8080}"
mkdir -p "$data"

credentials="$data/demo-credentials.txt"
"$build/server/floorwalk-server" demo --data "$data" | tee "$credentials"

log="$data/server.log"
"$build/server/floorwalk-server" serve --data "$data" --listen "127.0.0.1:$port" >"$data/server.out" 2>"$log" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT INT TERM

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^floorwalk-server listening on \(.*\)$/\1/p' "$data/server.out" 2>/dev/null | head -n1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "floorwalk: the server did not start; see $log" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "floorwalk: the server did not report its address; see $log" >&2; exit 1; }

password_file="$data/.manager-password"
sed -n 's/^ *manager  *\([^ ]*\) .*/\1/p' "$credentials" | head -n1 >"$password_file"
chmod 600 "$password_file"

cat <<MSG

Floorwalk is running.
  Server and HQ dashboard: $url/
  API:                     $url/api/v1  (examples in README.md)
  Demo accounts:           $credentials
  Data folder:             $data  (server log: $log)
MSG

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  command -v xdg-open >/dev/null && xdg-open "$url/" >/dev/null 2>&1 || true
  echo "Opening the app signed in as the demo manager..."
  "$build/mobile/floorwalk" --server "$url" --organization demo --username manager \
      --password-file "$password_file" || true
  echo "The app closed; the server keeps running. Press Ctrl+C to stop it."
else
  echo "No display found (DISPLAY/WAYLAND_DISPLAY unset): the app was not opened."
  echo "The server keeps running for curl and the browser. Press Ctrl+C to stop it."
fi
wait "$server_pid"
