# shellcheck shell=bash
# Sourced by scripts/run.sh and scripts/test.sh: makes sure `node` is Node >= 24.15.
# When the system's Node is older (or missing), Node 24 is unpacked from the npm registry
# (the node-linux-<arch> package) into .tools/node24 — once — and put first on PATH.

hutong_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hutong_node_version="24.21.0"

hutong_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -v 2>/dev/null)" || return 1
  v="${v#v}"
  major="${v%%.*}"
  minor="${v#*.}"
  minor="${minor%%.*}"
  # Angular 22 accepts ^24.15 or >=26 (and ^22.22.3, which we do not rely on).
  if [ "$major" -eq 24 ] && [ "$minor" -ge 15 ]; then return 0; fi
  [ "$major" -ge 26 ]
}

if ! hutong_node_ok; then
  hutong_node_dir="$hutong_root/.tools/node24"
  if [ ! -x "$hutong_node_dir/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "Node $hutong_node_version is needed and npm is missing to fetch it: install Node.js (any version with npm), e.g. apt-get install -y nodejs npm" >&2
      return 1 2>/dev/null || exit 1
    fi
    case "$(uname -m)" in
      x86_64 | amd64) hutong_node_arch=x64 ;;
      aarch64 | arm64) hutong_node_arch=arm64 ;;
      *)
        echo "No Node 24 package for $(uname -m): install Node >= 24.15 yourself." >&2
        return 1 2>/dev/null || exit 1
        ;;
    esac
    echo "[hutong] system node is $(node -v 2>/dev/null || echo missing); fetching Node $hutong_node_version into .tools/node24"
    hutong_tmp="$(mktemp -d)"
    if (cd "$hutong_tmp" && npm pack --silent --no-audit --no-fund "node-linux-$hutong_node_arch@$hutong_node_version" >/dev/null) &&
      rm -rf "$hutong_node_dir.partial" && mkdir -p "$hutong_node_dir.partial" &&
      tar -xzf "$hutong_tmp"/node-linux-*.tgz -C "$hutong_node_dir.partial" --strip-components=1 &&
      [ -x "$hutong_node_dir.partial/bin/node" ]; then
      rm -rf "$hutong_node_dir" && mv "$hutong_node_dir.partial" "$hutong_node_dir"
      rm -rf "$hutong_tmp"
    else
      rm -rf "$hutong_tmp" "$hutong_node_dir.partial"
      echo "Could not fetch Node $hutong_node_version from the npm registry (npm pack node-linux-$hutong_node_arch@$hutong_node_version)." >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$hutong_node_dir/bin:$PATH"
  hash -r
fi
echo "[hutong] using node $(node -v) ($(command -v node))"
