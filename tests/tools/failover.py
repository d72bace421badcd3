"""A paced QoS 1 stream from `mqc pub -l` to `mqc sub`, each given a broker list,
while the test stops brokers: who was connected where and when, what arrived,
and how long each failover took. Shared by tests/integration/test_e2e_failover.py
(independent Mosquittos) and tests/interop/cluster.py (a RabbitMQ cluster).

    s = Stream(mqc, pub_hosts, sub_hosts, n=20000, rate=500)
    s.run(triggers=[(5000, stop_pub_node), ...])   # fn(stream) -> what it stopped
    s.summary(); s.failovers -> [Failover]

Clients run with -d: their "connected to HOST:PORT (session present S" lines say
where each one is (include/mqc.h, broker lists).
"""
import os
import re
import subprocess
import threading
import time

import e2e

CONNECTED = re.compile(r"connected to (\S+):(\d+) \(session present (\d)(, session lost)?")
CONNECTING = re.compile(r"connecting to (\S+)")
PACKET = re.compile(r": (sent|received) [A-Z]+ \(")


class Watch:
    """One client's -d log: its connections (time, "host:port", session present,
    session lost), connection attempts, and moves to the next broker."""

    def __init__(self, name):
        self.name = name
        self.conns = []
        self.attempts = 0
        self.tries = []              # (time, "host:port") of each TCP connect
        self.moves = 0
        self.events = []             # (time, line) of every line but packet traces
        self.lock = threading.Lock()

    def line(self, s):
        if not PACKET.search(s):
            with self.lock:
                self.events.append((time.monotonic(), s))
        m = CONNECTING.search(s)
        if m:
            with self.lock:
                self.attempts += 1
                self.tries.append((time.monotonic(), m.group(1)))
        if "trying the next broker" in s:
            with self.lock:
                self.moves += 1
        m = CONNECTED.search(s)
        if m:
            with self.lock:
                self.conns.append((time.monotonic(), f"{m.group(1)}:{m.group(2)}",
                                   int(m.group(3)), bool(m.group(4))))

    def current(self):
        with self.lock:
            return self.conns[-1][1] if self.conns else None

    def first_try_after(self, t):
        with self.lock:
            return next((b for at, b in self.tries if at > t), None)

    def connected_after(self, t):
        with self.lock:
            return [c for c in self.conns if c[0] > t]


class Failover:
    """One broker stopped mid-stream and what followed."""

    def __init__(self, what, at, clients):
        self.what = what             # "host:port" stopped
        self.at = at                 # time.monotonic() when it was stopped
        self.clients = clients       # the Watches connected to it then
        self.reconnected = {}        # name -> (seconds after the stop, "host:port", sp)
        self.first_try = {}          # name -> "host:port" of its first connect after the stop
        self.flow_gap = None         # longest wait for a new message around the stop
        self.first_new_after = None  # first new message after every client moved
        self.stop_took = None        # how long stop() took

    def describe(self):
        moves = ", ".join(f"{n} -> {b} after {s:.2f} s (session present {sp})"
                          for n, (s, b, sp) in sorted(self.reconnected.items()))
        gap = f"{self.flow_gap:.2f} s" if self.flow_gap is not None else "n/a"
        first = (f"{self.first_new_after:.2f} s" if self.first_new_after is not None
                 else "never")
        return (f"stopped {self.what} ({', '.join(c.name for c in self.clients)} on it): "
                f"{moves or 'nobody reconnected'}; new messages again {first} after the "
                f"stop; longest gap between new messages from 1 s before to 10 s after {gap}")


