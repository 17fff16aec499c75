#!/usr/bin/env bash
# `npm test` (or `pnpm test`): the whole check, as CI runs it. First-contact set-up (scripts/bootstrap.sh),
# install, build, infra, lint, unit, integration. Lint and the two test stages all run even if one fails; the
# exit code is non-zero if any failed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/bootstrap.sh"

declare -a FAILED=()
declare -a TIMINGS=()
run_stage() {
  local name="$1"
  shift
  step "$name"
  local start
  start="$(now)"
  if "$@"; then
    TIMINGS+=("$(printf '%-12s %4ss ok' "$name" "$(($(now) - start))")")
  else
    TIMINGS+=("$(printf '%-12s %4ss FAILED' "$name" "$(($(now) - start))")")
    FAILED+=("$name")
  fi
}
fatal_stage() {
  run_stage "$@"
  if [[ " ${FAILED[*]-} " == *" $1 "* ]]; then summary; exit 1; fi
}
summary() {
  step "summary"
  printf '  %s\n' "${TIMINGS[@]}" >&2
}

total_start="$(now)"
BOOTSTRAP_FOR_TESTS=true fatal_stage prerequisites bootstrap
fatal_stage install long_step "pnpm install" "$ROOT/.local/logs/pnpm-install.log" pnpm install --frozen-lockfile
# `pnpm build` is tsc -b over tsconfig.build.json (the Prisma clients are generated only by the smoke test).
fatal_stage build pnpm build
# Tests need no crash durability: a PostgreSQL that this run starts skips fsync (SAGA_PG_DURABLE=0) unless
# the caller says otherwise; `npm start` and the benchmarks keep the durable default.
export SAGA_PG_DURABLE="${SAGA_PG_DURABLE:-0}"
fatal_stage infra pnpm infra up postgres redis kafka
# Jaeger's first build takes minutes: let it run while lint and unit tests do, and wait before integration.
mkdir -p .local/logs
pnpm infra up jaeger >.local/logs/jaeger-up.log 2>&1 &
jaeger_up=$!
run_stage lint pnpm lint
run_stage unit pnpm exec jest --selectProjects unit
# The Docker image runs the services on Node 24; the unit tests run there too unless the system node is it
# (UNIT_ALSO_ON_NODE= skips this, another major version replaces it).
unit_on_node() {
  local bin
  bin="$(SERVICES_NODE="$1" services_node)" && PATH="$(dirname "$bin"):$PATH" pnpm exec jest --selectProjects unit
}
also_on="${UNIT_ALSO_ON_NODE-24}"
if [[ -n "$also_on" && "$also_on" != "$(node_major "$(node --version)")" ]]; then run_stage "unit-node$also_on" unit_on_node "$also_on"; fi
wait_for_jaeger() { wait_with_heartbeat "jaeger (built from source the first time)" .local/logs/jaeger-up.log "$jaeger_up"; }
fatal_stage jaeger wait_for_jaeger
run_stage integration pnpm exec jest --selectProjects integration --runInBand
summary
printf '  %-12s %4ss\n' total "$(($(now) - total_start))" >&2

if ((${#FAILED[@]} > 0)); then
  printf '\nFAILED: %s\n' "${FAILED[*]}" >&2
  exit 1
fi
printf '\nall green\n' >&2
