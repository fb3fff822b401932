# shellcheck shell=bash
# Sourced by scripts/test.sh (after ensure-node.sh and install-deps.sh) and .ci/run.
# hutong_ensure_postgres / hutong_ensure_redis: succeed when the test servers answer, starting the
# machine's PostgreSQL cluster / redis-server when they are installed but down.
hutong_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${TEST_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/postgres}"
: "${TEST_REDIS_URL:=redis://127.0.0.1:6379}"
export TEST_DATABASE_URL TEST_REDIS_URL

hutong_probe() { node "$hutong_root/scripts/probe.mjs" "$@"; }

hutong_wait_for() { # kind url seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    hutong_probe "$1" "$2" 2>/dev/null && return 0
    sleep 0.5
  done
  hutong_probe "$1" "$2"
}

hutong_ensure_postgres() {
  hutong_probe pg "$TEST_DATABASE_URL" 2>/dev/null && return 0
  case "$TEST_DATABASE_URL" in
    *@127.0.0.1:5432/* | *@localhost:5432/*) ;;
    *)
      hutong_probe pg "$TEST_DATABASE_URL"
      return 1
      ;;
  esac
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: apt-get install -y postgresql (or point TEST_DATABASE_URL at a server)" >&2
    return 1
  fi
  echo "[hutong] starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  hutong_wait_for pg "$TEST_DATABASE_URL" 20 || {
    echo "PostgreSQL $version does not accept postgres@127.0.0.1 without a password: allow it (trust for 127.0.0.1 in pg_hba.conf), or set TEST_DATABASE_URL" >&2
    return 1
  }
}

hutong_ensure_redis() {
  hutong_probe redis "$TEST_REDIS_URL" 2>/dev/null && return 0
  case "$TEST_REDIS_URL" in
    redis://127.0.0.1:6379* | redis://localhost:6379*) ;;
    *)
      hutong_probe redis "$TEST_REDIS_URL"
      return 1
      ;;
  esac
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not installed: apt-get install -y redis-server (or point TEST_REDIS_URL at a server)" >&2
    return 1
  fi
  local dir=/var/lib/redis logfile=/var/log/redis/ci.log
  mkdir -p "$dir" /var/log/redis 2>/dev/null || true
  [ -w "$dir" ] || dir="${TMPDIR:-/tmp}"
  [ -w "$(dirname "$logfile")" ] || logfile="${TMPDIR:-/tmp}/hutong-redis.log"
  echo "[hutong] starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir "$dir" --logfile "$logfile" ||
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir "$dir" --logfile "$logfile" || true
  hutong_wait_for redis "$TEST_REDIS_URL" 10
}
