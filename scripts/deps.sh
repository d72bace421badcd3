#!/bin/sh
# Installs the Debian packages a make target needs, if any are missing, and for
# `test` and `interop` the npm packages too (pinned, into a cache dir outside the tree).
# Usage: scripts/deps.sh build|test|size|fuzz|demo|bench|interop|model|proofs
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

want="cmake gcc make libcmocka-dev libssl-dev"  # unit tests and TLS (OpenSSL) and SCRAM too
case "${1:-build}" in
  build) ;;
  # test_tls builds the mbed TLS variant and makes certificates with openssl;
  # test_install builds programs with pkg-config (and a .deb with cpack);
  # the adapters' examples need their loops; the Cortex-M port runs under QEMU;
  # test_ws starts aedes with node (npm packages below); the model check and
  # the codec proofs need spin, Frama-C and patch (proofs/run.sh annotates a copy).
  test) want="$want mosquitto mosquitto-clients python3 libmbedtls-dev openssl pkg-config libuv1-dev libev-dev qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi nodejs spin frama-c-base patch"
    command -v npm >/dev/null 2>&1 || want="$want npm" ;;
  demo) want="$want mosquitto mosquitto-clients python3" ;;
  model) want="$want spin" ;;
  proofs) want="$want frama-c-base patch" ;;
  size) want="$want gcc-arm-none-eabi libnewlib-arm-none-eabi" ;;
  fuzz) want="$want clang libclang-rt-dev" ;;
  bench) want="$want mosquitto python3 libmosquitto-dev libpaho-mqtt-dev pkg-config strace" ;;
  # The brokers of tests/interop/run.py. Node.js may come from elsewhere with its
  # own npm (NodeSource's nodejs has it built in): then Debian's npm is not wanted.
  interop)
    want="$want mosquitto mosquitto-clients python3 rabbitmq-server ejabberd"
    command -v npm >/dev/null 2>&1 || want="$want nodejs npm" ;;
  *) echo "usage: $0 build|test|size|fuzz|demo|bench|interop|model|proofs" >&2; exit 2 ;;
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

# After the Debian packages: the npm ones (aedes, pinned, and ws) outside the
# tree, for test_ws and the interop suite (scripts/npm-deps.sh).
case "${1:-build}" in
  test|interop)
    "$(dirname "$0")/npm-deps.sh" >/dev/null ||
      echo "deps: aedes not installed: the tests that start it will fail" >&2 ;;
esac
exit 0
