"""The features the interop suite checks, each against one running broker with the
real `mqc` CLI. Each returns a Cell: pass, fail, or unsupported (naming the
broker LIMITS key it shows and the evidence seen)."""
import os
import re
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import e2e  # noqa: E402

os.environ.setdefault("MQC", e2e.find_mqc() or "build/mqc")
from clitest import Sub, mqc  # noqa: E402

PASS, FAIL, UNSUPPORTED = "pass", "fail", "not supported by the broker"
SEQ = [0]


class Cell:
    def __init__(self, status, detail="", limit=None):
        self.status, self.detail, self.limit = status, detail, limit


def ok(detail=""):
    return Cell(PASS, detail)


def fail(detail):
    return Cell(FAIL, detail)


def unsupported(limit, evidence):
    return Cell(UNSUPPORTED, evidence, limit)


def uniq(what):
    SEQ[0] += 1
    return f"interop/{os.getpid()}/{what}/{SEQ[0]}"


def base(b, v):
    return ["-h", b.host, "-p", str(b.port), "-V", v] + b.auth


def short(data, n=300):
    s = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    s = s.strip()
    return s if len(s) <= n else "..." + s[-n:]


def trace_lines(err, pattern):
    return [ln for ln in err.decode("utf-8", "replace").splitlines() if re.search(pattern, ln)]


def suback_codes(err):
    return [int(m, 16) for m in re.findall(r"received SUBACK \(.*?codes? (?:0x)?([0-9a-fA-F]{2})",
                                           err.decode("utf-8", "replace"))]


def connect_v5(b, v="5"):
    """A 5.0 CONNECT: accepted with a 5.0 CONNACK, or how the broker refused it."""
    r = mqc(["pub"] + base(b, v) + ["-t", uniq("v5"), "-q", "1", "-m", "x", "-d",
                                    "--reconnect-min", "0.2"], timeout=8)
    connack = trace_lines(r.stderr, r"received CONNACK")
    if r.returncode == 0 and connack:
        return ok(connack[0].split("mqc pub: ", 1)[-1])
    why = trace_lines(r.stderr, r"closed|cannot connect|refused")
    if connack and "code 0x01" in connack[0]:  # a 3.1.1 server's "unacceptable version"
        return unsupported("v5", "answer to a 5.0 CONNECT: " + connack[0].split(": ", 1)[-1]
                           + "; mqc pub said: " + short(why[-1] if why else "", 200))
    if not connack and why:
        return unsupported("v5", "answer to a 5.0 CONNECT: " + short(why[0], 200) +
                           "; broker log: " + _log_hint(b, r"(?i)cannot parse|unparseable|protocol version"))
    return fail(f"pub rc {r.returncode}: {short(r.stderr)}")


def _log_hint(b, pattern, wait=3.0):
    """The broker's last log line matching pattern (logs are written a moment later)."""
    deadline = time.monotonic() + wait
    while True:
        lines = [ln for ln in b.log().splitlines() if re.search(pattern, ln)]
        if lines or time.monotonic() >= deadline:
            return short(lines[-1], 300) if lines else "(nothing about it in the log)"
        time.sleep(0.2)


def qos(q):
    def run(b, v):
        topic = uniq(f"qos{q}")
        payload = f"hello at qos {q}"
        s = Sub(base(b, v) + ["-t", topic, "-q", str(q), "-C", "1", "-F", "%q|%p", "-W", "10"])
        if not s.ready():
            s.finish(1)
            return fail("subscriber not ready: " + short(b"".join(s.err)))
        r = mqc(["pub"] + base(b, v) + ["-t", topic, "-q", str(q), "-m", payload, "-d"],
                timeout=15)
        rc, out, err = s.finish(12)
        granted = suback_codes(err)
        got = out.decode("utf-8", "replace").strip()
        if r.returncode == 0 and rc == 0 and got == f"{q}|{payload}" and granted == [q]:
            return ok()
        if q == 2:
            puback = trace_lines(r.stderr, r"received PUBACK")
            said = trace_lines(r.stderr, r"(?i)QoS 1|not support|downgrad")
            if puback or (granted and granted[0] < q):
                ev = [f"SUBACK for a QoS 2 subscription: granted QoS {granted[0]}"
                      if granted else "no SUBACK code seen"]
                if puback:
                    ev.append("QoS 2 PUBLISH answered with " + puback[0].split(": ", 1)[-1])
                # mqc must notice and say so; a publisher that hangs or exits 0 is
                # an mqc bug, whatever the broker does.
                if puback and (r.returncode in (0, -999) or not said):
                    return fail("mqc did not report the PUBACK to a QoS 2 PUBLISH: pub rc "
                                f"{r.returncode}, stderr: {short(r.stderr)}")
                if puback:
                    ev.append(f"mqc pub exit {r.returncode}: {short(said[-1], 200)}")
                sub_said = trace_lines(err, r"(?i)granted QoS")
                if granted and granted[0] < q and not sub_said:
                    return fail("mqc sub did not report the downgraded subscription: "
                                + short(err))
                if sub_said:
                    ev.append(sub_said[0])
                ev.append(f"subscriber got: {got!r}")
                return unsupported("qos2", "; ".join(ev))
        return fail(f"pub rc {r.returncode} ({short(r.stderr, 200)}); sub rc {rc}, got {got!r}, "
                    f"SUBACK codes {granted}; broker log: {_log_hint(b, '.')}")
    return run


