#!/bin/sh
# Installs the Debian packages a make target needs, if any are missing.
# Usage: scripts/deps.sh build|test|size|fuzz|demo|bench|model|proofs
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

want="cmake gcc make libcmocka-dev"  # make builds the unit tests too
case "${1:-build}" in
  build) ;;
  test) want="$want mosquitto mosquitto-clients python3 spin frama-c-base" ;;
  demo) want="$want mosquitto mosquitto-clients python3" ;;
  model) want="$want spin" ;;
  proofs) want="$want frama-c-base" ;;
  size) want="$want gcc-arm-none-eabi libnewlib-arm-none-eabi" ;;
  fuzz) want="$want clang libclang-rt-dev" ;;
  bench) want="$want mosquitto python3 libmosquitto-dev libpaho-mqtt-dev pkg-config strace" ;;
  *) echo "usage: $0 build|test|size|fuzz|demo|bench|model|proofs" >&2; exit 2 ;;
esac

missing=""
for pkg in $want; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  echo "deps: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >&2
else
  echo "deps: missing packages:$missing" >&2
  echo "deps: run: sudo apt-get install -y$missing" >&2
  exit 1
fi
