#!/usr/bin/env bash
# The test command: bash scripts/test.sh
# Runs every check in order and goes on after a failure: services, format, lint, typecheck, build,
# migration check, unit tests (each project's Jest), integration tests (real PostgreSQL and Redis),
# e2e (Playwright + Chromium). Exit code 0 only when all pass; the last line is "N passed, N failed"
# (tests counted one by one, every other check counted once).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh || exit 1
# shellcheck source=scripts/install-deps.sh
source scripts/install-deps.sh || exit 1
# shellcheck source=scripts/services.sh
source scripts/services.sh

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI="${CI:-true}" FORCE_COLOR=0
# Server projects' Jest runs in ESM mode (MikroORM 7 is ESM-only); the Angular projects' Jest must
# not (jest-preset-angular then fails with "Must use import to load ES Module").
esm_options="--experimental-vm-modules --no-warnings=ExperimentalWarning"
reports="$root/tmp/test-reports"
rm -rf "$reports" && mkdir -p "$reports"

total_passed=0
total_failed=0
summary=()

record() { # name passed failed seconds
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  local verdict="ok"
  [ "$3" -gt 0 ] && verdict="FAILED"
  summary+=("$(printf '%-34s %-7s %5s passed %4s failed %6ss' "$1" "$verdict" "$2" "$3" "$4")")
}

banner() { printf '\n=== %s ===\n' "$1"; }

check() { # name command...   one check: 1 passed or 1 failed
  local name="$1" start
  shift
  banner "$name"
  start=$SECONDS
  if "$@"; then record "$name" 1 0 $((SECONDS - start)); else record "$name" 0 1 $((SECONDS - start)); fi
}

jest_suite() { # name report-file node-options jest-args...   counts every test
  local name="$1" report="$2" node_options="$3" start code counts
  shift 3
  banner "$name"
  start=$SECONDS
  rm -f "$report"
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }$node_options" npx jest --ci --json --outputFile="$report" "$@"
  code=$?
  counts="$(node scripts/jest-count.mjs "$report" "$code")"
  record "$name" ${counts% *} ${counts#* } $((SECONDS - start))
}

services_ok=1
check "services (PostgreSQL, Redis)" bash -c 'source scripts/services.sh && hutong_ensure_postgres && hutong_ensure_redis' || true
[ "${summary[-1]}" != "${summary[-1]/FAILED/}" ] && services_ok=0

check "format (prettier)" npx nx format:check --all
# UI texts and error codes: both languages, no missing or dead key, every raised code catalogued
check "i18n catalogues" node scripts/i18n-check.mjs
# --skip-nx-cache: a replayed lint pass once hid a module-boundary violation after a merge
check "lint" npx nx run-many -t lint --skip-nx-cache --outputStyle=static
check "typecheck" node scripts/typecheck.mjs
check "build (api, worker, web)" npx nx run-many -t build -p api worker web --outputStyle=static

migration_check() {
  local url db="hutong_check_$$" # per run: two test runs on one server must not share it
  url="$(node scripts/db.mjs recreate "$TEST_DATABASE_URL" "$db")" || return 1
  DATABASE_URL="$url" REDIS_URL="$TEST_REDIS_URL" LOG_LEVEL=warn node dist/apps/api/cli.js migrate &&
    DATABASE_URL="$url" REDIS_URL="$TEST_REDIS_URL" LOG_LEVEL=warn node dist/apps/api/cli.js migration:check
  local code=$?
  node scripts/db.mjs drop "$TEST_DATABASE_URL" "$db" || true
  return $code
}
check "migration check" migration_check

# Unit tests: each project's Jest config straight (no Nx cache can replay a stale pass).
while IFS= read -r config; do
  project="$(dirname "$config")"
  node_options=""
  if grep -qE '"type:(server|data-access|config|app-server)"' "$project/project.json" 2>/dev/null || grep -qE 'useESM|extensionsToTreatAsEsm' "$config"; then
    node_options="$esm_options"
  fi
  jest_suite "unit: $project" "$reports/unit-${project//\//-}.json" "$node_options" -c "$config" --passWithNoTests
done < <(find apps libs -name 'jest.config.cts' -not -path '*/node_modules/*' | sort)

jest_suite "integration" "$reports/integration.json" "" -c test/jest.integration.config.cjs --runInBand
jest_suite "e2e (Chromium)" "$reports/e2e.json" "" -c test/jest.e2e.config.cjs --runInBand

[ "$services_ok" = 1 ] || echo "(PostgreSQL or Redis did not answer: see the services step)"
printf '\n=== summary ===\n'
printf '%s\n' "${summary[@]}"
echo "Jest reports: tmp/test-reports/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
