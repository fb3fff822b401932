#!/usr/bin/env bash
# The run command: bash scripts/run.sh
# Node 24 (provided when the system's is older), dependencies, a production build of api, worker
# and web, then tools/launcher.mjs: PostgreSQL (the one on 127.0.0.1:5432, else an embedded one),
# Redis (the one on 127.0.0.1:6379, else the installed redis-server), migrations, demo seed,
# api + worker with the web app on one port (http://127.0.0.1:3000 unless PORT/HOST say otherwise).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
# shellcheck source=scripts/install-deps.sh
source scripts/install-deps.sh

export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true NX_TUI=false
if [ -n "${HUTONG_SKIP_WEB:-}" ]; then
  # api + worker only (e.g. while developing the web app with `npx nx serve web`)
  echo "[hutong] building api and worker (production); HUTONG_SKIP_WEB is set: no web app served"
  npx nx run-many -t build -p api worker --outputStyle=static
  export WEB_DIST=""
else
  echo "[hutong] building api, worker and web (production)"
  npx nx run-many -t build -p api worker web --outputStyle=static
fi

exec node tools/launcher.mjs
