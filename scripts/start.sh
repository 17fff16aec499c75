#!/usr/bin/env bash
# `pnpm start`: infra, migrations, the four services in the background (logs/pids in .local/services),
# demo data, and how to place an order. Safe to run again: running services are left alone.
source "$(dirname "$0")/lib.sh"

step "install"
pnpm install --frozen-lockfile --prefer-offline
step "build"
pnpm build
step "infra"
pnpm infra up
step "migrations"
pnpm -r --filter './services/**' --if-present run prisma:deploy

step "services"
mkdir -p "$SERVICE_DIR"
for service in "${SERVICES[@]}"; do
  if pid="$(service_pid "$service")"; then
    echo "$service already running (pid $pid)" >&2
    continue
  fi
  (
    cd "services/$service"
    PORT="${SERVICE_PORT[$service]}" \
      DATABASE_URL="postgresql://saga:saga@127.0.0.1:5433/${service}_db" \
      TRACING_ENABLED="${TRACING_ENABLED:-true}" \
      setsid nohup node "$ROOT/services/$service/dist/main.js" >>"$SERVICE_DIR/$service.log" 2>&1 &
    echo $! >"$SERVICE_DIR/$service.pid"
  )
  echo "$service starting (log .local/services/$service.log)" >&2
done

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${SERVICE_PORT[$service]}/health/ready"
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "$url"; then break; fi
    if ! service_pid "$service" >/dev/null; then
      echo "$service exited; last log lines:" >&2
      tail -n 40 "$SERVICE_DIR/$service.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  curl -fsS -o /dev/null "$url" || { echo "$service not ready at $url" >&2; exit 1; }
  echo "$service ready" >&2
done

step "demo data"
pnpm exec tsx --tsconfig infra/tsconfig.run.json scripts/seed-demo.ts

cat <<INFO

order    http://127.0.0.1:3001    product http://127.0.0.1:3002
coupon   http://127.0.0.1:3003    user    http://127.0.0.1:3004
jaeger   http://127.0.0.1:16686   (query API; the native build serves no UI, docker compose does)
metrics  GET /metrics on every service above (Prometheus text; docs/metrics.md)
admin token: pnpm token --sub admin --role admin
logs: .local/services/<service>.log    stop: pnpm stop (add --infra to stop Kafka/PostgreSQL/Redis/Jaeger too)
INFO
