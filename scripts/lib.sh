# Shared helpers for the project scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES=(order product coupon user)
declare -A SERVICE_PORT=([order]=3001 [product]=3002 [coupon]=3003 [user]=3004)
SERVICE_DIR="$ROOT/.local/services"

step() { printf '\n==> %s\n' "$*" >&2; }
now() { date +%s; }

service_pid() {
  local pid_file="$SERVICE_DIR/$1.pid"
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  # only our process: alive and running this service's entry point
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "services/$1/dist/main.js" && echo "$pid"
}
