# shellcheck shell=bash
# Sourced after ensure-node.sh: `npm install` when node_modules is missing or older than the lockfile.
# Never `npm ci`: the registry lacks some other-platform optional binaries, so npm ci fails here.
hutong_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$hutong_root/node_modules/.package-lock.json" ] ||
  [ "$hutong_root/package-lock.json" -nt "$hutong_root/node_modules/.package-lock.json" ] ||
  [ "$hutong_root/package.json" -nt "$hutong_root/node_modules/.package-lock.json" ]; then
  echo "[hutong] installing dependencies (npm install)"
  (cd "$hutong_root" && npm install --no-audit --no-fund) || {
    echo "[hutong] npm install failed" >&2
    return 1 2>/dev/null || exit 1
  }
  touch "$hutong_root/node_modules/.package-lock.json"
fi
