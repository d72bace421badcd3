#!/usr/bin/env python3
"""A fault-injecting TCP proxy for delivery tests (Python 3 standard library only).

Sits between MQTT clients and a broker and, reproducibly from a seed:
  - resets each connection after a random lifetime (uniform in [min, max] s;
    a reset is an SO_LINGER 0 close of both sides, so both see RST),
  - forwards data in random small pieces (down to one byte), optionally with a
    delay between pieces, and adds a fixed latency,
  - blackholes connections: they stay open but nothing is forwarded in either
    direction, so only keep alive can notice; on command (blackhole_all()) or
    with a probability per connection, starting a random time after accept.

In a test (background thread):

    with FaultProxy(("127.0.0.1", broker_port), seed=1, reset=(0.1, 0.5),
                    chunk=(1, 64)) as proxy:
        run_client("127.0.0.1", proxy.port)
        proxy.blackhole_all()
        print(proxy.stats())

As a process:

    python3 faultproxy.py --listen 127.0.0.1:0 --target 127.0.0.1:1883 \
        --seed 1 --reset 0.1:0.5 --chunk 1:64 --delay-ms 0:2

prints the port it listens on as the first line of stdout, then reads commands
from stdin, one per line: "blackhole", "reset", "stats", "quit".

Every connection draws its decisions (lifetime, piece sizes, delays, blackhole)
from its own random.Random(f"{seed}:{index}"), so connection N behaves the same
in every run with the same seed, whatever the timing of the others.
"""
import argparse
import collections
import errno
import random
import selectors
import socket
import struct
import sys
import threading
import time

import qos2audit

_LINGER_RST = struct.pack("ii", 1, 0)
_READ_SIZE = 65536
_QUEUE_LIMIT = 1 << 20        # stop reading a side while this much waits for the other
_HEAD_SNIFF = 1024             # bytes of the client stream kept to find the client id


class _Pipe:
    """One direction of a connection: data read from src waits here for dst."""
    __slots__ = ("src", "dst", "queue", "queued", "eof", "shut", "blocked",
                 "last_release", "name")

    def __init__(self, src, dst, name):
        self.src = src
        self.dst = dst
        self.name = name
        self.queue = collections.deque()   # [release_time, memoryview]
        self.queued = 0
        self.eof = False          # src has sent FIN
        self.shut = False         # dst has been shut down for writing
        self.blocked = False      # last send to dst would block
        self.last_release = 0.0


class _Conn:
    __slots__ = ("id", "client", "upstream", "up", "down", "rng", "accepted",
                 "deadline", "blackhole_at", "blackholed", "connected", "closed",
                 "client_id", "head", "dropped", "client_open", "upstream_open", "audit")

    def __init__(self, cid, client, upstream, rng, now):
        self.id = cid
        self.client = client
        self.upstream = upstream
        self.up = _Pipe(client, upstream, "up")       # client -> broker
        self.down = _Pipe(upstream, client, "down")   # broker -> client
        self.rng = rng
        self.accepted = now
        self.deadline = None
        self.blackhole_at = None
        self.blackholed = False
        self.connected = False
        self.closed = False
        self.client_id = None
        self.head = b""
        self.dropped = 0
        self.client_open = True
        self.upstream_open = True
        self.audit = None      # qos2audit.Stream of the broker's bytes, when audited


def _varint(buf, pos):
    """MQTT variable byte integer at pos: (value, next pos) or None if incomplete."""
    value, mult = 0, 1
    for i in range(4):
        if pos + i >= len(buf):
            return None
        b = buf[pos + i]
        value += (b & 0x7F) * mult
        if not b & 0x80:
            return value, pos + i + 1
        mult *= 128
    raise ValueError("bad varint")


def _ws_client_payload(buf):
    """The MQTT bytes of a WebSocket client stream (HTTP upgrade, then masked
    frames) as far as buf goes; None while the upgrade request is incomplete."""
    end = bytes(buf[:_HEAD_SNIFF]).find(b"\r\n\r\n")
    if end < 0:
        return None
    pos, out = end + 4, bytearray()
    while pos + 2 <= len(buf):
        n, hl = buf[pos + 1] & 0x7F, 2
        if n == 126:
            hl = 4
        elif n == 127:
            hl = 10
        if pos + hl + 4 > len(buf):
            break
        if hl == 4:
            n = struct.unpack_from("!H", buf, pos + 2)[0]
        elif hl == 10:
            n = struct.unpack_from("!Q", buf, pos + 2)[0]
        mask = buf[pos + hl:pos + hl + 4] if buf[pos + 1] & 0x80 else b"\0\0\0\0"
        start = pos + hl + (4 if buf[pos + 1] & 0x80 else 0)
        chunk = buf[start:start + n]
        out += bytes(b ^ mask[i & 3] for i, b in enumerate(chunk))
        if len(chunk) < n:
            break
        pos = start + n
    return out


