#!/usr/bin/env python3
"""The event-loop adapters through connection resets: each adapter example
(examples/uv.c on libuv, ev.c on libev, poll.c on poll(2) and with --epoll)
subscribes and publishes N numbered QoS 2 messages through the fault proxy to a
private Mosquitto, every connection reset after 0.1-0.5 s and the data cut in
pieces of 1-64 bytes. Each must see every one of its numbers come back exactly
once (counted here from its stdout, one number a line), exit 0, and have really
gone through resets (several connections of its client id at the proxy).

Then the case the adapters need mqc_client_fd_generation() for: the host name
resolves (through tests/tools/getaddrinfo_shim.c, LD_PRELOAD) to a first
address that accepts and never answers and a second, the broker. After no
CONNACK within connect_timeout_ms the client closes that socket and opens the
next within the same call, usually with the same number: an adapter that kept
its registration would wait on a socket the loop no longer watches.

An example CMake did not build (its loop library missing) is reported and
skipped; with none built at all the test is skipped (exit 77).

    python3 tests/integration/test_adapters_e2e.py [-n N] [--seed S]
"""
import argparse
import collections
import os
import shutil
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import addrshim  # noqa: E402
import e2e  # noqa: E402

BUILD = os.environ.get("MQC_BUILD", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
EXAMPLES = [("libuv", ["example_uv"]), ("libev", ["example_ev"]),
            ("poll", ["example_poll"]), ("epoll", ["example_poll", "--epoll"])]
LIMIT_S = 150


def run_one(name, argv, n, seed, checks):
    topic = f"adapters/{name}/{os.getpid()}"
    cid = "mqc-rt-" + topic  # as roundtrip.h names its client
    with e2e.Mosquitto(conf=e2e.BROKER_CONF) as broker, \
            e2e.FaultProxy((broker.host, broker.port), seed=f"{seed}-{name}",
                           reset=(0.1, 0.5), chunk=(1, 64), delay_ms=(0, 2),
                           delay_prob=0.02) as proxy:
        try:
            r = subprocess.run(argv + [proxy.host, str(proxy.port), topic, str(n), str(LIMIT_S)],
                               capture_output=True, timeout=LIMIT_S + 30)
            rc, out, err = r.returncode, r.stdout.decode(), r.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired as e:
            rc, out = "timeout", (e.stdout or b"").decode()
            err = (e.stderr or b"").decode(errors="replace")
        seen = collections.Counter(out.split())
        want = {str(i) for i in range(n)}
        lost = sorted(want - set(seen), key=int)
        dups = sorted((k for k, v in seen.items() if v > 1), key=int)
        stray = sorted(set(seen) - want)
        conns = e2e.reconnects_by_client(proxy)[cid]
        summary = err.strip().splitlines()[-1] if err.strip() else ""
        print(f"{name}: received {len(seen)} distinct of {n}, lost {len(lost)}, "
              f"duplicated {len(dups)}; {conns} connections, proxy resets {proxy.resets}; "
              f"exit {rc}; {summary}", flush=True)
        ok = [checks.check(not lost, f"{name}: none lost", f"lost {len(lost)}, e.g. {lost[:10]}"),
              checks.check(not dups, f"{name}: none duplicated",
                           f"duplicated {len(dups)}, e.g. {dups[:10]}"),
              checks.check(not stray, f"{name}: nothing but its own numbers", f"{stray[:10]}"),
              checks.check(rc == 0, f"{name}: example exits 0", f"exit {rc}"),
              # The resets must really have hit the client, or this proves nothing.
              checks.check(conns >= 5 and proxy.resets >= 4,
                           f"{name}: went through resets",
                           f"{conns} connections, {proxy.resets} resets")]
        if not all(ok):
            print("\n".join(err.splitlines()[-30:]))
            print(e2e.broker_tail(broker))


def run_fd_reuse(name, argv, shim, checks, n=200):
    topic = f"adapters/reuse/{name}/{os.getpid()}"
    dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    dead.bind(("127.0.0.1", 0))
    dead.listen(8)  # the kernel completes the handshake; nobody ever reads or answers
    try:
        with e2e.Mosquitto(conf=e2e.BROKER_CONF) as broker:
            env = dict(os.environ, LD_PRELOAD=shim,
                       MQC_TEST_ADDRS=f"two-addrs.mqc-test=127.0.0.1:{dead.getsockname()[1]},"
                                      f"127.0.0.1:{broker.port}")
            try:
                r = subprocess.run(argv + ["two-addrs.mqc-test", "1883", topic, str(n), "30"],
                                   capture_output=True, timeout=60, env=env)
                rc, out, err = r.returncode, r.stdout.decode(), r.stderr.decode(errors="replace")
            except subprocess.TimeoutExpired as e:
                rc, out = "timeout", (e.stdout or b"").decode()
                err = (e.stderr or b"").decode(errors="replace")
    finally:
        dead.close()
    seen = collections.Counter(out.split())
    moved = "trying the next address" in err and f"connecting to 127.0.0.1:{broker.port}" in err
    ok = [checks.check(moved, f"{name}: the first address gave no CONNACK, the next was tried",
                       "no 'trying the next address' in its log"),
          checks.check(rc == 0 and len(seen) == n and max(seen.values(), default=0) == 1,
                       f"{name}: follows the new socket to the broker and completes",
                       f"exit {rc}, {len(seen)} of {n} distinct")]
    if not all(ok):
        print("\n".join(err.splitlines()[-30:]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--seed", default="14")
    a = ap.parse_args()
    checks = e2e.Checks()
    ran = 0
    for name, cmd in EXAMPLES:
        exe = os.path.join(BUILD, "examples", cmd[0])
        if not os.access(exe, os.X_OK):
            print(f"SKIP {name}: {exe} not built (its loop library was not found)")
            continue
        ran += 1
        run_one(name, [exe] + cmd[1:], a.n, a.seed, checks)
    if not ran:
        print("SKIP: no adapter example built")
        return 77
    tmp = tempfile.mkdtemp(prefix="mqc-adapters-")
    try:
        shim, why = addrshim.build(tmp)
        for name, cmd in EXAMPLES:
            exe = os.path.join(BUILD, "examples", cmd[0])
            if not os.access(exe, os.X_OK):
                continue
            if shim is None:
                checks.check(False, "the getaddrinfo shim builds", why)
                break
            if b"__asan" in open(exe, "rb").read():
                print(f"SKIP {name} new-socket case: LD_PRELOAD does not go with ASan")
                continue
            run_fd_reuse(name, [exe] + cmd[1:], shim, checks)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
