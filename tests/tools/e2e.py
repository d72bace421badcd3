"""End-to-end delivery runs: publisher -> fault proxy -> Mosquitto -> fault proxy -> subscriber.

Shared by tests/integration/test_e2e_*.py and tests/tools/demo.py. Python 3 stdlib only.

The clients under test are command-line tools with mosquitto_pub/mosquitto_sub flags:
`mqc pub` / `mqc sub` (kind "mqc") or mosquitto_pub / mosquitto_sub themselves (kind
"mosquitto", the reference). The publisher reads numbered lines ("0".."N-1") on stdin
(-l); the subscriber prints one payload per line; lost, duplicated and out-of-order
messages are counted from those numbers.
"""
import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import faultproxy  # noqa: E402
from mosq import Mosquitto  # noqa: E402


def FaultProxy(*args, **kw):
    """The fault proxy, auditing QoS 2 by default (qos2audit.py): a stream
    test must tell a duplicate the broker caused from one of ours."""
    kw.setdefault("audit_qos2", True)
    return faultproxy.FaultProxy(*args, **kw)


# Per mqtt-rules.md: a large broker window avoids Mosquitto's duplicates after a
# restart; an unlimited queue keeps an offline subscriber's backlog (the default
# 1000 would drop messages while the subscriber reconnects).
BROKER_CONF = ["max_inflight_messages 65534", "max_queued_messages 0"]

VERSIONS = {"3.1": "mqttv31", "31": "mqttv31", "mqttv31": "mqttv31",
            "3.1.1": "mqttv311", "311": "mqttv311", "mqttv311": "mqttv311",
            "5": "mqttv5", "5.0": "mqttv5", "mqttv5": "mqttv5"}


