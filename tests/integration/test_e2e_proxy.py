#!/usr/bin/env python3
"""Self-test of the fault proxy (tests/tools/faultproxy.py) against an echo server:
data intact in pieces, resets are RSTs after seeded lifetimes, blackholes forward
nothing until the client gives up, the command-line mode prints its port.
"""
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools")
sys.path.insert(0, TOOLS)
from faultproxy import FaultProxy, connect_client_id  # noqa: E402
from e2e import Checks  # noqa: E402


class Echo:
    def __init__(self):
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(16)
        self.addr = self.srv.getsockname()
        self.peer_errors = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.srv.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()

    def _serve(self, c):
        try:
            while True:
                d = c.recv(65536)
                if not d:
                    break
                c.sendall(d)
        except OSError:
            self.peer_errors += 1
        c.close()


def roundtrip(port, payload, timeout=20):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(timeout)
    threading.Thread(target=s.sendall, args=(payload,), daemon=True).start()
    got, reads = bytearray(), []
    while len(got) < len(payload):
        d = s.recv(65536)
        if not d:
            break
        got += d
        reads.append(len(d))
    s.close()
    return bytes(got), reads


def wait_settled(p, total, limit, still=1.0):
    """Poll the proxy's byte counters until both equal total, or until they have not
    moved for `still` seconds, or `limit` seconds pass. True if they reached total."""
    end = time.monotonic() + limit
    last, last_change = None, time.monotonic()
    while time.monotonic() < end:
        now_counts = (p.bytes_up, p.bytes_down)
        if now_counts == (total, total):
            return True
        if now_counts != last:
            last, last_change = now_counts, time.monotonic()
        elif time.monotonic() - last_change >= still and p.stats()["open"] == 0:
            return False
        time.sleep(0.01)
    return False


def time_to_reset(port, timeout=5):
    """Seconds until the proxy kills a fresh connection, and how (reset or eof)."""
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(timeout)
    t = time.monotonic()
    try:
        d = s.recv(10)
        how = "eof" if not d else "data"
    except ConnectionResetError:
        how = "reset"
    except socket.timeout:
        how = "timeout"
    s.close()
    return time.monotonic() - t, how