def retained(b, v):
    topic = uniq("retained")
    r = mqc(["pub"] + base(b, v) + ["-t", topic, "-r", "-q", "1", "-m", "R1"])
    if r.returncode != 0:
        return fail(f"retained pub rc {r.returncode}: {short(r.stderr)}")
    r = mqc(["sub"] + base(b, v) + ["-t", topic, "-q", "1", "-C", "1", "-F", "%r|%p",
                                    "-W", "5"], timeout=10)
    if r.returncode != 0 or r.stdout != b"1|R1\n":
        return fail(f"new subscriber: rc {r.returncode}, got {r.stdout!r}, {short(r.stderr)}")
    r = mqc(["pub"] + base(b, v) + ["-t", topic, "-r", "-q", "1", "-n"])
    if r.returncode != 0:
        return fail(f"clearing pub rc {r.returncode}: {short(r.stderr)}")
    r = mqc(["sub"] + base(b, v) + ["-t", topic, "-W", "1.5"], timeout=10)
    if r.returncode != 27 or r.stdout:
        return fail(f"after clearing: rc {r.returncode}, got {r.stdout!r}")
    return ok()


def will(b, v):
    topic = uniq("will")
    watcher = Sub(base(b, v) + ["-t", topic, "-q", "1", "-C", "1", "-F", "%t|%q|%p", "-W", "15"])
    if not watcher.ready():
        watcher.finish(1)
        return fail("watcher not ready: " + short(b"".join(watcher.err)))
    victim = Sub(base(b, v) + ["-t", uniq("dummy"), "--will-topic", topic, "--will-payload",
                               "gone", "--will-qos", "1", "-k", "5"])
    if not victim.ready():
        victim.finish(1)
        watcher.finish(1)
        return fail("will client not ready: " + short(b"".join(victim.err)))
    victim.p.send_signal(signal.SIGKILL)
    victim.finish(5)
    rc, out, err = watcher.finish(20)
    if rc != 0 or out != f"{topic}|1|gone\n".encode():
        return fail(f"will after kill -9: watcher rc {rc}, got {out!r}, {short(err)}")
    # A clean DISCONNECT must not publish it.
    topic = uniq("will2")
    watcher = Sub(base(b, v) + ["-t", topic, "-W", "2"])
    victim = Sub(base(b, v) + ["-t", uniq("dummy"), "--will-topic", topic,
                               "--will-payload", "gone"])
    if not (watcher.ready() and victim.ready()):
        victim.finish(1)
        watcher.finish(1)
        return fail("clients for the clean-disconnect case not ready")
    victim.p.send_signal(signal.SIGTERM)
    victim.finish(10)
    rc, out, _ = watcher.finish(15)
    if rc != 27 or out:
        return fail(f"will published after a clean DISCONNECT: rc {rc}, got {out!r}")
    return ok()


def _session(b, v, restart):
    cid = f"mqc-interop-{os.getpid()}-{SEQ[0]}-{v}"
    topic = uniq("session")
    sess = base(b, v) + ["-c", "-i", cid, "-q", "1", "-t", topic]
    r = mqc(["sub"] + sess + ["-E"], timeout=10)
    if r.returncode != 0:
        return fail(f"session sub -E rc {r.returncode}: {short(r.stderr)}")
    want = [f"offline {i}" for i in range(10)]
    for i, payload in enumerate(want):
        r = mqc(["pub"] + base(b, v) + ["-t", topic, "-q", "1", "-m", payload])
        if r.returncode != 0:
            return fail(f"offline pub {i} rc {r.returncode}: {short(r.stderr)}")
    if restart:
        b.restart()
    r = mqc(["sub"] + sess + ["-C", "10", "-F", "%p", "-d", "-W", "5"], timeout=15)
    got = r.stdout.decode("utf-8", "replace").splitlines()
    connack = trace_lines(r.stderr, r"received CONNACK")
    if restart and connack and "session present 0" in connack[0]:
        return unsupported("restart", f"after a broker restart: {connack[0].split(': ', 1)[-1]}"
                           f"; resumed subscriber got {len(got)} of 10; broker log: "
                           + _log_hint(b, getattr(b, "EVIDENCE", {}).get("restart", "^$")))
    if r.returncode != 0 or got != want:
        return fail(f"resumed session: rc {r.returncode}, got {got}, "
                    f"{connack[:1]}, {short(r.stderr, 200)}")
    r = mqc(["sub"] + sess + ["-W", "1.5"], timeout=10)
    if r.returncode != 27 or r.stdout:
        return fail(f"delivered again after the acks: rc {r.returncode}, got {r.stdout!r}")
    return ok("10 of 10 in order" + (" (broker restarted)" if restart else ""))


