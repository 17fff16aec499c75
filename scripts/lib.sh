# Shared helpers for the project scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# pnpm installed for a user without a writable npm prefix (scripts/bootstrap.sh) lives here.
if [[ -x "$HOME/.local/bin/pnpm" && ":$PATH:" != *":$HOME/.local/bin:"* ]]; then export PATH="$HOME/.local/bin:$PATH"; fi

# The services, ports and databases from services.json. SAGA_PORT_OFFSET and SAGA_DATABASE_SUFFIX run a second
# copy of the platform next to a running one (other ports, other databases; add KAFKA_TOPIC_PREFIX for Kafka).
SERVICES=()
declare -A SERVICE_PORT=() SERVICE_DATABASE=()
while read -r name port database; do
  SERVICES+=("$name")
  SERVICE_PORT[$name]=$((port + ${SAGA_PORT_OFFSET:-0}))
  SERVICE_DATABASE[$name]="$database${SAGA_DATABASE_SUFFIX-}"
done < <(node -e 'for (const s of require(process.argv[1]).services) console.log(s.name, s.port, s.database)' "$ROOT/services.json")
# logs and pids; a second copy (SAGA_PORT_OFFSET) keeps its own
SERVICE_DIR="$ROOT/.local/services${SAGA_PORT_OFFSET:+-$SAGA_PORT_OFFSET}"

step() { printf '\n==> %s\n' "$*" >&2; }
now() { date +%s; }

# Waits for a background pid, printing every 15 s what it is and how long it has run; returns its exit code.
wait_with_heartbeat() { # <what> <log file> <pid>
  local what="$1" log="$2" pid="$3" start next_beat=15
  start="$(now)"
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (($(now) - start >= next_beat)); then
      printf '    ... %s: %ss (log %s)\n' "$what" "$(($(now) - start))" "${log#"$ROOT"/}" >&2
      next_beat=$((next_beat + 15))
    fi
  done
  local code=0
  wait "$pid" || code=$?
  if ((code == 0)); then
    printf '    %s: done in %ss\n' "$what" "$(($(now) - start))" >&2
  else
    printf '    %s FAILED after %ss; last lines of %s:\n' "$what" "$(($(now) - start))" "$log" >&2
    tail -n 40 "$log" >&2
  fi
  return "$code"
}

# A step that can take minutes the first time: its output goes to a log, a heartbeat to the terminal.
long_step() { # <what> <log file> <command...>
  local what="$1" log="$2"
  shift 2
  mkdir -p "$(dirname "$log")"
  printf '    %s (log %s)\n' "$what" "${log#"$ROOT"/}" >&2
  "$@" >>"$log" 2>&1 &
  wait_with_heartbeat "$what" "$log" "$!"
}

# The node binary that runs the services: SERVICES_NODE unset -> `node` on PATH; a path -> that binary; a major
# version (e.g. 24) -> that release of the `node` package, fetched once by npm into its cache.
services_node() {
  local want="${SERVICES_NODE-}"
  if [[ -z "$want" ]]; then
    command -v node
  elif [[ "$want" =~ ^[0-9]+$ ]]; then
    npm exec --yes --package="node@$want" -- node -p process.execPath
  elif [[ -x "$want" ]]; then
    echo "$want"
  else
    echo "SERVICES_NODE=$want is neither a major version (24) nor an executable node" >&2
    return 1
  fi
}

# The major number of a `node --version` answer: v24.21.0 -> 24.
node_major() {
  local version="${1#v}"
  echo "${version%%.*}"
}

service_pid() {
  local pid_file="$SERVICE_DIR/$1.pid"
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  # only our process: alive and running this service's entry point
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "services/$1/dist/main.js" && echo "$pid"
}