def find_mqc(explicit=None):
    """The mqc CLI: explicit path, $MQC, or build/mqc of the source tree."""
    for cand in (explicit, os.environ.get("MQC"),
                 os.path.join(HERE, "..", "..", "build", "mqc")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return os.path.abspath(cand)
    return None


class ClientKind:
    """How to start a publisher or subscriber of one implementation."""

    def __init__(self, kind="mqc", mqc=None, reconnect=(0.1, 1.0), extra_pub=(),
                 extra_sub=(), auth=()):
        self.kind = kind
        # Connection options every run needs (a broker that wants -u/-P).
        self.auth = list(auth)
        self.reconnect = reconnect
        self.extra_pub = list(extra_pub)
        self.extra_sub = list(extra_sub)
        # mosquitto_pub/sub refuse a keep alive below 5 s.
        self.min_keepalive = 5 if kind == "mosquitto" else 1
        if kind == "mqc":
            self.mqc = find_mqc(mqc)
            if not self.mqc:
                raise RuntimeError("mqc CLI not found (build it, or set MQC=path)")
        elif kind == "mosquitto":
            for tool in ("mosquitto_pub", "mosquitto_sub"):
                if not shutil.which(tool):
                    raise RuntimeError(f"{tool} not installed")
        else:
            raise ValueError(f"unknown client kind {kind!r}")

    def __str__(self):
        return self.mqc if self.kind == "mqc" else "mosquitto_pub/mosquitto_sub"

    def _base(self, role):
        if self.kind == "mqc":
            argv = [self.mqc, role]
            if self.reconnect:
                argv += ["--reconnect-min", _num(self.reconnect[0]),
                         "--reconnect-max", _num(self.reconnect[1])]
            return argv
        return ["mosquitto_" + role]

    def common(self, host, port, topic, qos, cid, version, keepalive):
        return ["-h", host, "-p", str(port), "-t", topic, "-q", str(qos), "-c",
                "-i", cid, "-V", VERSIONS[version], "-k", str(keepalive)] + self.auth

    def pub(self, host, port, topic, qos, cid, version, keepalive=10, debug=False):
        argv = self._base("pub") + self.common(host, port, topic, qos, cid, version,
                                               keepalive) + ["-l"]
        return argv + (["-d"] if debug else []) + self.extra_pub

    def precreate(self, host, port, topic, qos, cid, version, keepalive=10):
        """A subscriber that creates its persistent session and exits (-E)."""
        return self._base("sub") + self.common(host, port, topic, qos, cid, version,
                                               keepalive) + ["-E"]

    def sub(self, host, port, topic, qos, cid, version, keepalive=10, debug=False):
        argv = self._base("sub") + self.common(host, port, topic, qos, cid, version,
                                               keepalive)
        return argv + (["-d"] if debug else []) + self.extra_sub


def _num(x):
    return str(int(x)) if float(x).is_integer() else str(x)


class Proc:
    """A child process in its own process group, its output read by threads."""

    def __init__(self, argv, name, stdin=None, on_stdout=None, on_stderr=None, tail=60):
        self.argv = argv
        self.name = name
        self.stdout_tail = collections.deque(maxlen=tail)
        self.stderr_tail = collections.deque(maxlen=tail)
        # stdin: a file object (a regular file: a pipe can run empty for a moment,
        # and mosquitto_pub -l takes that for the end of input), or None.
        self.p = subprocess.Popen(argv, stdin=stdin if stdin else subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  start_new_session=True)
        self.started = time.monotonic()
        self.ended = None
        self._threads = [
            threading.Thread(target=self._pump, args=(self.p.stdout, self.stdout_tail, on_stdout),
                             daemon=True),
            threading.Thread(target=self._pump, args=(self.p.stderr, self.stderr_tail, on_stderr),
                             daemon=True)]
        for t in self._threads:
            t.start()

    @staticmethod
    def _pump(f, tail, cb):
        for raw in f:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            tail.append(line)
            if cb:
                cb(line)
        f.close()

    def poll(self):
        rc = self.p.poll()
        if rc is not None and self.ended is None:
            self.ended = time.monotonic()
        return rc

    def wait_output(self, timeout=2.0):
        for t in self._threads:
            t.join(timeout)

    def kill(self, grace=1.0):
        """SIGTERM the process group, SIGKILL it after grace seconds."""
        if self.p.poll() is None:
            try:
                os.killpg(self.p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.p.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.p.pid, signal.SIGKILL)   # leftovers of the group, if any
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.poll()
        self.wait_output()
        return self.p.returncode

    def tails(self, n=20):
        out = [f"--- {self.name} rc={self.p.returncode} argv: {' '.join(self.argv)}"]
        out += [f"  stderr: {line}" for line in list(self.stderr_tail)[-n:]]
        out += [f"  stdout: {line}" for line in list(self.stdout_tail)[-min(n, 8):]]
        return "\n".join(out)


class Tally:
    """Counts the numbers a subscriber prints."""

    def __init__(self, n):
        self.n = n
        self.counts = bytearray(n)
        self.distinct = 0
        self.total = 0
        self.dups = 0
        self.out_of_order = 0
        self.garbage = 0
        self.highest = -1
        self.last_time = time.monotonic()
        self.lock = threading.Lock()
        # Longest wait between two consecutive deliveries (arrival times), and
        # how many distinct messages had arrived when it ended.
        self.max_gap = 0.0
        self.max_gap_at = 0

    def line(self, s):
        try:
            v = int(s)
        except ValueError:
            return      # -d traces and the like
        with self.lock:
            now = time.monotonic()
            if self.total and now - self.last_time > self.max_gap:
                self.max_gap, self.max_gap_at = now - self.last_time, self.distinct
            self.total += 1
            self.last_time = now
            if v < 0 or v >= self.n:
                self.garbage += 1
                return
            c = self.counts[v]
            if c == 0:
                self.distinct += 1
                # A first delivery below one already seen: reordered (resends of
                # already delivered messages count as duplicates, not here).
                if v < self.highest:
                    self.out_of_order += 1
                else:
                    self.highest = v
            else:
                self.dups += 1
            if c < 255:
                self.counts[v] = c + 1

    def lost(self):
        return self.n - self.distinct

    def lost_sample(self, k=10):
        return [i for i, c in enumerate(self.counts) if c == 0][:k]

    def dup_sample(self, k=10):
        return [i for i, c in enumerate(self.counts) if c > 1][:k]


class PubTrace:
    """Sent and acknowledged counts from a publisher's -d trace: mosquitto's
    ("Client P sending PUBLISH (d0, q2, ...") and mqc's ("mqc: sent PUBLISH (flags
    0x4, d0, q2, ...", "mqc: received PUBCOMP (flags 0x0, m5)")."""

    SEND = re.compile(r"(?i)\b(?:sending|sent)\s+PUBLISH\b(.*)")
    ACK = re.compile(r"(?i)\breceived\s+(PUBACK|PUBCOMP)\b")

    def __init__(self):
        self.sent = 0        # first transmissions
        self.resent = 0      # DUP=1 transmissions
        self.acked = 0
        self.session_lost = 0  # mqc: reconnects the broker answered with no session

    def line(self, s):
        m = self.SEND.search(s)
        if m:
            if re.search(r"\bd(?:up)?[=:]?\s*1\b", m.group(1)):
                self.resent += 1
            else:
                self.sent += 1
            return
        if self.ACK.search(s):
            self.acked += 1
        elif "session lost)" in s:
            self.session_lost += 1


class Result:
    def __init__(self, **kw):
        self.dups_by_broker = 0
        self.__dict__.update(kw)

    @property
    def dups_ours(self):
        """Duplicates not explained by the broker re-sending a PUBLISH after its PUBREL."""
        return self.dups - self.dups_by_broker

    def summary(self):
        broker = (f" ({self.dups_by_broker} re-sent by the broker as PUBLISH after its "
                  f"PUBREL: a protocol violation, see qos2audit.py)" if self.dups_by_broker else "")
        return (f"{self.label}: sent {self.n}, received {self.distinct} distinct "
                f"({self.total} total), lost {self.lost}, duplicated {self.dups}{broker}, "
                f"out of order {self.out_of_order}, reconnects pub {self.reconnects_pub} "
                f"sub {self.reconnects_sub}, proxy resets {self.resets}, "
                f"{self.seconds:.1f} s, {self.rate:.0f} msg/s, pub rc {self.pub_rc}")


def reconnects_by_client(proxy):
    """Connections per client id seen at the proxy (from the CONNECT packets)."""
    counts = collections.Counter()
    for ev in proxy.events_since(0, "client_id"):
        counts[ev[3]] += 1
    return counts


def precreate_session(client, broker, topic, qos, cid, version, timeout=10):
    """Make the subscriber's persistent session (with its subscription) exist at the
    broker before anything is published: the client under test subscribes with -c
    and exits once subscribed (-E), directly to the broker, not through the proxy."""
    argv = client.precreate(broker.host, broker.port, topic, qos, cid, version)
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"could not create session {cid}: {' '.join(argv)} "
                           f"did not exit within {timeout} s")
    if r.returncode != 0:
        raise RuntimeError(f"could not create session {cid}: {' '.join(argv)} exit "
                           f"{r.returncode}: {r.stdout.decode(errors='replace')!r}")