def connect_client_id(buf):
    """Client identifier of the MQTT CONNECT at the start of buf (also inside
    WebSocket frames after an HTTP upgrade).

    Returns the id (str), None while buf is too short, or "" when buf does not
    start with a CONNECT we understand."""
    if buf[:4] == b"GET ":
        buf = _ws_client_payload(buf)
    try:
        if not buf:
            return None
        if buf[0] != 0x10:
            return ""
        r = _varint(buf, 1)
        if r is None:
            return None
        _, pos = r
        if pos + 2 > len(buf):
            return None
        plen = struct.unpack_from("!H", buf, pos)[0]
        pos += 2 + plen
        if pos + 4 > len(buf):
            return None
        level = buf[pos]
        pos += 4                                   # level, flags, keep alive
        if level == 5:
            r = _varint(buf, pos)
            if r is None:
                return None
            plen, pos = r
            pos += plen
        if pos + 2 > len(buf):
            return None
        idlen = struct.unpack_from("!H", buf, pos)[0]
        pos += 2
        if pos + idlen > len(buf):
            return None
        return bytes(buf[pos:pos + idlen]).decode("utf-8", "replace")
    except (ValueError, struct.error):
        return ""


def connect_level(buf):
    """Protocol level byte of the CONNECT at the start of buf (4 = 3.1.1, 5 = 5.0), or 0."""
    try:
        r = _varint(buf, 1)
        pos = r[1]
        plen = struct.unpack_from("!H", buf, pos)[0]
        return buf[pos + 2 + plen]
    except (TypeError, ValueError, struct.error, IndexError):
        return 0


def _range(v):
    if v is None:
        return None
    lo, hi = v
    if lo > hi:
        raise ValueError(f"bad range {v}")
    return (float(lo), float(hi))


