#!/bin/sh
# Installs the npm packages the tests use, into a cache outside the tree:
# aedes (an MQTT broker in Node.js) and ws (its WebSocket listener), the
# second MQTT-over-WebSocket server of tests/integration/test_ws.py.
# Usage: scripts/npm-deps.sh   (prints the directory; MQC_NPM_DIR overrides it)
set -eu

dir=${MQC_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mqc-npm}
pkgs="aedes@0.51.3 ws@8.18.3"
stamp="$dir/.mqc-installed"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pkgs" ]; then
    echo "$dir"
    exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm-deps: npm not found (it comes with nodejs)" >&2; exit 1; }
mkdir -p "$dir"
echo "npm-deps: installing $pkgs into $dir" >&2
# shellcheck disable=SC2086
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error $pkgs >&2
echo "$pkgs" >"$stamp"
echo "$dir"