def main():
    checks = Checks()
    echo = Echo()
    payload = os.urandom(300000)

    with FaultProxy(echo.addr, seed=1, chunk=(1, 64)) as p:
        got, _ = roundtrip(p.port, payload)
        checks.check(got == payload, "pieces of 1-64 bytes: 300 kB echoed intact")
        # The proxy thread counts a batch of pieces after its sends return, so the
        # last bytes may be counted after we have read them: poll until both
        # counters reach the total or stop moving (bounded, for a loaded machine).
        settled = wait_settled(p, len(payload), limit=15.0)
        checks.check(p.bytes_up == len(payload) and p.bytes_down == len(payload),
                     "byte counters count both ways",
                     f"{p.stats()} (settled: {settled})")

    with FaultProxy(echo.addr, seed=1, chunk=(1, 4), delay_ms=(5, 5)) as p:
        small = os.urandom(400)
        got, reads = roundtrip(p.port, small)
        checks.check(got == small, "pieces of 1-4 bytes with 5 ms between: intact")
        checks.check(statistics.median(reads) <= 4, "the receiver sees the small pieces",
                     f"read sizes {reads[:40]}")

    with FaultProxy(echo.addr, seed=1, latency_ms=100) as p:
        t = time.monotonic()
        got, _ = roundtrip(p.port, b"ping")
        rtt = time.monotonic() - t
        checks.check(got == b"ping" and 0.2 <= rtt < 1.0, "100 ms latency each way",
                     f"round trip {rtt:.3f} s")

    lifetimes, plans = [], []
    for _ in range(2):
        with FaultProxy(echo.addr, seed=7, reset=(0.1, 0.5)) as p:
            runs = [time_to_reset(p.port) for _ in range(4)]
            lifetimes.append([round(t, 2) for t, _ in runs])
            plans.append(list(p.plans))
            checks.check(all(how == "reset" for _, how in runs), "a reset is seen as RST",
                         str(runs))
            # Wall clock: generous at the top for a loaded machine.
            checks.check(all(0.09 <= t <= 1.0 for t, _ in runs), "lifetimes within 0.1-0.5 s",
                         str(runs))
            checks.check(all(0.1 <= lt <= 0.5 for _, lt, _ in p.plans),
                         "drawn lifetimes within 0.1-0.5 s", str(p.plans))
            checks.check(p.resets == 4 and p.connections == 4, "reset counter",
                         str(p.stats()))
    checks.check(plans[0] == plans[1] and len(plans[0]) == 4,
                 "the same seed gives the same lifetimes", f"{plans} (measured {lifetimes})")

    with FaultProxy(echo.addr, seed=1) as p:
        s = socket.create_connection(("127.0.0.1", p.port))
        s.sendall(b"before")
        s.settimeout(2)
        ok_before = s.recv(100) == b"before"
        p.blackhole_all()
        time.sleep(0.1)
        s.sendall(b"after")
        s.settimeout(1.0)
        try:
            d = s.recv(100)
            silent = False
        except socket.timeout:
            silent = True
        checks.check(ok_before and silent, "a blackholed connection stays open and silent",
                     f"got {d!r}" if not silent else "")
        s.close()
        time.sleep(0.2)
        ev = [e[1] for e in p.events_since(0)]
        checks.check("blackhole_client_closed" in ev and p.blackholes == 1,
                     "the client closing a blackhole is recorded", str(ev))
        s2 = socket.create_connection(("127.0.0.1", p.port))
        s2.settimeout(2)
        s2.sendall(b"new")
        checks.check(s2.recv(100) == b"new", "new connections after a blackhole pass")
        s2.close()

    with FaultProxy(echo.addr, seed=3, blackhole_prob=1.0, blackhole_after=(0.2, 0.2)) as p:
        s = socket.create_connection(("127.0.0.1", p.port))
        s.settimeout(1)
        s.sendall(b"x")
        first = s.recv(10)
        time.sleep(0.4)
        s.sendall(b"y")
        try:
            s.recv(10)
            silent = False
        except socket.timeout:
            silent = True
        s.close()
        checks.check(first == b"x" and silent and p.blackholes == 1,
                     "blackhole by probability starts after the set time")

    # MQTT CONNECT client id, 3.1.1 and 5.0 (with properties)
    v3 = bytes([0x10, 16, 0, 4]) + b"MQTT" + bytes([4, 2, 0, 60, 0, 4]) + b"abcd"
    v5 = bytes([0x10, 21, 0, 4]) + b"MQTT" + bytes([5, 2, 0, 60, 3, 0x21, 0, 20, 0, 6]) + b"abcdef"
    checks.check(connect_client_id(v3) == "abcd" and connect_client_id(v5) == "abcdef"
                 and connect_client_id(v3[:10]) is None and connect_client_id(b"\x30") == "",
                 "client id read from CONNECT (3.1.1, 5.0, partial, not CONNECT)")

    proc = subprocess.Popen([sys.executable, os.path.join(TOOLS, "faultproxy.py"),
                             "--target", f"127.0.0.1:{echo.addr[1]}", "--seed", "1",
                             "--chunk", "1:64", "--delay-ms", "0:2", "--delay-prob", "0.05"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())
        got, _ = roundtrip(port, payload[:50000])
        proc.stdin.write("stats\n")
        proc.stdin.flush()
        stats = proc.stdout.readline()
        checks.check(got == payload[:50000] and "'bytes_up': 50000" in stats,
                     "command-line mode: prints its port, forwards, answers stats", stats)
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        checks.check(proc.wait(5) == 0, "command-line mode: quit")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