class Stream:
    def __init__(self, mqc, pub_hosts, sub_hosts, n=20000, rate=500, version="311",
                 tag=None, keepalive=5, reconnect=(0.2, 2.0), extra=()):
        tag = tag or f"{os.getpid()}-{int(time.time() * 1000) % 100000}"
        self.n, self.rate = n, rate
        self.topic = f"mqc/failover/{tag}"
        common = ["-q", "1", "-c", "-V", version, "-k", str(keepalive), "-d",
                  "--reconnect-min", str(reconnect[0]), "--reconnect-max", str(reconnect[1])]
        common += list(extra)
        self.pub_argv = [mqc, "pub"] + hosts_args(pub_hosts) + common + [
            "-t", self.topic, "-i", f"fo-pub-{tag}", "-l"]
        self.sub_argv = [mqc, "sub"] + hosts_args(sub_hosts) + common + [
            "-t", self.topic, "-i", f"fo-sub-{tag}"]
        self.precreate_argv = self.sub_argv + ["-E"]
        self.tally = e2e.Tally(n)
        self.arrivals = [0.0] * n    # first arrival time of each message
        self.pubw, self.subw = Watch("pub"), Watch("sub")
        self.failovers = []
        self.pub_rc = self.sub_rc = None
        self.timed_out = False
        self.tails = ""

    def _sub_line(self, s):
        self.tally.line(s)
        try:
            v = int(s)
        except ValueError:
            return
        if 0 <= v < self.n and not self.arrivals[v]:
            self.arrivals[v] = time.monotonic()

    def _feed(self, pipe):
        """n numbered lines at rate per second, in 20 batches a second."""
        batch = max(1, self.rate // 20)
        t0 = time.monotonic()
        try:
            for i in range(0, self.n, batch):
                pipe.write("".join(f"{k}\n" for k in range(i, min(i + batch, self.n))).encode())
                pipe.flush()
                wake = t0 + (i + batch) / self.rate
                time.sleep(max(0.0, wake - time.monotonic()))
            pipe.close()
        except (BrokenPipeError, OSError, ValueError):
            pass

    def stop_broker(self, what, stop):
        """Calls stop() (which stops the broker what = "host:port") and records it."""
        on_it = [w for w in (self.pubw, self.subw) if w.current() == what]
        f = Failover(what, time.monotonic(), on_it)
        stop()
        f.stop_took = time.monotonic() - f.at
        self.failovers.append(f)
        return f

    def precreate(self, timeout=60):
        """The subscriber's persistent session and subscription, before anything is
        published (so nothing published before it subscribed counts as lost)."""
        r = subprocess.run(self.precreate_argv, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        if r.returncode != 0:
            raise RuntimeError(f"precreate: {' '.join(self.precreate_argv)} exit "
                               f"{r.returncode}: {r.stderr.decode(errors='replace')[-500:]}")

    def run(self, triggers=(), timeout=180.0, idle=8.0):
        """triggers: [(k, fn)]: fn(self) once the subscriber has k distinct messages."""
        pending = sorted(triggers, key=lambda t: t[0])
        sub = e2e.Proc(self.sub_argv, "sub", on_stdout=self._sub_line, on_stderr=self.subw.line)
        pub = None
        try:
            deadline = time.monotonic() + 30
            while not self.subw.conns and time.monotonic() < deadline and sub.poll() is None:
                time.sleep(0.05)
            pub = e2e.Proc(self.pub_argv, "pub", stdin=subprocess.PIPE, on_stderr=self.pubw.line)
            threading.Thread(target=self._feed, args=(pub.p.stdin,), daemon=True).start()
            t0 = time.monotonic()
            while True:
                now = time.monotonic()
                while pending and self.tally.distinct >= pending[0][0]:
                    pending.pop(0)[1](self)
                self.pub_rc = pub.poll()
                if self.tally.distinct >= self.n and self.pub_rc is not None:
                    break
                if self.pub_rc is not None and now - max(self.tally.last_time, pub.ended) > idle:
                    break
                if sub.poll() is not None:
                    break
                if now - t0 > timeout:
                    self.timed_out = True
                    break
                time.sleep(0.02)
            time.sleep(1.0)  # late duplicates are counted too
        finally:
            if pub:
                self.pub_rc = pub.poll()
                if self.pub_rc is None:
                    pub.kill()
                    self.pub_rc = "killed"
                pub.wait_output()
            self.sub_rc = sub.kill()  # SIGTERM: a clean exit 0
            self.tails = (pub.tails(30) if pub else "") + "\n" + sub.tails(30)
        for f in self.failovers:
            self._measure(f)

    def _measure(self, f):
        for w in f.clients:
            f.first_try[w.name] = w.first_try_after(f.at)
            after = w.connected_after(f.at)
            if after:
                f.reconnected[w.name] = (after[0][0] - f.at, after[0][1], after[0][2])
        times = sorted(t for t in self.arrivals if t)
        moved = max([f.at] + [f.at + s for s, _, _ in f.reconnected.values()])
        later = [t for t in times if t > moved]
        if later:
            f.first_new_after = later[0] - f.at
        window = [t for t in times if f.at - 1.0 <= t <= f.at + 10.0]
        if window:
            f.flow_gap = max(b - a for a, b in zip([f.at - 1.0] + window, window + [window[-1]]))

    def timeline(self, t0=None):
        """The clients' log lines (not the packet traces), time-stamped, with the stops."""
        ev = [(t, w.name, s) for w in (self.pubw, self.subw) for t, s in w.events]
        ev += [(f.at, "test", f"stopping {f.what}") for f in self.failovers]
        ev.sort()
        t0 = t0 if t0 is not None else (ev[0][0] if ev else 0)
        return "\n".join(f"  {t - t0:8.3f} {who}: {s}" for t, who, s in ev)

    @property
    def lost(self):
        return self.tally.lost()

    def summary(self):
        t = self.tally
        return (f"sent {self.n}, received {t.distinct} distinct ({t.total} total), lost "
                f"{t.lost()}, duplicated {t.dups}, pub rc {self.pub_rc}, sub rc {self.sub_rc}, "
                f"pub connection attempts {self.pubw.attempts}, sub {self.subw.attempts}")


def hosts_args(hosts):
    out = []
    for h in hosts:
        out += ["-h", h]
    return out
