#!/usr/bin/env bash
# The test command: bash scripts/test.sh
# Runs every check in order and goes on after a failure: services, format, lint, build,
# the OpenAPI contract check, migration check, no focused tests, unit tests (each project's Jest), the
# in-process tier (the real capability modules on PostgreSQL, test/jest.inproc.config.cjs), integration tests
# (the built apps on real PostgreSQL and Redis) and e2e (Playwright + Chromium) beside them, with the typecheck, no
# skipped tests. Exit code 0
# only when all pass; the last line is "N passed, N failed" (tests counted one by one, every other check
# counted once); the summary also shows each Jest step's skipped and todo tests.
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
total_skipped=0
total_todo=0
summary=()

record() { # name passed failed seconds [skipped todo]   (a Jest step gives skipped and todo)
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  local verdict="ok" extra=""
  [ "$3" -gt 0 ] && verdict="FAILED"
  if [ $# -ge 6 ]; then
    total_skipped=$((total_skipped + $5))
    total_todo=$((total_todo + $6))
    extra="$(printf ' %4s skipped %4s todo' "$5" "$6")"
  fi
  summary+=("$(printf '%-34s %-7s %5s passed %4s failed%s %6ss' "$1" "$verdict" "$2" "$3" "$extra" "$4")")
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
  local name="$1" report="$2" node_options="$3" start code passed failed skipped todo
  shift 3
  banner "$name"
  start=$SECONDS
  rm -f "$report"
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }$node_options" npx jest --ci --json --outputFile="$report" "$@"
  code=$?
  read -r passed failed skipped todo < <(node scripts/jest-count.mjs "$report" "$code")
  record "$name" "$passed" "$failed" $((SECONDS - start)) "$skipped" "$todo"
}

# A focused test (.only, fit, fdescribe) silently skips every other test of its file: none may be committed.
no_focused_tests() {
  local found
  found="$(grep -rnE '\b(it|test|describe)\.only\(|\b(fit|fdescribe|ftest)\(' apps libs test \
    --include='*.spec.ts' --include='*.test.ts' --include='*.spec.mjs' 2>/dev/null)"
  [ -z "$found" ] && return 0
  echo "focused tests (remove .only / fit / fdescribe):"
  echo "$found"
  return 1
}

services_ok=1
check "services (PostgreSQL, Redis)" bash -c 'source scripts/services.sh && hutong_ensure_postgres && hutong_ensure_redis' || true
[ "${summary[-1]}" != "${summary[-1]/FAILED/}" ] && services_ok=0

check "format (prettier)" npx nx format:check --all
# UI texts and error codes: both languages, no missing or dead key, every raised code catalogued
check "i18n catalogues" node scripts/i18n-check.mjs
# --skip-nx-cache: a replayed lint pass once hid a module-boundary violation after a merge
check "lint" npx nx run-many -t lint --skip-nx-cache --outputStyle=static
check "build (api, worker, web)" npx nx run-many -t build -p api worker web --outputStyle=static
# apps/api/openapi.json and the web's generated client (libs/platform/web/src/lib/api-client/generated) must be
# what the built api describes; when stale the step names the files and says to run `npm run openapi`
check "openapi.json is current" node scripts/openapi.mjs --check

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
check "no focused tests" no_focused_tests

# Unit tests: every project's Jest config straight (no Nx cache can replay a stale pass), in two Jest runs
# (`--projects`, one start-up each instead of one per project): the server side in ESM mode (MikroORM 7 is
# ESM-only), the model and Angular projects without it (jest-preset-angular fails in ESM mode).
esm_projects=()
esm_native=()
plain_projects=()
while IFS= read -r config; do
  project="$(dirname "$config")"
  if grep -qE 'useESM|extensionsToTreatAsEsm' "$config"; then
    # native-ESM configs run alone: in one run with CommonJS-transformed projects, Jest's module registry
    # sometimes loads a shared source file as ESM for the others ("Must use import to load ES Module")
    esm_native+=("$config")
  elif grep -qE '"type:(server|data-access|config|app-server)"' "$project/project.json" 2>/dev/null; then
    esm_projects+=("$config")
  else
    plain_projects+=("$config")
  fi
done < <(find apps libs -name 'jest.config.cts' -not -path '*/node_modules/*' | sort)
jest_suite "unit: server (${#esm_projects[@]} projects)" "$reports/unit-server.json" "$esm_options" --passWithNoTests --projects "${esm_projects[@]}"
for config in "${esm_native[@]}"; do
  project="$(dirname "$config")"
  jest_suite "unit: $project" "$reports/unit-${project//\//-}.json" "$esm_options" --passWithNoTests -c "$config"
done
jest_suite "unit: model, web (${#plain_projects[@]} projects)" "$reports/unit-web.json" "" --passWithNoTests --projects "${plain_projects[@]}"

# The in-process tier: each suite its own database, copied from a template migrated once (globalSetup).
jest_suite "in-process (PostgreSQL)" "$reports/inproc.json" "$esm_options" -c test/jest.inproc.config.cjs

# The typecheck and the e2e tier run beside the integration tier, which mostly waits on the built processes:
# every stack has its own database, Redis database and ports, so the tiers cannot meet. Their output is shown, and
# their results recorded, once the integration tier is done.
typecheck_log="$reports/typecheck.log"
typecheck_start=$SECONDS
node scripts/typecheck.mjs >"$typecheck_log" 2>&1 &
typecheck_pid=$!
e2e_log="$reports/e2e.log"
e2e_start=$SECONDS
rm -f "$reports/e2e.json"
npx jest --ci --json --outputFile="$reports/e2e.json" -c test/jest.e2e.config.cjs --runInBand >"$e2e_log" 2>&1 &
e2e_pid=$!
jest_suite "integration" "$reports/integration.json" "" -c test/jest.integration.config.cjs --runInBand
banner "e2e (Chromium, ran beside integration)"
wait "$e2e_pid"
e2e_code=$?
cat "$e2e_log"
read -r passed failed skipped todo < <(node scripts/jest-count.mjs "$reports/e2e.json" "$e2e_code")
record "e2e (Chromium)" "$passed" "$failed" $((SECONDS - e2e_start)) "$skipped" "$todo"
banner "typecheck (ran beside integration)"
if wait "$typecheck_pid"; then typecheck_ok=1; else typecheck_ok=0; fi
cat "$typecheck_log"
record "typecheck" "$typecheck_ok" $((1 - typecheck_ok)) $((SECONDS - typecheck_start))

# A skipped test is one that does not run (a .skip, or the rest of a file with a focused test): none may pass
# unnoticed. it.todo is a plan, not a test: counted, not failed.
no_skipped_tests() {
  [ "$total_skipped" -eq 0 ] && return 0
  echo "$total_skipped skipped tests: see the summary's skipped column"
  return 1
}
check "no skipped tests" no_skipped_tests

[ "$services_ok" = 1 ] || echo "(PostgreSQL or Redis did not answer: see the services step)"
printf '\n=== summary ===\n'
printf '%s\n' "${summary[@]}"
echo "Jest reports: tmp/test-reports/"
echo "$total_skipped skipped, $total_todo todo"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
