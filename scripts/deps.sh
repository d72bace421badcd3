#!/bin/sh
# Installs the Debian packages a make target needs, if any are missing.
# Usage: scripts/deps.sh build|test|size|fuzz|demo|bench
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

want="cmake gcc make libcmocka-dev libssl-dev"  # unit tests and TLS (OpenSSL) too
case "${1:-build}" in
  build) ;;
  # test_tls builds the mbed TLS variant and makes certificates with openssl;
  # test_install builds programs with pkg-config (and a .deb with cpack);
  # the adapters' examples need their loops; the Cortex-M port runs under QEMU;
  # test_ws starts aedes with node (npm packages: npm_deps below).
  test) want="$want mosquitto mosquitto-clients python3 libmbedtls-dev openssl pkg-config libuv1-dev libev-dev qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi nodejs" ;;
  demo) want="$want mosquitto mosquitto-clients python3" ;;
  size) want="$want gcc-arm-none-eabi libnewlib-arm-none-eabi" ;;
  fuzz) want="$want clang libclang-rt-dev" ;;
  bench) want="$want mosquitto python3 libmosquitto-dev libpaho-mqtt-dev pkg-config strace" ;;
  *) echo "usage: $0 build|test|size|fuzz|demo|bench" >&2; exit 2 ;;
esac

missing=""
for pkg in $want; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
# After the Debian packages: npm ones outside the tree (scripts/npm-deps.sh).
npm_deps() {
    [ "${1:-build}" = test ] || return 0
    "$(dirname "$0")/npm-deps.sh" >/dev/null ||
        echo "deps: aedes not installed: test_ws's aedes part will fail" >&2
}
[ -z "$missing" ] && { npm_deps "$@"; exit 0; }

if [ "$(id -u)" = 0 ]; then
  echo "deps: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >&2
  npm_deps "$@"
else
  echo "deps: missing packages:$missing" >&2
  echo "deps: run: sudo apt-get install -y$missing" >&2
  exit 1
fi