def session_reconnect(b, v):
    return _session(b, v, restart=False)


def session_restart(b, v):
    return _session(b, v, restart=True)


def stream(q, n):
    def run(b, v):
        client = e2e.ClientKind("mqc", reconnect=(0.1, 1.0), auth=b.auth)
        version = {"311": "3.1.1", "5": "5"}[v]
        seed = f"interop-{b.name}-{v}-{q}"
        with e2e.FaultProxy((b.host, b.port), seed=seed, chunk=(1, 64),
                            delay_ms=(0, 2), delay_prob=0.02) as proxy:
            # Resets start once both clients are in (the first message is through):
            # mqc, like mosquitto_pub/sub, gives up when its very first connection
            # fails, and a slower broker's CONNACK can miss the first 0.1 s.
            def faults_on():
                proxy.set_faults(reset=(0.1, 0.5))
                proxy.reset_all()
            r = e2e.run_stream(client, b, proxy, n=n, qos=q, version=version, timeout=150,
                               stall=30, debug_pub=True, triggers=[(1, faults_on)])
        print("   ", r.summary(), flush=True)
        bad = []
        if r.lost:
            bad.append(f"lost {r.lost}, e.g. {r.lost_sample}")
        if q == 2 and r.dups:
            bad.append(f"duplicated {r.dups}, e.g. {r.dup_sample}")
        if r.pub_rc != 0 or r.timed_out:
            bad.append(f"publisher rc {r.pub_rc}, timed out {r.timed_out}")
        if r.reconnects_pub < 1 or r.reconnects_sub < 1:
            bad.append(f"faults did not hit both: reconnects pub {r.reconnects_pub} "
                       f"sub {r.reconnects_sub}")
        summary = (f"{r.distinct}/{n} in {r.seconds:.0f} s, {r.resets} resets, "
                   f"{r.dups} duplicates")
        if bad and q == 2 and (r.lost or r.dups) and "qos2-resets" in b.LIMITS:
            return unsupported("qos2-resets", "; ".join(bad) + f" ({summary}); the publisher "
                               f"(clean session 0) was answered session present 0 on "
                               f"{r.pub_session_lost} of its {r.reconnects_pub} reconnects")
        if bad:
            print(r.tails, flush=True)
            print(e2e.broker_tail(b), flush=True)
            return fail("; ".join(bad) + f" ({summary})")
        return ok(summary)
    return run


def v5_properties(b, v="5"):
    """User properties, content type, response topic, correlation data and message
    expiry of a 5.0 PUBLISH reach the subscriber (3.3.2.3: the server forwards them
    unaltered; the expiry it may lower by the time the message waited)."""
    topic = uniq("props")
    s = Sub(base(b, v) + ["-t", topic, "-q", "1", "-C", "1", "-F", "%P|%C|%R|%D|%E|%p",
                          "-W", "10"])
    if not s.ready():
        s.finish(1)
        return fail("subscriber not ready: " + short(b"".join(s.err)))
    r = mqc(["pub"] + base(b, v) + ["-t", topic, "-q", "1", "-m", "x",
                                    "-D", "publish", "user-property", "k", "v",
                                    "-D", "publish", "user-property", "k2", "v 2",
                                    "-D", "publish", "content-type", "text/plain",
                                    "-D", "publish", "response-topic", "reply/here",
                                    "-D", "publish", "correlation-data", "c0ffee",
                                    "-D", "publish", "message-expiry-interval", "3600"])
    rc, out, err = s.finish(12)
    if r.returncode != 0:
        return fail(f"pub rc {r.returncode}: {short(r.stderr)}")
    f = out.rstrip(b"\n").split(b"|")
    if rc != 0 or len(f) != 6:
        return fail(f"sub rc {rc}, got {out!r}, {short(err)}")
    wrong = []
    if f[0] != b"k:v k2:v 2":
        wrong.append(f"user properties {f[0]!r}")
    if f[1] != b"text/plain":
        wrong.append(f"content type {f[1]!r}")
    if f[2] != b"reply/here":
        wrong.append(f"response topic {f[2]!r}")
    if f[3] != b"c0ffee":
        wrong.append(f"correlation data {f[3]!r}")
    if not (f[4].isdigit() and 3590 <= int(f[4]) <= 3600):
        wrong.append(f"message expiry {f[4]!r}")
    if f[5] != b"x":
        wrong.append(f"payload {f[5]!r}")
    return fail("; ".join(wrong) + f" (subscriber printed {out!r})") if wrong else ok()
