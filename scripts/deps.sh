#!/bin/sh
# Installs the Debian packages a make target needs, if any are missing, and for
# `interop` the npm packages too (pinned, into a cache dir outside the tree).
# Usage: scripts/deps.sh build|test|size|fuzz|demo|bench|interop
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

want="cmake gcc make libcmocka-dev"  # make builds the unit tests too
case "${1:-build}" in
  build) ;;
  test|demo) want="$want mosquitto mosquitto-clients python3" ;;
  size) want="$want gcc-arm-none-eabi libnewlib-arm-none-eabi" ;;
  fuzz) want="$want clang libclang-rt-dev" ;;
  bench) want="$want mosquitto python3 libmosquitto-dev libpaho-mqtt-dev pkg-config strace" ;;
  # The brokers of tests/interop/run.py. Node.js may come from elsewhere with its
  # own npm (NodeSource's nodejs has it built in): then Debian's npm is not wanted.
  interop)
    want="$want mosquitto mosquitto-clients python3 rabbitmq-server ejabberd"
    command -v npm >/dev/null 2>&1 || want="$want nodejs npm" ;;
  *) echo "usage: $0 build|test|size|fuzz|demo|bench|interop" >&2; exit 2 ;;
esac

missing=""
for pkg in $want; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The packaged brokers must not start as services (the tests start their own
    # on free ports); where the image has no policy-rc.d, say so for this run.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
  else
    echo "deps: missing packages:$missing" >&2
    echo "deps: run: sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi

# aedes: pinned (0.51.x is the CommonJS line that runs on Node 16-20); its own
# dependencies resolve within the ranges it declares.
if [ "${1:-build}" = interop ]; then
  AEDES_VERSION=0.51.3
  # tests/interop/brokers.py looks in the same place (MQC_NPM_DIR, else ~).
  home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
  npm_dir="${MQC_NPM_DIR:-$home/.cache/mqc-npm}"
  have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
         "$npm_dir/node_modules/aedes/package.json" 2>/dev/null | head -n 1)
  if [ "$have" != "$AEDES_VERSION" ]; then
    echo "deps: npm install aedes@$AEDES_VERSION into $npm_dir" >&2
    mkdir -p "$npm_dir"
    npm install --prefix "$npm_dir" --no-audit --no-fund --no-save --loglevel=error \
      "aedes@$AEDES_VERSION" >&2
  fi
fi
exit 0