def run_stream(client, broker, proxy, n=20000, qos=2, version="3.1.1", keepalive=10,
               label=None, timeout=90.0, idle_after_pub_exit=5.0, grace=1.0,
               on_progress=None, progress_interval=0.25, triggers=(),
               debug_pub=False, precreate=True, tag=None, stall=None):
    """One stream of n messages. Returns a Result.

    triggers: [(k, fn), ...]: fn() is called once when the subscriber has received
    k distinct messages (a broker restart, a blackhole, ...); the return values are
    kept in Result.trigger_values. on_progress(dict) is called every
    progress_interval seconds, and once more with the final numbers (d["final"]).
    stall: give up (timed_out, stalled) when neither the subscriber nor the
    publisher's -d trace has moved for this many seconds.
    """
    tag = tag or f"{os.getpid()}-{int(time.time() * 1000) % 100000}"
    vtag = VERSIONS[version][-2:]
    topic = f"mqc/e2e/{tag}/{vtag}/q{qos}"
    pub_id = f"e2e-pub-{tag}-{vtag}-q{qos}"
    sub_id = f"e2e-sub-{tag}-{vtag}-q{qos}"
    if vtag == "31":  # 3.1 client ids are at most 23 bytes
        pub_id, sub_id = f"p-{tag}-{qos}"[:23], f"s-{tag}-{qos}"[:23]
    label = label or f"{client.kind} v{version} qos {qos}"
    tally = Tally(n)
    trace = PubTrace()
    if precreate:
        precreate_session(client, broker, topic, qos, sub_id, version)
    procs = []
    t0 = time.monotonic()
    lines = tempfile.TemporaryFile()
    lines.write("".join(f"{i}\n" for i in range(n)).encode())
    lines.seek(0)
    pending = sorted(triggers, key=lambda t: t[0])
    trigger_values = []
    try:
        sub = Proc(client.sub(proxy.host, proxy.port, topic, qos, sub_id, version, keepalive),
                   "sub", on_stdout=tally.line)
        procs.append(sub)
        # Give the subscriber a moment to connect; its session exists already.
        time.sleep(0.2)
        pub = Proc(client.pub(proxy.host, proxy.port, topic, qos, pub_id, version, keepalive,
                              debug=debug_pub),
                   "pub", stdin=lines, on_stdout=trace.line if debug_pub else None,
                   on_stderr=trace.line if debug_pub else None)
        procs.append(pub)
        t_start = time.monotonic()
        next_progress = 0.0
        timed_out = stalled = False
        moved, moved_at = None, t_start
        while True:
            now = time.monotonic()
            state = (tally.total, trace.sent, trace.resent, trace.acked)
            if state != moved:
                moved, moved_at = state, now
            while pending and tally.distinct >= pending[0][0]:
                trigger_values.append(pending.pop(0)[1]())
            pub_rc = pub.poll()
            if on_progress and now >= next_progress:
                next_progress = now + progress_interval
                on_progress(_progress(tally, trace, proxy, pub_id, sub_id, now - t_start,
                                      pub_rc))
            if tally.distinct >= n and pub_rc is not None:
                break
            if pub_rc is not None and now - max(tally.last_time, pub.ended) > idle_after_pub_exit:
                break
            if sub.poll() is not None and now - (sub.ended or now) > 1.0:
                break
            if now - t_start > timeout:
                timed_out = True
                break
            if stall and now - moved_at > stall:
                timed_out = stalled = True
                break
            time.sleep(0.05)
        # The stream ends here: its wall time, reconnects and resets are taken now,
        # not after the wait below (the proxy goes on resetting idle connections).
        t_end = time.monotonic()
        conns = reconnects_by_client(proxy)
        resets = proxy.resets
        # Late duplicates arrive within a moment; wait for them (they are counted).
        if not timed_out:
            end = time.monotonic() + grace
            while time.monotonic() < end and sub.poll() is None:
                time.sleep(0.05)
        pub_rc = pub.poll()
        if pub_rc is None:
            pub.kill()
            pub_rc = "killed"
        pub.wait_output()
        sub_rc = sub.poll()
        sub.kill()
        with tally.lock:
            final = _progress(tally, trace, proxy, pub_id, sub_id, t_end - t_start, pub_rc,
                              conns=conns, resets=resets)
        final["final"] = True
        final["sub_rc"] = sub_rc
        # The last progress line and the Result carry the same numbers.
        if on_progress:
            on_progress(final)
        seconds = final["elapsed"]
        # A stream that never completed ends in silence: that wait is a gap too
        # (the stall issue 10 was about ended so, with the publisher done).
        dups_by_broker = _dups_by_broker(proxy, sub_id, tally)
        max_gap, max_gap_at = tally.max_gap, tally.max_gap_at
        if tally.distinct < n and tally.total and t_end - tally.last_time > max_gap:
            max_gap, max_gap_at = t_end - tally.last_time, tally.distinct
        return Result(label=label, n=n, qos=qos, version=version, distinct=tally.distinct,
                      total=tally.total, lost=tally.lost(), dups=tally.dups,
                      out_of_order=tally.out_of_order, garbage=tally.garbage,
                      lost_sample=tally.lost_sample(), dup_sample=tally.dup_sample(),
                      reconnects_pub=final["reconnects_pub"],
                      reconnects_sub=final["reconnects_sub"],
                      resets=resets, seconds=seconds,
                      rate=tally.distinct / seconds if seconds > 0 else 0.0,
                      pub_rc=pub_rc, sub_rc=sub_rc, timed_out=timed_out, stalled=stalled,
                      pub_sent=trace.sent, pub_resent=trace.resent, pub_acked=trace.acked,
                      pub_session_lost=trace.session_lost,
                      pub_id=pub_id, sub_id=sub_id, topic=topic, final=final,
                      max_gap=max_gap, max_gap_at=max_gap_at, dups_by_broker=dups_by_broker,
                      trigger_values=trigger_values,
                      tails=pub.tails() + "\n" + sub.tails(), total_seconds=time.monotonic() - t0)
    finally:
        for p in procs:
            p.kill(grace=0.5)
        lines.close()


