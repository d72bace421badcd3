"""mqc pub / mqc sub against a private Mosquitto, sessions and volume: a will
delivered after kill -9, a persistent session that receives what was
published while it was offline (and nothing twice), pub -l with 70,000 lines
at QoS 1 received complete and in order, and SIGTERM ending sub cleanly.
Runs in 3.1.1 and 5.0. Prints "N passed, M failed" last; exits 1 on failure."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import Sub, check, mqc, summary  # noqa: E402

LAST = []


def will(b, v):
    port = str(b.port)
    watcher = Sub(["-p", port, "-V", v, "-t", f"will/{v}", "-q", "1", "-C", "1", "-F", "%t|%q|%p"])
    check(f"v{v} will watcher ready", watcher.ready(), b"".join(watcher.err))
    victim = Sub(["-p", port, "-V", v, "-t", f"dummy/{v}", "--will-topic", f"will/{v}",
                  "--will-payload", "gone", "--will-qos", "1"])
    check(f"v{v} will client ready", victim.ready(), b"".join(victim.err))
    victim.p.send_signal(signal.SIGKILL)
    victim.finish(5)
    rc, out, err = watcher.finish(15)
    check(f"v{v} will delivered after kill -9", rc == 0 and out == f"will/{v}|1|gone\n".encode(),
          (rc, out, err[-300:]))
    # A clean exit (SIGTERM -> DISCONNECT) must not publish the will.
    watcher = Sub(["-p", port, "-V", v, "-t", f"will2/{v}", "-W", "2"])
    check(f"v{v} will watcher 2 ready", watcher.ready(), b"".join(watcher.err))
    victim = Sub(["-p", port, "-V", v, "-t", f"dummy/{v}", "--will-topic", f"will2/{v}",
                  "--will-payload", "gone"])
    check(f"v{v} will client 2 ready", victim.ready(), b"".join(victim.err))
    victim.p.send_signal(signal.SIGTERM)
    vrc, _, verr = victim.finish(10)
    check(f"v{v} SIGTERM: sub exits 0 after DISCONNECT", vrc == 0 and b"sent DISCONNECT" in verr,
          (vrc, verr[-300:]))
    rc, out, _ = watcher.finish(15)
    check(f"v{v} no will after a clean disconnect", rc == 27 and out == b"", (rc, out))


def persistent(b, v, subq):
    port = str(b.port)
    cid = f"mqc-persist-{v}"
    topic = f"persist/{v}"
    base = ["-p", port, "-V", v, "-c", "-i", cid, "-q", str(subq), "-t", topic]
    r = mqc(["sub"] + base + ["-E"], timeout=10)
    check(f"v{v} persistent sub subscribes and exits (-E)", r.returncode == 0, r.stderr)
    want = []
    for i in range(10):
        q = 1 if i < 5 else 2
        payload = f"offline {i} q{q}"
        want.append(payload)
        r = mqc(["pub", "-p", port, "-V", v, "-t", topic, "-q", str(q), "-m", payload])
        check(f"v{v} offline pub {i} exit 0", r.returncode == 0, r.stderr)
    r = mqc(["sub"] + base + ["-C", "10", "-F", "%q %p", "-d"], timeout=15)
    LAST.append(r.stderr)
    got = r.stdout.decode().splitlines()
    expect = [f"{min(subq, 1 if i < 5 else 2)} {p}" for i, p in enumerate(want)]
    check(f"v{v} resumed session receives the 10 offline messages in order",
          r.returncode == 0 and got == expect, (r.returncode, got, r.stderr[-300:]))
    r = mqc(["sub"] + base + ["-W", "1.5"], timeout=10)
    check(f"v{v} nothing delivered twice after the acks", r.returncode == 27 and r.stdout == b"",
          (r.returncode, r.stdout, LAST[-1].decode()))


def lines(b, v, n):
    port = str(b.port)
    topic = f"lines/{v}"
    s = Sub(["-p", port, "-V", v, "-t", topic, "-q", "1", "-C", str(n)])
    check(f"v{v} line sub ready", s.ready(), b"".join(s.err))
    data = "".join(f"line {i:06d} " + "x" * (i % 50) + "\n" for i in range(n)).encode()
    t0 = time.monotonic()
    r = mqc(["pub", "-p", port, "-V", v, "-t", topic, "-q", "1", "-l"], stdin=data, timeout=60)
    check(f"v{v} pub -l -q 1 of {n} lines exits 0", r.returncode == 0, r.stderr[-300:])
    rc, out, err = s.finish(60)
    dt = time.monotonic() - t0
    check(f"v{v} sub got all {n} lines, in order, exactly ({dt:.1f} s)",
          rc == 0 and out == data, (rc, len(out), len(data), err[-300:]))


def main():
    start = time.monotonic()
    try:
        with Mosquitto(conf=["max_inflight_messages 65534"]) as b:
            for v in ("311", "5"):
                will(b, v)
            persistent(b, "311", 1)
            persistent(b, "5", 2)
            lines(b, "311", 70000)
            lines(b, "5", 70000)
    except Exception as e:  # a crash of the test itself is a failure
        check("test ran to completion", False, repr(e))
    print(f"(took {time.monotonic() - start:.1f} s)")
    summary()


if __name__ == "__main__":
    main()
