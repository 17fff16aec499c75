#!/usr/bin/env bash
# `pnpm lint`: eslint, prettier --check and the dependency-cruiser layer rules. All three run; non-zero if any failed.
source "$(dirname "$0")/lib.sh"

failed=()
step "eslint"
pnpm exec eslint . || failed+=(eslint)
step "prettier --check"
pnpm exec prettier --check --log-level warn . || failed+=(prettier)
step "dependency-cruiser"
pnpm exec depcruise --config .dependency-cruiser.cjs services libs infra test || failed+=(depcruise)

if ((${#failed[@]} > 0)); then
  echo "lint failed: ${failed[*]}" >&2
  exit 1
fi