def _dups_by_broker(proxy, sub_id, tally):
    """How many of the subscriber's duplicates the broker made itself: a
    number counts once more than it arrived for each PUBLISH carrying it
    that the broker re-sent after that id's PUBREL (qos2audit.py)."""
    audit = getattr(proxy, "audit", None)
    if audit is None:
        return 0
    resent = collections.Counter()
    for payload in audit.payloads(sub_id):
        try:
            resent[int(payload)] += 1
        except ValueError:
            pass
    with tally.lock:
        return sum(min(k, tally.counts[v] - 1) for v, k in resent.items()
                   if 0 <= v < tally.n and tally.counts[v] > 1)


def _progress(tally, trace, proxy, pub_id, sub_id, elapsed, pub_rc, conns=None, resets=None):
    """One snapshot of the counters the progress line and the report show."""
    if conns is None:
        conns = reconnects_by_client(proxy)
    return {"elapsed": elapsed, "received": tally.distinct, "total": tally.total,
            "dups": tally.dups, "out_of_order": tally.out_of_order, "sent": trace.sent,
            "resent": trace.resent, "acked": trace.acked,
            "reconnects_pub": max(0, conns[pub_id] - 1),
            "reconnects_sub": max(0, conns[sub_id] - 1), "connections": proxy.connections,
            "resets": proxy.resets if resets is None else resets, "pub_rc": pub_rc,
            "final": False}