class FaultProxy:
    """The proxy. Fault settings apply to connections accepted after they are set."""

    def __init__(self, target, listen=("127.0.0.1", 0), seed=0, reset=None,
                 chunk=None, delay_ms=None, delay_prob=1.0, latency_ms=0.0,
                 blackhole_prob=0.0, blackhole_after=(0.5, 2.0), blackhole_hold=120.0,
                 audit_qos2=False):
        self.target = target
        # qos2audit.Audit of every broker-to-client stream (plain MQTT only).
        self.audit = qos2audit.Audit() if audit_qos2 else None
        self.seed = seed
        self.reset = _range(reset)                 # seconds (min, max) or None
        self.chunk = None if chunk is None else (int(chunk[0]), int(chunk[1]))
        if self.chunk and (self.chunk[0] < 1 or self.chunk[0] > self.chunk[1]):
            raise ValueError(f"bad chunk range {chunk}")
        self.delay_ms = _range(delay_ms)
        self.delay_prob = float(delay_prob)
        self.latency_ms = float(latency_ms)
        self.blackhole_prob = float(blackhole_prob)
        self.blackhole_after = _range(blackhole_after)
        self.blackhole_hold = float(blackhole_hold)

        self.connections = 0          # accepted
        self.resets = 0               # lifetimes that ran out (proxy-made RSTs)
        self.blackholes = 0           # connections blackholed
        self.connect_failures = 0     # broker did not take the connection
        self.aborts = 0               # an end failed (RST, EPIPE), the other got RST
        self.bytes_up = 0             # client -> broker, forwarded
        self.bytes_down = 0           # broker -> client, forwarded
        self.bytes_dropped = 0        # swallowed by blackholes
        self.events = []              # (monotonic time, kind, conn id, client id)
        self.plans = []               # (conn id, lifetime s or None, blackhole after s or None)

        self._sel = selectors.DefaultSelector()
        self._lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._lsock.bind(listen)
        self._lsock.listen(128)
        self._lsock.setblocking(False)
        self.host, self.port = self._lsock.getsockname()[:2]
        self._sel.register(self._lsock, selectors.EVENT_READ, None)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._cmds = collections.deque()
        self._conns = {}
        self._next_id = 0
        self._running = False
        self._thread = None
        self._lock = threading.Lock()

    # ----- control (any thread) -----

    def start(self):
        self._running = True
        self._thread = threading.Thread(target=self.run, name="faultproxy", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._command(("stop",))
        if self._thread:
            self._thread.join(10)
            self._thread = None

    def blackhole_all(self):
        """Blackhole every open connection now (new ones are left alone)."""
        self._command(("blackhole",))

    def reset_all(self):
        """Reset every open connection now."""
        self._command(("reset",))

    def set_faults(self, **kw):
        """Change fault settings for connections accepted from now on."""
        self._command(("set", kw))

    def stats(self):
        return {"connections": self.connections, "resets": self.resets,
                "blackholes": self.blackholes, "connect_failures": self.connect_failures,
                "aborts": self.aborts, "bytes_up": self.bytes_up,
                "bytes_down": self.bytes_down, "bytes_dropped": self.bytes_dropped,
                "open": len(self._conns)}

    def events_since(self, t, kind=None):
        with self._lock:
            return [e for e in self.events if e[0] >= t and (kind is None or e[1] == kind)]

    def _command(self, cmd):
        self._cmds.append(cmd)
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ----- event loop (proxy thread) -----

    def run(self):
        self._running = True
        try:
            while self._running:
                now = time.monotonic()
                timeout = self._timers(now)
                for key, mask in self._sel.select(timeout):
                    data = key.data
                    if data is None:
                        self._accept()
                    elif data == "wake":
                        self._drain_wake()
                    else:
                        conn, side = data
                        if not conn.closed:
                            self._io(conn, side, mask)
                self._run_commands()
        finally:
            for c in list(self._conns.values()):
                self._close(c, rst=True)
            self._sel.unregister(self._lsock)
            self._lsock.close()
            self._wake_r.close()
            self._wake_w.close()
            self._sel.close()

    def _event(self, kind, c):
        with self._lock:
            self.events.append((time.monotonic(), kind, c.id, c.client_id))

    def _drain_wake(self):
        try:
            while self._wake_r.recv(4096):
                pass
        except BlockingIOError:
            pass

    def _run_commands(self):
        while self._cmds:
            cmd = self._cmds.popleft()
            if cmd[0] == "stop":
                self._running = False
            elif cmd[0] == "blackhole":
                for c in list(self._conns.values()):
                    if not c.blackholed:
                        self._blackhole(c)
            elif cmd[0] == "reset":
                for c in list(self._conns.values()):
                    self._reset(c)
            elif cmd[0] == "set":
                for k, v in cmd[1].items():
                    if k in ("reset", "delay_ms", "blackhole_after"):
                        v = _range(v)
                    elif k == "chunk" and v is not None:
                        v = (int(v[0]), int(v[1]))
                    if not hasattr(self, k) or k.startswith("_"):
                        raise AttributeError(k)
                    setattr(self, k, v)

    def _timers(self, now):
        """Fire due timers and flush due pieces; return the select timeout."""
        nxt = now + 1.0
        for c in list(self._conns.values()):
            if c.closed:
                continue
            if c.deadline is not None and now >= c.deadline:
                if c.blackholed:
                    self._event("hold_expired", c)
                    self._close(c, rst=True)
                else:
                    self._reset(c)
                continue
            if c.blackhole_at is not None and now >= c.blackhole_at:
                self._blackhole(c)
            if c.deadline is not None:
                nxt = min(nxt, c.deadline)
            if c.blackhole_at is not None:
                nxt = min(nxt, c.blackhole_at)
            if not c.blackholed and c.connected:
                for p in (c.up, c.down):
                    if p.queue and not p.blocked:
                        if p.queue[0][0] <= now:
                            self._flush(c, p, now)
                            if c.closed:
                                break
                        if p.queue and not p.blocked:
                            nxt = min(nxt, p.queue[0][0])
        return max(0.0, nxt - time.monotonic())

    def _accept(self):
        while True:
            try:
                client, _ = self._lsock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            now = time.monotonic()
            cid = self._next_id
            self._next_id += 1
            self.connections += 1
            rng = random.Random(f"{self.seed}:{cid}")
            client.setblocking(False)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            upstream.setblocking(False)
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            c = _Conn(cid, client, upstream, rng, now)
            # Draw in a fixed order so a connection's faults depend on the seed only.
            lifetime = rng.uniform(*self.reset) if self.reset else None
            bh = rng.random() < self.blackhole_prob
            bh_after = rng.uniform(*self.blackhole_after) if self.blackhole_after else 0.0
            self.plans.append((cid, lifetime, bh_after if bh else None))
            if lifetime is not None:
                c.deadline = now + lifetime
            if bh:
                c.blackhole_at = now + bh_after
            self._conns[cid] = c
            self._event("accept", c)
            err = upstream.connect_ex(self.target)
            if err not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
                self._connect_failed(c)
                continue
            self._sel.register(upstream, selectors.EVENT_WRITE, (c, "upstream"))
            self._sel.register(client, selectors.EVENT_READ, (c, "client"))
            # Reading the client before the broker is there would only queue data;
            # that is fine and keeps the client's CONNECT for the client id.

    def _connect_failed(self, c):
        self.connect_failures += 1
        self._event("connect_fail", c)
        self._close(c, rst=True)

    def _io(self, c, side, mask):
        if side == "upstream" and not c.connected:
            err = c.upstream.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                self._connect_failed(c)
                return
            c.connected = True
            self._event("connected", c)
            self._interest(c)
            now = time.monotonic()
            self._flush(c, c.up, now)
            return
        if mask & selectors.EVENT_READ:
            self._read(c, c.up if side == "client" else c.down)
            if c.closed:
                return
        if mask & selectors.EVENT_WRITE:
            p = c.down if side == "client" else c.up
            p.blocked = False
            self._flush(c, p, time.monotonic())
            if c.closed:
                return
        self._interest(c)

    def _read(self, c, p):
        try:
            data = p.src.recv(_READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._abort(c, p.src)
            return
        if c.blackholed:
            if not data:
                self._blackhole_eof(c, p)
            else:
                c.dropped += len(data)
                self.bytes_dropped += len(data)
            return
        if not data:
            p.eof = True
            self._event("eof_client" if p is c.up else "eof_broker", c)
            self._flush(c, p, time.monotonic())
            if not c.closed:
                self._interest(c)
            return
        if p is c.up and c.client_id is None:
            c.head += data[:_HEAD_SNIFF]
            cid = connect_client_id(c.head)
            if cid is not None or len(c.head) >= _HEAD_SNIFF:
                c.client_id = cid or ""
                if self.audit and cid and c.head[0] == 0x10:  # plain MQTT
                    c.audit = self.audit.stream(cid, connect_level(c.head))
                c.head = b""
                self._event("client_id", c)
        elif p is c.down and c.audit:
            c.audit.feed(data)
        now = time.monotonic()
        self._enqueue(c, p, data, now)
        self._flush(c, p, now)

    def _enqueue(self, c, p, data, now):
        mv = memoryview(data)
        base = now + self.latency_ms / 1000.0
        n = len(mv)
        p.queued += n
        if self.chunk is None and self.delay_ms is None:
            rel = max(base, p.last_release)
            p.queue.append([rel, mv])
            p.last_release = rel
            return
        rng = c.rng
        lo, hi = self.chunk if self.chunk else (n, n)
        dly = self.delay_ms
        prob = self.delay_prob
        pos = 0
        last = p.last_release
        while pos < n:
            size = rng.randint(lo, hi) if lo != hi else lo
            piece = mv[pos:pos + size]
            pos += size
            rel = base
            if dly is not None and (prob >= 1.0 or rng.random() < prob):
                rel = max(base, last + rng.uniform(*dly) / 1000.0)
            elif last > rel:
                rel = last
            p.queue.append([rel, piece])
            last = rel
        p.last_release = last

    def _flush(self, c, p, now):
        if not c.connected or c.blackholed:
            return
        q = p.queue
        dst = p.dst
        sent_total = 0
        while q:
            head = q[0]
            if head[0] > now:
                break
            data = head[1]
            try:
                n = dst.send(data)
            except (BlockingIOError, InterruptedError):
                p.blocked = True
                break
            except OSError:
                self._account(p, sent_total)
                self._abort(c, dst)
                return
            sent_total += n
            if n < len(data):
                head[1] = data[n:]
                p.blocked = True
                break
            q.popleft()
        self._account(p, sent_total)
        if not q and p.eof and not p.shut:
            p.shut = True
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        if c.up.shut and c.down.shut:
            self._event("close", c)
            self._close(c, rst=False)

    def _account(self, p, n):
        if n:
            p.queued -= n
            if p.name == "up":
                self.bytes_up += n
            else:
                self.bytes_down += n

    def _interest(self, c):
        if c.closed:
            return
        for sock, rp, wp, is_open in ((c.client, c.up, c.down, c.client_open),
                                      (c.upstream, c.down, c.up, c.upstream_open)):
            if not is_open:
                continue
            if sock is c.upstream and not c.connected:
                continue
            ev = 0
            if c.blackholed:
                ev = selectors.EVENT_READ
            else:
                if not rp.eof and rp.queued < _QUEUE_LIMIT:
                    ev |= selectors.EVENT_READ
                if wp.blocked:
                    ev |= selectors.EVENT_WRITE
            data = (c, "client" if sock is c.client else "upstream")
            try:
                key = self._sel.get_key(sock)
            except KeyError:
                key = None
            # selectors refuses an empty mask: a socket with nothing to wait
            # for is unregistered and registered again when that changes.
            if key is None:
                if ev:
                    self._sel.register(sock, ev, data)
            elif not ev:
                self._sel.unregister(sock)
            elif key.events != ev:
                self._sel.modify(sock, ev, data)

    def _blackhole(self, c):
        if c.closed or c.blackholed:
            return
        c.blackholed = True
        c.blackhole_at = None
        c.deadline = time.monotonic() + self.blackhole_hold
        self.blackholes += 1
        for p in (c.up, c.down):
            c.dropped += p.queued
            self.bytes_dropped += p.queued
            p.queue.clear()
            p.queued = 0
            p.blocked = False
        self._event("blackhole", c)
        self._interest(c)

    def _blackhole_eof(self, c, p):
        """An end of a blackholed connection went away."""
        if p is c.up:
            # The client gave up (keep alive worked): drop the broker side too.
            self._event("blackhole_client_closed", c)
            self._close(c, rst=True)
        else:
            # The broker gave up; the client must still find out by itself.
            self._event("blackhole_broker_closed", c)
            self._close_sock(c, c.upstream, rst=True)
            c.upstream_open = False

    def _reset(self, c):
        if c.closed:
            return
        self.resets += 1
        self._event("reset", c)
        self._close(c, rst=True)

    def _abort(self, c, failed):
        """One end failed: tell the other end with a RST."""
        if c.closed:
            return
        if c.blackholed and failed is c.upstream:
            self._event("blackhole_broker_closed", c)
            self._close_sock(c, c.upstream, rst=True)
            c.upstream_open = False
            return
        self.aborts += 1
        self._event("abort_client" if failed is c.client else "abort_broker", c)
        self._close(c, rst=True)

    def _close_sock(self, c, sock, rst):
        try:
            self._sel.unregister(sock)
        except (KeyError, ValueError):
            pass
        if rst:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RST)
            except OSError:
                pass
        try:
            sock.close()
        except OSError:
            pass

    def _close(self, c, rst):
        if c.closed:
            return
        c.closed = True
        if c.client_open:
            self._close_sock(c, c.client, rst)
        if c.upstream_open:
            self._close_sock(c, c.upstream, rst)
        c.client_open = c.upstream_open = False
        self._conns.pop(c.id, None)


def _pair(s, conv=float):
    lo, _, hi = s.partition(":")
    return (conv(lo), conv(hi or lo))


def _hostport(s):
    host, _, port = s.rpartition(":")
    return (host or "127.0.0.1", int(port))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--listen", default="127.0.0.1:0", type=_hostport)
    ap.add_argument("--target", required=True, type=_hostport)
    ap.add_argument("--seed", default=0)
    ap.add_argument("--reset", type=_pair, help="MIN:MAX seconds of connection lifetime")
    ap.add_argument("--chunk", type=lambda s: _pair(s, int), help="MIN:MAX bytes per piece")
    ap.add_argument("--delay-ms", type=_pair, help="MIN:MAX ms between pieces")
    ap.add_argument("--delay-prob", type=float, default=1.0,
                    help="probability that a piece waits --delay-ms (default 1)")
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--blackhole-prob", type=float, default=0.0)
    ap.add_argument("--blackhole-after", type=_pair, default=(0.5, 2.0),
                    help="MIN:MAX seconds after accept that a blackhole starts")
    ap.add_argument("--stats", type=float, default=0.0,
                    help="print counters to stderr every N seconds")
    a = ap.parse_args(argv)
    proxy = FaultProxy(a.target, listen=a.listen, seed=a.seed, reset=a.reset,
                       chunk=a.chunk, delay_ms=a.delay_ms, delay_prob=a.delay_prob,
                       latency_ms=a.latency_ms, blackhole_prob=a.blackhole_prob,
                       blackhole_after=a.blackhole_after)
    proxy.start()
    print(proxy.port, flush=True)
    if a.stats > 0:
        def ticker():
            while True:
                time.sleep(a.stats)
                print("stats", proxy.stats(), file=sys.stderr, flush=True)
        threading.Thread(target=ticker, daemon=True).start()
    try:
        for line in sys.stdin:
            cmd = line.strip()
            if cmd == "blackhole":
                proxy.blackhole_all()
            elif cmd == "reset":
                proxy.reset_all()
            elif cmd == "stats":
                print(proxy.stats(), flush=True)
            elif cmd == "quit":
                break
            elif cmd:
                print(f"unknown command {cmd!r}", file=sys.stderr, flush=True)
        else:
            # stdin closed: keep serving until killed
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop()
        print("stats", proxy.stats(), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
