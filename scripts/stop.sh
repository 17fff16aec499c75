#!/usr/bin/env bash
# `npm stop [-- --infra]` (or `pnpm stop [--infra]`): stops the services `npm start` started (SIGTERM, then SIGKILL after 30 s);
# with --infra also what `pnpm infra up` started.
source "$(dirname "$0")/lib.sh"

for service in "${SERVICES[@]}"; do
  if pid="$(service_pid "$service")"; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "$service stopped" >&2
  fi
  rm -f "$SERVICE_DIR/$service.pid"
done

if [[ "${1-}" == "--infra" ]]; then
  pnpm infra down
fi
