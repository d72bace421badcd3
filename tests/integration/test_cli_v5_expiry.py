#!/usr/bin/env python3
"""5.0 Message Expiry against a private Mosquitto, through mqc pub/sub:

- broker side: a message queued by the broker for an offline persistent mqc
  sub is dropped when its interval passes, and one still alive arrives with
  the remaining interval (%E), not the one it was published with;
- client side: lines `mqc pub -l` takes while its broker is down wait in its
  queue; those whose interval passes before the broker is back end with the
  expired outcome (reported, exit non-zero), are never sent, and a line
  taken after the reconnect still arrives.

Prints "N passed, M failed" last; exits 1 on failure."""
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import Sub, check, mqc, summary  # noqa: E402

MQC = os.environ.get("MQC", "mqc")


def broker_side(b):
    base = ["-p", str(b.port), "-V", "mqttv5", "-q", "1", "-t", "exp/b"]
    r = mqc(["sub", "-c", "-i", "exp-b"] + base + ["-E"])
    check("persistent sub session made", r.returncode == 0, r.stderr[-400:])
    for payload, interval in (("short", "1"), ("long", "100")):
        r = mqc(["pub"] + base + ["-m", payload, "-D", "publish", "message-expiry-interval",
                                  interval])
        check(f"pub {payload} (expiry {interval} s) exit 0", r.returncode == 0, r.stderr[-400:])
    time.sleep(2.5)
    r = mqc(["sub", "-c", "-i", "exp-b"] + base + ["-W", "3", "-F", "%p %E"], timeout=10)
    lines = r.stdout.decode(errors="replace").split()
    check("the expired message was dropped by the broker, the other delivered",
          lines[:1] == ["long"] and "short" not in lines, r.stdout)
    remaining = int(lines[1]) if len(lines) > 1 and lines[1].isdigit() else -1
    check("it came with the remaining interval (97-98 s of 100)", 90 <= remaining <= 98,
          r.stdout)


def client_side(b):
    base = ["-p", str(b.port), "-V", "mqttv5", "-q", "1", "-t", "exp/c"]
    # Connected all along (reconnecting to the restarted broker, its session
    # kept): a line is passed on at once, long before its 1 s runs out.
    sub = Sub(base + ["-c", "-i", "exp-c", "-C", "2", "-F", "%p", "--reconnect-min", "0.1",
                      "--reconnect-max", "0.3"])
    check("sub ready", sub.ready(), b"".join(sub.err))
    pub = subprocess.Popen([MQC, "pub"] + base + ["-l", "-d", "-D", "publish",
                                                  "message-expiry-interval", "1",
                                                  "--reconnect-min", "0.1",
                                                  "--reconnect-max", "0.3"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    err = []
    reader = threading.Thread(target=lambda: err.append(pub.stderr.read()), daemon=True)
    reader.start()

    def line(s):
        pub.stdin.write(s.encode() + b"\n")
        pub.stdin.flush()

    line("first")
    time.sleep(0.5)
    b.stop()                      # SIGTERM: the sockets close, mqc pub sees it at once
    time.sleep(0.5)
    line("lost-a")
    line("lost-b")
    time.sleep(2.0)               # both intervals pass while the broker is down
    b.start()
    time.sleep(1.5)               # reconnected (backoff at most 0.3 s)
    line("after")
    time.sleep(0.5)
    pub.stdin.close()
    try:
        rc = pub.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pub.kill()
        rc = "timeout"
    reader.join(5)
    trace = b"".join(err).decode(errors="replace")
    expired = [ln for ln in trace.splitlines() if "expiry interval passed" in ln]
    check("mqc pub reports both queued lines expired", len(expired) == 2, trace[-1500:])
    check("mqc pub exits non-zero (messages not delivered)", rc not in (0, "timeout"), rc)
    check("the expired lines were never sent",
          "lost-a" not in trace and "lost-b" not in trace
          and sum("sent PUBLISH" in ln and "exp/c" in ln and "DUP" not in ln
                  for ln in trace.splitlines()) <= 2, trace[-1500:])
    rc, out, serr = sub.finish(10)
    check("the subscriber got the lines sent in time, not the expired ones",
          out.split() == [b"first", b"after"], (rc, out, serr[-600:]))


def main():
    with Mosquitto() as b:
        broker_side(b)
    with Mosquitto(persistence=True) as b:
        client_side(b)


if __name__ == "__main__":
    main()
    summary()
