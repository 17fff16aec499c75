#!/usr/bin/env bash
# `npm start` (or `pnpm start`): first-contact set-up (scripts/bootstrap.sh), install, build, infra, migrations,
# every service of services.json in the background (logs/pids in .local/services), demo data, and how to place
# an order. Safe to run again: running services are left alone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/bootstrap.sh"
started="$(now)"

step "prerequisites"
bootstrap
step "install"
long_step "pnpm install" "$ROOT/.local/logs/pnpm-install.log" pnpm install --frozen-lockfile --prefer-offline
step "build"
long_step "pnpm build" "$ROOT/.local/logs/build.log" pnpm build
step "infra"
pnpm infra up
step "migrations"
for service in "${SERVICES[@]}"; do
  DATABASE_URL="postgresql://saga:saga@127.0.0.1:5433/${SERVICE_DATABASE[$service]}" \
    pnpm --dir "services/$service" run --if-present prisma:deploy >>"$ROOT/.local/logs/migrations.log" 2>&1 ||
    { tail -n 40 "$ROOT/.local/logs/migrations.log" >&2; exit 1; }
  echo "    $service: ${SERVICE_DATABASE[$service]} migrated" >&2
done

step "services"
mkdir -p "$SERVICE_DIR"
node_bin="$(services_node)"
node_version="$("$node_bin" --version)"
echo "    services run on Node $node_version ($node_bin)" >&2
if (($(node_major "$node_version") < 24)); then
  echo "    the services use ~20 % less CPU on Node 24 (docs/performance.md, round 8): SERVICES_NODE=24 npm start" >&2
fi
for service in "${SERVICES[@]}"; do
  if pid="$(service_pid "$service")"; then
    echo "$service already running (pid $pid)" >&2
    continue
  fi
  (
    cd "services/$service"
    PORT="${SERVICE_PORT[$service]}" \
      DATABASE_URL="postgresql://saga:saga@127.0.0.1:5433/${SERVICE_DATABASE[$service]}" \
      TRACING_ENABLED="${TRACING_ENABLED:-true}" \
      setsid nohup "$node_bin" "$ROOT/services/$service/dist/main.js" >>"$SERVICE_DIR/$service.log" 2>&1 &
    echo $! >"$SERVICE_DIR/$service.pid"
  )
  echo "$service starting on :${SERVICE_PORT[$service]} (log ${SERVICE_DIR#"$ROOT"/}/$service.log)" >&2
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
  export "${service^^}_URL=http://127.0.0.1:${SERVICE_PORT[$service]}"
done

step "demo data"
pnpm exec tsx --tsconfig infra/tsconfig.run.json scripts/seed-demo.ts

echo
for service in "${SERVICES[@]}"; do printf '%-8s http://127.0.0.1:%s\n' "$service" "${SERVICE_PORT[$service]}"; done
cat <<INFO
jaeger   http://127.0.0.1:16686   (query API; the native build serves no UI, docker compose does)
metrics  GET /metrics on every service above (Prometheus text; docs/metrics.md)
admin token: pnpm token --sub admin --role admin
INFO
if [[ -n "${SERVICE_PORT[explorer]-}" ]]; then
  echo "saga explorer  http://127.0.0.1:${SERVICE_PORT[explorer]}/   (paste the admin token above into the page)"
fi
cat <<INFO
logs: ${SERVICE_DIR#"$ROOT"/}/<service>.log    stop: npm stop (npm stop -- --infra also stops Kafka/PostgreSQL/Redis/Jaeger)
up in $(($(now) - started)) s
INFO