class Checks:
    """Collects pass/fail lines; report() prints `N passed, M failed` last."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}", flush=True)
            if detail:
                print(detail, flush=True)
        return ok

    def report(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed else 0


def broker_tail(broker, n=20):
    lines = broker.log().splitlines()[-n:]
    return "\n".join(f"  broker: {line}" for line in lines)


def client_from_args(argv=None, default_reconnect=(0.1, 1.0)):
    """--client mosquitto|mqc and --mqc PATH from argv, MQC from the environment."""
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--client", choices=("mqc", "mosquitto"),
                    default=os.environ.get("MQC_CLIENT", "mqc"))
    ap.add_argument("--mqc", default=None)
    ap.add_argument("-n", type=int, default=None)
    ap.add_argument("--seed", default=None)
    a = ap.parse_args(argv)
    return ClientKind(a.client, mqc=a.mqc, reconnect=default_reconnect), a


def blackhole_timings(proxy, t0, client_id):
    """For the connections of client_id blackholed at or after t0: seconds from the
    blackhole (as the proxy did it) until the client closed the connection (keep
    alive noticed) and until its next connection arrived."""
    ids = {ev[2] for ev in proxy.events_since(0, "client_id") if ev[3] == client_id}
    holes = [ev for ev in proxy.events_since(t0, "blackhole") if ev[2] in ids]
    if not holes:
        return {"blackholed": 0, "detect": None, "reconnect": None}
    t_bh = min(ev[0] for ev in holes)
    holed = {ev[2] for ev in holes}
    closed = [ev[0] for ev in proxy.events_since(t_bh, "blackhole_client_closed")
              if ev[2] in holed]
    accepts = [ev[0] for ev in proxy.events_since(t_bh, "accept") if ev[2] in ids]
    return {"blackholed": len(holed),
            "detect": (min(closed) - t_bh) if closed else None,
            "reconnect": (min(accepts) - t_bh) if accepts else None}


# ---------------------------------------------------------------------------
# Crash runs: one side killed with SIGKILL again and again and restarted on its
# --store (issue 8). The subscriber writes with --store DIR --output FILE, and the
# verdict is taken from FILE itself: every line once, in order.

def lines_blob(n):
    return "".join(f"{i}\n" for i in range(n)).encode()


def tally_file(path, n):
    """A Tally of the lines in path; a last line without its newline is garbage
    (a torn write the restart did not cut back)."""
    t = Tally(n)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    parts = data.split(b"\n")
    tail = parts.pop()          # b"" when the file ends with a newline
    for p in parts:
        s = p.decode("ascii", "replace")
        if s.isdigit():
            t.line(s)
        else:
            t.total += 1
            t.garbage += 1
    if tail:
        t.total += 1
        t.garbage += 1
    return t, data


class Restarter:
    """Keeps one role running: (re)starts it from make_argv() on stdin_path, and
    kills it with SIGKILL at intervals drawn from rng until the kill window ends."""

    def __init__(self, name, make_argv, stdin_path=None, rng=None, kill=None,
                 kill_until=None, down=None, feed=None):
        self.name = name
        self.make_argv = make_argv
        self.stdin_path = stdin_path
        self.rng = rng
        self.kill = kill                  # (min, max) seconds between kills, or None
        self.kill_until = kill_until      # monotonic time after which no more kills
        self.down = down                  # (min, max) seconds dead before a restart
        self.feed = feed                  # (blob, lines/s, t0): stdin is a pipe fed at that pace
        self.feeder = None
        self.kills = 0
        self.starts = 0
        self.rcs = []                     # exit codes of the runs that ended by themselves
        self.bad_exits = []               # (rc, stderr tail) of those that were not 0
        self.stderr_seen = collections.deque(maxlen=400)
        self.proc = None
        self.next_kill = None
        self.start()

    def start(self):
        stdin = open(self.stdin_path, "rb") if self.stdin_path else None
        wfd = None
        if self.feed:
            rfd, wfd = os.pipe()
            stdin = os.fdopen(rfd, "rb")
        try:
            self.proc = Proc(self.make_argv(), f"{self.name}#{self.starts}", stdin=stdin,
                             on_stderr=self.stderr_seen.append)
        finally:
            if stdin:
                stdin.close()
        if wfd is not None:
            self.feeder = threading.Thread(target=_feed, args=(wfd,) + self.feed,
                                           daemon=True)
            self.feeder.start()
        self.starts += 1
        self.next_kill = (time.monotonic() + self.rng.uniform(*self.kill)
                          if self.kill else None)

    def step(self, now):
        """Kill when due; returns the exit code once the last run ended by itself."""
        rc = self.proc.poll()
        if rc is not None:
            return rc
        if self.next_kill is not None and now >= self.next_kill:
            if now >= self.kill_until:
                self.next_kill = None
                return None
            os.killpg(self.proc.p.pid, signal.SIGKILL)
            self.proc.p.wait(5)
            self.proc.wait_output()
            self.kills += 1
            if self.down:
                time.sleep(self.rng.uniform(*self.down))
            self.start()
        return None

    def note_exit(self, rc):
        self.rcs.append(rc)
        if rc != 0:
            self.bad_exits.append((rc, self.proc.tails()))

    def stop(self):
        if self.proc:
            return self.proc.kill(grace=1.0)
        return None


def _feed(wfd, blob, pace, t0):
    """Writes blob's lines to wfd from the first, line i once t0 + i/pace has come
    (a restarted reader gets at once what was due), then closes it (EOF)."""
    lines = blob.splitlines(keepends=True)
    done = 0
    try:
        while done < len(lines):
            due = min(len(lines), int((time.monotonic() - t0) * pace) + 1)
            if due > done:
                chunk = memoryview(b"".join(lines[done:due]))
                while chunk:
                    chunk = chunk[os.write(wfd, chunk):]
                done = due
            time.sleep(0.01)
    except OSError:
        pass          # the reader is gone (stopped): nothing more to feed
    finally:
        os.close(wfd)


def run_crash(mqc, broker, proxy, victim, n=20000, qos=2, version="3.1.1", seed="1",
              kill=(0.3, 1.0), down=(0.05, 0.15), kill_for=20.0, timeout=90.0, keepalive=10,
              reconnect=(0.05, 0.5), label=None, on_progress=None,
              progress_interval=0.25, pub_sync=None, sub_sync=None, tag=None,
              restart_exited=False, pub_extra=(), pace=None):
    """n numbered lines from `mqc pub -l` to `mqc sub --store DIR --output FILE`
    while victim ("pub" or "sub") is killed with SIGKILL every kill[0]-kill[1] s
    (for kill_for s at most) and restarted on the same store (and, for pub, the
    same input file). With victim "pub" the publisher runs with --store; with
    "sub" it is a plain `pub -l -c`. With pace (lines/s) the publisher reads the
    input through a pipe that gets line i at start + i/pace, so that the stream
    lasts n/pace s however fast the machine is and the kills fall all along it;
    a restarted publisher gets the same bytes from the first (it reads past what
    its store had accepted, where a file would be sought). Returns a Result (the
    delivery counts are those of the output file)."""
    import random
    tag = tag or f"{os.getpid()}-{int(time.time() * 1000) % 100000}"
    vtag = VERSIONS[version][-2:]
    topic = f"mqc/crash/{tag}/{vtag}/q{qos}"
    pub_id = f"crash-pub-{tag}-{vtag}-q{qos}"
    sub_id = f"crash-sub-{tag}-{vtag}-q{qos}"
    label = label or f"mqc v{version} qos {qos}, {victim} killed"
    rng = random.Random(f"{seed}:{victim}")
    work = tempfile.mkdtemp(prefix="mqc-crash-")
    input_path = os.path.join(work, "input")
    out_path = os.path.join(work, "output")
    pub_store = os.path.join(work, "pub-store")
    sub_store = os.path.join(work, "sub-store")
    blob = lines_blob(n)
    with open(input_path, "wb") as f:
        f.write(blob)
    base = [mqc, None, "--reconnect-min", _num(reconnect[0]),
            "--reconnect-max", _num(reconnect[1]), "-h", proxy.host, "-p", str(proxy.port),
            "-t", topic, "-q", str(qos), "-V", VERSIONS[version], "-k", str(keepalive)]

    def argv(role, *extra):
        a = list(base)
        a[1] = role
        return a + list(extra)

    sub_argv = argv("sub", "-i", sub_id, "--store", sub_store, "--output", out_path,
                    *(["--sync", sub_sync] if sub_sync else []))
    if victim == "pub":
        pub_argv = argv("pub", "-i", pub_id, "-l", "--store", pub_store,
                        *(["--sync", pub_sync] if pub_sync else []))
    else:
        pub_argv = argv("pub", "-i", pub_id, "-l", "-c")
    pub_argv += list(pub_extra)
    # The subscriber's session (and its store) exist before anything is published:
    # `sub --store -E` through the proxy, the same broker address the store names.
    r = subprocess.run(argv("sub", "-i", sub_id, "--store", sub_store, "-E"),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=20)
    if r.returncode != 0:
        raise RuntimeError(f"could not create session {sub_id}: exit {r.returncode}: "
                           f"{r.stdout.decode(errors='replace')!r}")
    seen = {"lines": 0, "bytes": 0}
    t_start = time.monotonic()
    kill_until = t_start + kill_for
    sub = pub = None
    timed_out = False
    try:
        sub = Restarter("sub", lambda: sub_argv, rng=rng,
                        kill=kill if victim == "sub" else None, kill_until=kill_until,
                        down=down)
        time.sleep(0.2)
        pub = Restarter("pub", lambda: pub_argv, stdin_path=None if pace else input_path,
                        rng=rng, kill=kill if victim == "pub" else None,
                        kill_until=kill_until, down=down,
                        feed=(blob, pace, time.monotonic()) if pace else None)
        pub_rc = None
        next_progress = 0.0
        while True:
            now = time.monotonic()
            if pub_rc is None:
                rc = pub.step(now)
                if rc is not None:
                    pub.note_exit(rc)
                    if rc != 0 and restart_exited and now < kill_until:
                        pub.start()          # a run that failed: start it again
                    else:
                        pub_rc = rc
            rc = sub.step(now)
            if rc is not None:
                sub.note_exit(rc)
                if now - t_start > timeout or len(sub.bad_exits) > 3:
                    break
                sub.start()                  # the subscriber never ends by itself
            try:
                size = os.path.getsize(out_path)
            except OSError:
                size = 0
            if size != seen["bytes"]:
                with open(out_path, "rb") as f:
                    seen["lines"] = f.read().count(b"\n")
                seen["bytes"] = size
            if on_progress and now >= next_progress:
                next_progress = now + progress_interval
                on_progress(_crash_progress(seen["lines"], n, proxy, pub_id, sub_id,
                                            now - t_start, pub_rc))
            if pub_rc is not None and size >= len(blob):
                break
            if pub_rc is not None and pub_rc != 0:
                break
            if now - t_start > timeout:
                timed_out = True
                break
            time.sleep(0.02)
        t_end = time.monotonic()
        conns = reconnects_by_client(proxy)
        resets = proxy.resets
        # A late duplicate would be appended within a moment: wait for it.
        if not timed_out:
            time.sleep(0.5)
        sub_rc = sub.proc.poll()
        sub.stop()
        if pub_rc is None:
            pub.stop()
            pub_rc = "killed"
        tally, data = tally_file(out_path, n)
        exact = data == blob
        # A restarted subscriber is the same client id: the audit follows its
        # session across connections, so the broker's re-sent PUBLISHes count.
        dups_by_broker = _dups_by_broker(proxy, sub_id, tally)
        d = _crash_progress(tally.distinct, n, proxy, pub_id, sub_id, t_end - t_start,
                            pub_rc, conns=conns, resets=resets, dups=tally.dups)
        d["final"] = True
        d["sub_rc"] = sub_rc
        if on_progress:
            on_progress(d)
        seconds = d["elapsed"]
        store_notes = [ln for ln in list(pub.stderr_seen) + list(sub.stderr_seen)
                       if "store" in ln]
        return Result(label=label, n=n, qos=qos, version=version, victim=victim,
                      seed=seed, distinct=tally.distinct, total=tally.total,
                      lost=tally.lost(), dups=tally.dups, out_of_order=tally.out_of_order,
                      garbage=tally.garbage, lost_sample=tally.lost_sample(),
                      dup_sample=tally.dup_sample(), exact=exact,
                      dups_by_broker=dups_by_broker,
                      kills_pub=pub.kills, kills_sub=sub.kills,
                      starts_pub=pub.starts, starts_sub=sub.starts,
                      kills=pub.kills + sub.kills,
                      restarts=pub.starts - 1 + sub.starts - 1,
                      pub_bad_exits=pub.bad_exits, sub_bad_exits=sub.bad_exits,
                      reconnects_pub=d["reconnects_pub"], reconnects_sub=d["reconnects_sub"],
                      resets=resets, seconds=seconds,
                      rate=tally.distinct / seconds if seconds > 0 else 0.0,
                      pub_rc=pub_rc, sub_rc=sub_rc, timed_out=timed_out, stalled=False,
                      pub_sent=0, pub_resent=0, pub_acked=0, pub_id=pub_id, sub_id=sub_id,
                      topic=topic, final=d, store_notes=store_notes, work=work,
                      output=out_path,
                      tails=pub.proc.tails() + "\n" + sub.proc.tails())
    finally:
        for role in (pub, sub):
            if role:
                role.stop()


def _crash_progress(received, n, proxy, pub_id, sub_id, elapsed, pub_rc, conns=None,
                    resets=None, dups=0):
    if conns is None:
        conns = reconnects_by_client(proxy)
    return {"elapsed": elapsed, "received": received, "total": received, "dups": dups,
            "out_of_order": 0, "sent": 0, "resent": 0, "acked": 0,
            "reconnects_pub": max(0, conns[pub_id] - 1),
            "reconnects_sub": max(0, conns[sub_id] - 1), "connections": proxy.connections,
            "resets": proxy.resets if resets is None else resets, "pub_rc": pub_rc,
            "final": False}
