"""A scripted fake MQTT broker for tests (Python 3 standard library only).

It does what a real broker will not do on demand: drop a connection at an exact
point, answer with session present 1, resend a PUBLISH as a duplicate, stop
answering PINGREQ, send malformed bytes. Each accepted connection runs its own
script; every packet the client sends is decoded (MQTT 3.1.1 and 5.0, protocol
level taken from CONNECT) and recorded with a timestamp.

    def first(c):                      # a script: one function per connection
        c.expect(CONNECT)
        c.send(connack())
        p = c.expect(PUBLISH, qos=1, dup=False)
        c.close()                       # abrupt: no DISCONNECT, no PUBACK

    with FakeBroker([first, second]) as b:
        run the client against 127.0.0.1:b.port
        b.wait_scripts(10)
        b.check()                       # AssertionError listing every failure

A script may also be a list of steps: [Expect(CONNECT), Send(connack()), Close()].
Every wait has a timeout; a failed expectation is recorded with the connection
number and a readable message, ends that script, and makes check() fail.

The lower half runs scenarios (tests/integration/test_fake_*.py): Client runs
`mqc pub|sub` with bounded waits, run_scenario() ties broker and client together,
Suite/run_cases print one line per case and `N passed, M failed` last.
Environment: MQC (the CLI; default $MQC_BUILD/mqc), FAKE_ONLY=substring (run only
matching cases), FAKEBROKER_VERBOSE=1 (live transcript on stderr),
MQC_STANDIN=mosquitto (run the scenarios with mosquitto_pub/_sub instead, to check
the scripts themselves; mqc-only options are dropped, --max-inflight becomes -M).
"""
import os
import select
import socket
import struct
import subprocess
import sys
import threading
import time
import queue

# Packet types.
CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP = 1, 2, 3, 4, 5, 6, 7
SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP = 8, 9, 10, 11, 12, 13
DISCONNECT, AUTH = 14, 15
NAMES = {0: "RESERVED0", 1: "CONNECT", 2: "CONNACK", 3: "PUBLISH", 4: "PUBACK",
         5: "PUBREC", 6: "PUBREL", 7: "PUBCOMP", 8: "SUBSCRIBE", 9: "SUBACK",
         10: "UNSUBSCRIBE", 11: "UNSUBACK", 12: "PINGREQ", 13: "PINGRESP",
         14: "DISCONNECT", 15: "AUTH"}

V31, V311, V5 = 3, 4, 5          # protocol levels as carried in CONNECT

DEFAULT_TIMEOUT = 5.0

# MQTT 5.0 properties: id -> (name, kind).
PROPS = {
    0x01: ("payload_format_indicator", "byte"),
    0x02: ("message_expiry_interval", "u32"),
    0x03: ("content_type", "str"),
    0x08: ("response_topic", "str"),
    0x09: ("correlation_data", "bin"),
    0x0B: ("subscription_identifier", "varint"),
    0x11: ("session_expiry_interval", "u32"),
    0x12: ("assigned_client_identifier", "str"),
    0x13: ("server_keep_alive", "u16"),
    0x15: ("authentication_method", "str"),
    0x16: ("authentication_data", "bin"),
    0x17: ("request_problem_information", "byte"),
    0x18: ("will_delay_interval", "u32"),
    0x19: ("request_response_information", "byte"),
    0x1A: ("response_information", "str"),
    0x1C: ("server_reference", "str"),
    0x1F: ("reason_string", "str"),
    0x21: ("receive_maximum", "u16"),
    0x22: ("topic_alias_maximum", "u16"),
    0x23: ("topic_alias", "u16"),
    0x24: ("maximum_qos", "byte"),
    0x25: ("retain_available", "byte"),
    0x26: ("user_property", "pair"),
    0x27: ("maximum_packet_size", "u32"),
    0x28: ("wildcard_subscription_available", "byte"),
    0x29: ("subscription_identifier_available", "byte"),
    0x2A: ("shared_subscription_available", "byte"),
}
PROP_IDS = {name: (pid, kind) for pid, (name, kind) in PROPS.items()}
REPEATABLE = {"user_property", "subscription_identifier"}


class Malformed(Exception):
    """Bytes that are not a well-formed MQTT packet."""


class ScriptFailure(Exception):
    """A script's expectation was not met; ends that connection's script."""


# ---------------------------------------------------------------- encoding

def enc_varint(n):
    if n < 0 or n > 268435455:
        raise ValueError(f"variable byte integer out of range: {n}")
    out = bytearray()
    while True:
        b = n % 128
        n //= 128
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def enc_str(s):
    b = s.encode("utf-8") if isinstance(s, str) else bytes(s)  # bytes: raw, may be invalid
    return struct.pack(">H", len(b)) + b


def enc_bin(b):
    b = b.encode() if isinstance(b, str) else bytes(b)
    return struct.pack(">H", len(b)) + b


def enc_props(props):
    """props: dict name -> value (lists for user_property / subscription_identifier)."""
    body = bytearray()
    for name, value in (props or {}).items():
        pid, kind = PROP_IDS[name]
        values = value if name in REPEATABLE and isinstance(value, list) else [value]
        for v in values:
            body += enc_varint(pid)
            if kind == "byte":
                body.append(v)
            elif kind == "u16":
                body += struct.pack(">H", v)
            elif kind == "u32":
                body += struct.pack(">I", v)
            elif kind == "varint":
                body += enc_varint(v)
            elif kind == "str":
                body += enc_str(v)
            elif kind == "bin":
                body += enc_bin(v)
            elif kind == "pair":
                body += enc_str(v[0]) + enc_str(v[1])
    return enc_varint(len(body)) + bytes(body)


def frame(first_byte, body):
    return bytes([first_byte]) + enc_varint(len(body)) + bytes(body)


def as_bytes(payload):
    return payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)


class Out:
    """A packet to send; encoded for the connection's protocol level at send time."""

    def __init__(self, desc, build):
        self.desc = desc
        self._build = build

    def encode(self, version=V311):
        return self._build(version)

    def __repr__(self):
        return self.desc


def raw(data, desc=None):
    """Bytes sent as they are (malformed input, split packets...)."""
    data = bytes(data)
    return Out(desc or f"raw({data[:16].hex()}{'...' if len(data) > 16 else ''})",
               lambda v: data)


def connack(session_present=0, rc=0, props=None):
    def build(v):
        body = bytes([1 if session_present else 0, rc])
        if v == V5:
            body += enc_props(props)
        return frame(0x20, body)
    return Out(f"CONNACK(sp={int(bool(session_present))} rc=0x{rc:02x}"
               f"{' ' + str(props) if props else ''})", build)


def publish(topic, payload=b"", qos=0, id=None, dup=False, retain=False, props=None):
    if qos and not id:
        raise ValueError("QoS>0 PUBLISH needs a packet identifier")

    def build(v):
        body = enc_str(topic)
        if qos:
            body += struct.pack(">H", id)
        if v == V5:
            body += enc_props(props)
        body += as_bytes(payload)
        return frame(0x30 | (0x08 if dup else 0) | (qos << 1) | (1 if retain else 0), body)
    return Out(f"PUBLISH(q{qos}{' dup' if dup else ''}{' retain' if retain else ''}"
               f"{f' id={id}' if qos else ''} topic={topic!r} payload={as_bytes(payload)[:32]!r})",
               build)


def _ack(name, first_byte, id, reason=None, props=None):
    def build(v):
        body = struct.pack(">H", id)
        if v == V5 and (reason not in (None, 0) or props):
            body += bytes([reason or 0])
            if props:
                body += enc_props(props)
        return frame(first_byte, body)
    extra = f" reason=0x{reason:02x}" if reason is not None else ""
    return Out(f"{name}(id={id}{extra})", build)


def puback(id, reason=None, props=None):
    return _ack("PUBACK", 0x40, id, reason, props)


def pubrec(id, reason=None, props=None):
    return _ack("PUBREC", 0x50, id, reason, props)


def pubrel(id, reason=None, props=None):
    return _ack("PUBREL", 0x62, id, reason, props)


def pubcomp(id, reason=None, props=None):
    return _ack("PUBCOMP", 0x70, id, reason, props)


def suback(id, codes, props=None):
    codes = list(codes)

    def build(v):
        body = struct.pack(">H", id)
        if v == V5:
            body += enc_props(props)
        return frame(0x90, body + bytes(codes))
    return Out(f"SUBACK(id={id} codes={[hex(c) for c in codes]})", build)


def unsuback(id, codes=None, props=None):
    def build(v):
        body = struct.pack(">H", id)
        if v == V5:
            body += enc_props(props) + bytes(codes or [0])
        return frame(0xB0, body)
    return Out(f"UNSUBACK(id={id})", build)


def pingresp():
    return Out("PINGRESP", lambda v: b"\xd0\x00")


def disconnect(reason=0, props=None):
    def build(v):
        if v != V5:
            return b"\xe0\x00"
        return frame(0xE0, bytes([reason]) + enc_props(props))
    return Out(f"DISCONNECT(reason=0x{reason:02x})", build)


def auth(reason=0, props=None):
    return Out(f"AUTH(reason=0x{reason:02x})",
               lambda v: frame(0xF0, bytes([reason]) + enc_props(props)))


# Client-side packets: used by the self-test and by tests that drive the broker directly.

def connect(client_id="", version=V311, clean=True, keepalive=60, props=None,
            username=None, password=None, will=None):
    """will: dict(topic=, payload=, qos=0, retain=False, props=None)."""
    def build(_v):
        flags = (0x02 if clean else 0)
        if will:
            flags |= 0x04 | (will.get("qos", 0) << 3) | (0x20 if will.get("retain") else 0)
        if password is not None:
            flags |= 0x40
        if username is not None:
            flags |= 0x80
        name = "MQIsdp" if version == V31 else "MQTT"
        body = enc_str(name) + bytes([version, flags]) + struct.pack(">H", keepalive)
        if version == V5:
            body += enc_props(props)
        body += enc_str(client_id)
        if will:
            if version == V5:
                body += enc_props(will.get("props"))
            body += enc_str(will["topic"]) + enc_bin(as_bytes(will.get("payload", b"")))
        if username is not None:
            body += enc_str(username)
        if password is not None:
            body += enc_bin(as_bytes(password))
        return frame(0x10, body)
    return Out(f"CONNECT(v{version} id={client_id!r} clean={int(clean)} ka={keepalive})", build)


def subscribe(id, subs, props=None):
    """subs: list of (filter, options byte)."""
    def build(v):
        body = struct.pack(">H", id)
        if v == V5:
            body += enc_props(props)
        for f, o in subs:
            body += enc_str(f) + bytes([o])
        return frame(0x82, body)
    return Out(f"SUBSCRIBE(id={id} {subs})", build)


def unsubscribe(id, filters, props=None):
    def build(v):
        body = struct.pack(">H", id)
        if v == V5:
            body += enc_props(props)
        for f in filters:
            body += enc_str(f)
        return frame(0xA2, body)
    return Out(f"UNSUBSCRIBE(id={id} {filters})", build)


def pingreq():
    return Out("PINGREQ", lambda v: b"\xc0\x00")


# ---------------------------------------------------------------- decoding

class Reader:
    """Bounds-checked cursor over one packet body."""

    def __init__(self, data):
        self.data = bytes(data)
        self.pos = 0

    def left(self):
        return len(self.data) - self.pos

    def take(self, n, what):
        if n > self.left():
            raise Malformed(f"{what}: needs {n} bytes, {self.left()} left")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def u8(self, what="byte"):
        return self.take(1, what)[0]

    def u16(self, what="two-byte integer"):
        return struct.unpack(">H", self.take(2, what))[0]

    def u32(self, what="four-byte integer"):
        return struct.unpack(">I", self.take(4, what))[0]

    def varint(self, what="variable byte integer"):
        value, mult = 0, 1
        for i in range(4):
            b = self.u8(what)
            value += (b & 0x7F) * mult
            if not b & 0x80:
                return value
            mult *= 128
        raise Malformed(f"{what}: longer than 4 bytes")

    def binary(self, what="binary data"):
        return self.take(self.u16(what + " length"), what)

    def string(self, what="UTF-8 string"):
        b = self.binary(what)
        try:
            s = b.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Malformed(f"{what}: invalid UTF-8 {b!r} ({e.reason})")
        if "\x00" in s:
            raise Malformed(f"{what}: contains U+0000")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in s):
            raise Malformed(f"{what}: contains a surrogate")
        return s

    def props(self, what="properties"):
        n = self.varint(what + " length")
        sub = Reader(self.take(n, what))
        out = {}
        while sub.left():
            pid = sub.varint("property identifier")
            if pid not in PROPS:
                raise Malformed(f"{what}: unknown property identifier 0x{pid:02x}")
            name, kind = PROPS[pid]
            if kind == "byte":
                v = sub.u8(name)
            elif kind == "u16":
                v = sub.u16(name)
            elif kind == "u32":
                v = sub.u32(name)
            elif kind == "varint":
                v = sub.varint(name)
            elif kind == "str":
                v = sub.string(name)
            elif kind == "bin":
                v = sub.binary(name)
            else:
                v = (sub.string(name + " key"), sub.string(name + " value"))
            if name in REPEATABLE:
                out.setdefault(name, []).append(v)
            elif name in out:
                raise Malformed(f"{what}: property {name} appears twice")
            else:
                out[name] = v
        return out


class Packet:
    """One decoded packet. Fields that do not apply are None."""

    def __init__(self, ptype, flags, raw_bytes):
        self.type = ptype
        self.name = NAMES[ptype]
        self.flags = flags
        self.raw = raw_bytes
        self.t = time.monotonic()
        self.dup = self.qos = self.retain = None
        self.id = self.topic = self.payload = self.reason = None
        self.reasons = None          # SUBACK / UNSUBACK codes
        self.props = {}
        self.subs = None             # SUBSCRIBE: [(filter, options)], UNSUBSCRIBE: [filter]
        self.session_present = None  # CONNACK
        # CONNECT
        self.proto_name = self.version = self.clean = self.keepalive = None
        self.client_id = self.will = self.username = self.password = None

    def __repr__(self):
        parts = [self.name]
        if self.type == PUBLISH:
            parts.append(f"q{self.qos}" + (" dup" if self.dup else "") + (" retain" if self.retain else ""))
        if self.id is not None:
            parts.append(f"id={self.id}")
        if self.topic is not None:
            parts.append(f"topic={self.topic!r}")
        if self.payload is not None and self.type == PUBLISH:
            parts.append(f"payload={self.payload[:32]!r}")
        if self.reason is not None:
            parts.append(f"reason=0x{self.reason:02x}")
        if self.reasons is not None:
            parts.append(f"codes={[hex(c) for c in self.reasons]}")
        if self.type == CONNECT:
            parts.append(f"v{self.version} id={self.client_id!r} clean={int(self.clean)} ka={self.keepalive}")
        if self.type == CONNACK:
            parts.append(f"sp={self.session_present}")
        if self.subs is not None:
            parts.append(f"{self.subs}")
        if self.props:
            parts.append(f"props={self.props}")
        return "<" + " ".join(parts) + ">"


def split_packet(buf):
    """(packet length, remaining length) of the first complete packet in buf, or None.
    Raises Malformed for a remaining length longer than 4 bytes."""
    value, mult = 0, 1
    for i in range(1, 5):
        if i >= len(buf):
            return None
        b = buf[i]
        value += (b & 0x7F) * mult
        if not b & 0x80:
            total = 1 + i + value
            return (total, value) if len(buf) >= total else None
        mult *= 128
    raise Malformed("remaining length longer than 4 bytes")


FIXED_FLAGS = {CONNECT: 0, CONNACK: 0, PUBACK: 0, PUBREC: 0, PUBREL: 2, PUBCOMP: 0,
               SUBSCRIBE: 2, SUBACK: 0, UNSUBSCRIBE: 2, UNSUBACK: 0, PINGREQ: 0,
               PINGRESP: 0, DISCONNECT: 0, AUTH: 0}


def decode(data, version=V311):
    """Decode one complete packet (fixed header included). Strict: raises Malformed.
    version is the connection's protocol level; a CONNECT carries its own."""
    data = bytes(data)
    if not data:
        raise Malformed("empty")
    ptype, flags = data[0] >> 4, data[0] & 0x0F
    if ptype == 0:
        raise Malformed("packet type 0 is reserved")
    if ptype == AUTH and version != V5:
        raise Malformed("AUTH in a 3.1.1 connection")
    sizes = split_packet(data)
    if sizes is None or sizes[0] != len(data):
        raise Malformed(f"length mismatch: header says {sizes}, have {len(data)} bytes")
    p = Packet(ptype, flags, data)
    body = Reader(data[len(data) - sizes[1]:])
    if ptype != PUBLISH and flags != FIXED_FLAGS[ptype]:
        raise Malformed(f"{NAMES[ptype]}: fixed header flags {flags:04b}, must be {FIXED_FLAGS[ptype]:04b}")
    v5 = version == V5
    if ptype == CONNECT:
        p.proto_name = body.string("protocol name")
        p.version = body.u8("protocol level")
        if (p.proto_name, p.version) not in (("MQTT", V311), ("MQTT", V5), ("MQIsdp", V31)):
            raise Malformed(f"CONNECT: protocol {p.proto_name!r} level {p.version}")
        v5 = p.version == V5
        cf = body.u8("connect flags")
        if cf & 1:
            raise Malformed("CONNECT: reserved flag set")
        p.clean = bool(cf & 0x02)
        p.keepalive = body.u16("keep alive")
        if v5:
            p.props = body.props()
        p.client_id = body.string("client identifier")
        if cf & 0x04:
            will = {"qos": (cf >> 3) & 3, "retain": bool(cf & 0x20)}
            if will["qos"] == 3:
                raise Malformed("CONNECT: will QoS 3")
            if v5:
                will["props"] = body.props("will properties")
            will["topic"] = body.string("will topic")
            will["payload"] = body.binary("will payload")
            p.will = will
        elif cf & 0x38:
            raise Malformed("CONNECT: will QoS/retain without will flag")
        if cf & 0x80:
            p.username = body.string("user name")
        if cf & 0x40:
            p.password = body.binary("password")
    elif ptype == CONNACK:
        ack_flags = body.u8("connect acknowledge flags")
        if ack_flags & 0xFE:
            raise Malformed(f"CONNACK: reserved flags {ack_flags:08b}")
        p.session_present = ack_flags & 1
        p.reason = body.u8("return code")
        if v5:
            p.props = body.props()
    elif ptype == PUBLISH:
        p.dup, p.qos, p.retain = bool(flags & 8), (flags >> 1) & 3, bool(flags & 1)
        if p.qos == 3:
            raise Malformed("PUBLISH: QoS 3")
        if p.qos == 0 and p.dup:
            raise Malformed("PUBLISH: DUP set on QoS 0")
        p.topic = body.string("topic name")
        if p.qos:
            p.id = body.u16("packet identifier")
            if p.id == 0:
                raise Malformed("PUBLISH: packet identifier 0")
        if v5:
            p.props = body.props()
        p.payload = body.take(body.left(), "payload")
    elif ptype in (PUBACK, PUBREC, PUBREL, PUBCOMP):
        p.id = body.u16("packet identifier")
        if p.id == 0:
            raise Malformed(f"{p.name}: packet identifier 0")
        if v5:
            p.reason = body.u8("reason code") if body.left() else 0
            if body.left():
                p.props = body.props()
    elif ptype in (SUBSCRIBE, UNSUBSCRIBE):
        p.id = body.u16("packet identifier")
        if p.id == 0:
            raise Malformed(f"{p.name}: packet identifier 0")
        if v5:
            p.props = body.props()
        p.subs = []
        while body.left():
            f = body.string("topic filter")
            if ptype == SUBSCRIBE:
                o = body.u8("subscription options")
                if (o & 3) == 3 or (o & (0xC0 if v5 else 0xFC)):
                    raise Malformed(f"SUBSCRIBE: bad options 0x{o:02x}")
                p.subs.append((f, o))
            else:
                p.subs.append(f)
        if not p.subs:
            raise Malformed(f"{p.name}: no topic filter")
    elif ptype in (SUBACK, UNSUBACK):
        p.id = body.u16("packet identifier")
        if v5:
            p.props = body.props()
        if ptype == SUBACK or v5:
            p.reasons = list(body.take(body.left(), "reason codes"))
    elif ptype in (PINGREQ, PINGRESP):
        pass
    elif ptype == DISCONNECT:
        if v5:
            p.reason = body.u8("reason code") if body.left() else 0
            if body.left():
                p.props = body.props()
    elif ptype == AUTH:
        p.reason = body.u8("reason code") if body.left() else 0
        if body.left():
            p.props = body.props()
    if body.left():
        raise Malformed(f"{p.name}: {body.left()} trailing bytes")
    return p


# ---------------------------------------------------------------- the broker

EOF = object()   # queued when the client closed the connection


class Conn:
    """One accepted connection, as seen by its script."""

    def __init__(self, broker, sock, index):
        self.broker = broker
        self.sock = sock
        self.index = index
        self.version = None           # protocol level, from CONNECT
        self.packets = []             # every packet received, in order
        self.sent = []                # (time, description) of every send
        self.t_accept = time.monotonic()
        self.t_eof = None             # when the client ended it (DISCONNECT, EOF or reset)
        self.closed_by_us = False
        self.auto_pingresp = True     # answer PINGREQ at once (stall() turns it off)
        self.auto_suback = False      # answer SUBSCRIBE with the requested QoS
        self.close_on_disconnect = True  # close our side once DISCONNECT arrives
        self.step = "start"           # what the script is doing, for messages
        self._q = queue.Queue()
        self._send_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # -- receiving (reader thread)
    def _read_loop(self):
        buf = bytearray()
        while not self.broker._stopping.is_set():
            try:
                r, _, _ = select.select([self.sock], [], [], 0.05)
                if not r:
                    continue
                data = self.sock.recv(65536)
            except (OSError, ValueError):
                data = b""
            if not data:
                if not self.closed_by_us:
                    self.t_eof = time.monotonic()
                self._q.put(EOF)
                return
            buf += data
            while True:
                try:
                    sizes = split_packet(buf)
                except Malformed as e:
                    self.broker.fail(f"conn {self.index}: client sent malformed bytes: {e}: {bytes(buf[:16]).hex()}")
                    self._q.put(EOF)
                    return
                if sizes is None:
                    break
                chunk = bytes(buf[:sizes[0]])
                del buf[:sizes[0]]
                try:
                    p = decode(chunk, self.version)
                except Malformed as e:
                    self.broker.fail(f"conn {self.index}: client sent a malformed packet: {e}: {chunk[:32].hex()}")
                    p = Packet(chunk[0] >> 4, chunk[0] & 15, chunk)
                    p.malformed = str(e)
                if p.type == CONNECT and p.version:
                    self.version = p.version
                self.packets.append(p)
                self.broker._log(self, "<-", repr(p))
                if p.type == PINGREQ and self.auto_pingresp:
                    self._send_now(pingresp())
                elif p.type == SUBSCRIBE and self.auto_suback and p.subs:
                    self._send_now(suback(p.id, [o & 3 for _, o in p.subs]))
                self._q.put(p)
                if p.type == DISCONNECT and self.close_on_disconnect:
                    # As a real broker: the client ended the connection, close our side
                    # (clients wait a while for that before they exit).
                    self.t_eof = time.monotonic()
                    self.closed_by_us = True
                    self.broker._log(self, "--", "close (after DISCONNECT)")
                    try:
                        self.sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    self.sock.close()
                    self._q.put(EOF)
                    return

    # -- sending
    def _send_now(self, pkt):
        data = pkt.encode(self.version or V311) if isinstance(pkt, Out) else bytes(pkt)
        desc = repr(pkt) if isinstance(pkt, Out) else f"raw({data[:16].hex()})"
        with self._send_lock:
            self.sent.append((time.monotonic(), desc))
            self.broker._log(self, "->", desc)
            self.sock.sendall(data)

    def send(self, *pkts):
        """Send packets (Out, bytes, or a callable conn -> Out/bytes). A send to a
        closed connection is a script failure."""
        for pkt in pkts:
            if callable(pkt) and not isinstance(pkt, Out):
                pkt = pkt(self)
            try:
                self._send_now(pkt)
            except OSError as e:
                raise ScriptFailure(f"send {pkt!r}: connection already closed ({e})")

    def send_split(self, pkt, sizes=(1,), delay=0.002):
        """Send one packet in pieces (sizes cycled), pausing between them, to test
        the client's framing across reads."""
        data = pkt.encode(self.version or V311) if isinstance(pkt, Out) else bytes(pkt)
        self.step = f"send {pkt!r} in pieces of {sizes}"
        self.broker._log(self, "->", f"{pkt!r} in pieces of {list(sizes)[:4]}")
        pos, i = 0, 0
        try:
            while pos < len(data):
                n = sizes[i % len(sizes)]
                with self._send_lock:
                    self.sock.sendall(data[pos:pos + n])
                pos += n
                i += 1
                if delay:
                    time.sleep(delay)
        except OSError as e:
            raise ScriptFailure(f"send {pkt!r}: connection closed after {pos} bytes ({e})")

    def send_together(self, *pkts):
        """Several packets in a single write (one TCP segment where possible)."""
        data = b"".join(p.encode(self.version or V311) if isinstance(p, Out) else bytes(p) for p in pkts)
        self.broker._log(self, "->", " + ".join(repr(p) for p in pkts) + " (one write)")
        try:
            with self._send_lock:
                self.sock.sendall(data)
        except OSError as e:
            raise ScriptFailure(f"send: connection already closed ({e})")

    def close(self, rst=False):
        """Drop the connection abruptly (no DISCONNECT). rst=True sends a TCP reset."""
        self.closed_by_us = True
        self.broker._log(self, "--", "close" + (" (RST)" if rst else ""))
        try:
            if rst:
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    # -- expectations
    def recv(self, timeout=DEFAULT_TIMEOUT):
        """Next packet, EOF, or None after timeout. No skipping, no checks.
        Raises ScriptFailure once the broker is stopping, so scripts never linger."""
        deadline = time.monotonic() + timeout
        while True:
            if self.broker._stopping.is_set():
                raise ScriptFailure("broker stopped")
            left = deadline - time.monotonic()
            try:
                return self._q.get(timeout=min(max(left, 0), 0.05))
            except queue.Empty:
                if left <= 0:
                    return None

    def _skippable(self, p, ptype):
        if p.type == ptype:
            return False
        return (p.type == PINGREQ) or (p.type == SUBSCRIBE and self.auto_suback)

    def expect(self, ptype=None, timeout=DEFAULT_TIMEOUT, where=None, skip=(), **fields):
        """Wait for the next packet (PINGREQ, and SUBSCRIBE when auto_suback, are skipped
        unless expected) and check its type and fields (dup=, qos=, id=, topic=,
        payload=, reason=, clean=...). where: extra predicate p -> bool."""
        want = f"{NAMES.get(ptype, 'any packet')}" + (f" {fields}" if fields else "")
        self.step = f"expect {want}"
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            p = self.recv(max(left, 0)) if left > 0 else None
            if p is None:
                raise ScriptFailure(f"timeout after {timeout}s waiting for {want}")
            if p is EOF:
                self._q.put(EOF)  # stay visible to later waits
                raise ScriptFailure(f"client closed the connection while waiting for {want}")
            if self._skippable(p, ptype) or p.type in skip:
                continue
            break
        if ptype is not None and p.type != ptype:
            raise ScriptFailure(f"expected {want}, got {p!r}")
        for k, v in fields.items():
            got = getattr(p, k)
            if k == "payload":
                v = as_bytes(v)
            if got != v:
                raise ScriptFailure(f"expected {want}, got {k}={got!r} in {p!r}")
        if where is not None and not where(p):
            raise ScriptFailure(f"expected {want} matching {getattr(where, '__doc__', None) or 'predicate'}, got {p!r}")
        return p

    def expect_nothing(self, duration, skip=(PINGREQ,)):
        """Assert no packet (other than skip types) arrives for duration seconds and
        the connection stays open."""
        self.step = f"expect nothing for {duration}s"
        deadline = time.monotonic() + duration
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            p = self.recv(left)
            if p is None:
                return
            if p is EOF:
                self._q.put(EOF)
                raise ScriptFailure(f"client closed the connection (expected it to stay quiet for {duration}s)")
            if p.type not in skip:
                raise ScriptFailure(f"expected no packet for {duration}s, got {p!r}")

    def wait_closed(self, timeout=DEFAULT_TIMEOUT, allow=None):
        """Wait until the client closes. Returns the packets received meanwhile.
        allow: packet types tolerated before the close (default: any)."""
        self.step = f"wait for the client to close (≤{timeout}s)"
        got = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            p = self.recv(left) if left > 0 else None
            if p is None:
                raise ScriptFailure(f"client did not close the connection within {timeout}s "
                                    f"(received meanwhile: {got})")
            if p is EOF:
                self._q.put(EOF)
                return got
            if allow is not None and p.type not in allow:
                raise ScriptFailure(f"expected the client to close, got {p!r}")
            got.append(p)

    def stall(self, seconds):
        """Stop answering (PINGREQ included), keep recording. Returns when the
        client closes (its time) or after seconds (None)."""
        self.step = f"stall {seconds}s"
        self.auto_pingresp = False
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            p = self.recv(left)
            if p is EOF:
                self._q.put(EOF)
                return self.t_eof
            if p is None:
                return None

    def trickle(self, chunk=b"\0" * 1024, interval=0.01, duration=3.0):
        """Send chunk every interval until the client closes or duration passes.
        Returns the time the close was seen, or None."""
        self.step = f"trickle {len(chunk)} bytes every {interval}s"
        deadline = time.monotonic() + duration
        while time.monotonic() < deadline and not self.broker._stopping.is_set():
            if self.t_eof is not None:
                return self.t_eof
            try:
                with self._send_lock:
                    self.sock.sendall(chunk)
            except OSError:
                return self.t_eof or time.monotonic()
            time.sleep(interval)
        return self.t_eof

    def sleep(self, seconds):
        self.step = f"sleep {seconds}s"
        time.sleep(seconds)

    def fail(self, msg):
        raise ScriptFailure(msg)

    def note_failure(self, msg):
        """Record a failure but let the script go on (to see what else happens)."""
        self.broker.fail(f"conn {self.index} ({self.step}): {msg}")

    def received(self, ptype=None):
        """Packets received so far (optionally of one type)."""
        return [p for p in list(self.packets) if ptype is None or p.type == ptype]


# Declarative steps, for scripts written as lists.
class Expect:
    def __init__(self, ptype=None, **kw):
        self.ptype, self.kw = ptype, kw

    def __call__(self, c):
        return c.expect(self.ptype, **self.kw)


class Send:
    def __init__(self, *pkts):
        self.pkts = pkts

    def __call__(self, c):
        c.send(*self.pkts)


class Close:
    def __init__(self, rst=False):
        self.rst = rst

    def __call__(self, c):
        c.close(self.rst)


class Stall:
    def __init__(self, seconds):
        self.seconds = seconds

    def __call__(self, c):
        return c.stall(self.seconds)


class Sleep:
    def __init__(self, seconds):
        self.seconds = seconds

    def __call__(self, c):
        c.sleep(self.seconds)


class WaitClosed:
    def __init__(self, timeout=DEFAULT_TIMEOUT, allow=None):
        self.timeout, self.allow = timeout, allow

    def __call__(self, c):
        return c.wait_closed(self.timeout, self.allow)


def hold(c):
    """Keep the connection open (PINGREQ answered) until the client or the broker ends it."""
    c.step = "hold"
    try:
        while True:
            if c.recv(0.1) is EOF:
                c._q.put(EOF)
                return
    except ScriptFailure:          # the broker stops
        return


class FakeBroker:
    """Listens on a free 127.0.0.1 port; connection i runs scripts[i]; connections
    beyond the list run `extra` (default: hold, recording packets, no CONNACK)."""

    def __init__(self, scripts=(), extra=hold, name="fake", verbose=None):
        self.scripts = list(scripts)
        self.extra = extra
        self.name = name
        self.verbose = bool(os.environ.get("FAKEBROKER_VERBOSE")) if verbose is None else verbose
        self.conns = []
        self.failures = []
        self.events = []              # (time, conn index, direction, text)
        self.t0 = time.monotonic()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = []
        self._done = {}
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.host = "127.0.0.1"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        t = threading.Thread(target=self._accept_loop, daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def _accept_loop(self):
        while not self._stopping.is_set():
            try:
                r, _, _ = select.select([self.sock], [], [], 0.05)
                if not r:
                    continue
                s, _ = self.sock.accept()
            except (OSError, ValueError):
                return
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.settimeout(10.0)      # a client that stops reading cannot block a send forever
            with self._lock:
                conn = Conn(self, s, len(self.conns))
                self.conns.append(conn)
                script = self.scripts[conn.index] if conn.index < len(self.scripts) else self.extra
                self._done[conn.index] = threading.Event()
            self._log(conn, "--", "accepted")
            t = threading.Thread(target=self._run_script, args=(conn, script), daemon=True)
            t.start()
            self._threads.append(t)

    def _run_script(self, conn, script):
        try:
            if callable(script):
                script(conn)
            else:
                for step in script:
                    step(conn)
        except ScriptFailure as e:
            if not self._stopping.is_set():
                self.fail(f"conn {conn.index} ({conn.step}): {e}")
            if not conn.closed_by_us:
                conn.close()
        except Exception as e:  # a bug in the script itself: report, never hang
            self.fail(f"conn {conn.index} ({conn.step}): script raised {type(e).__name__}: {e}")
            if not conn.closed_by_us:
                conn.close()
        finally:
            self._done[conn.index].set()
        if not conn.closed_by_us and script is not hold:
            hold(conn)

    def _log(self, conn, direction, text):
        t = time.monotonic() - self.t0
        with self._lock:
            self.events.append((t, conn.index, direction, text))
        if self.verbose:
            print(f"  [{self.name} {t:7.3f} c{conn.index}] {direction} {text}", file=sys.stderr, flush=True)

    def fail(self, msg):
        with self._lock:
            self.failures.append(msg)
        if self.verbose:
            print(f"  [{self.name}] FAILURE: {msg}", file=sys.stderr, flush=True)

    def wait_connections(self, n, timeout=DEFAULT_TIMEOUT):
        """True once n connections were accepted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.conns) >= n:
                return True
            time.sleep(0.01)
        return False

    def wait_scripts(self, timeout=DEFAULT_TIMEOUT, give_up=None):
        """Wait until every script of the list has run to its end. A script that did
        not start (no connection came) or did not finish is a failure. give_up: a
        callable; once true (e.g. the client exited) wait at most 0.5 s more."""
        deadline = time.monotonic() + timeout
        for i in range(len(self.scripts)):
            while time.monotonic() < deadline:
                if i < len(self.conns) and self._done[i].is_set():
                    break
                if give_up is not None and give_up():
                    deadline = min(deadline, time.monotonic() + 0.5)
                time.sleep(0.01)
            if i >= len(self.conns):
                self.fail(f"conn {i} never came (only {len(self.conns)} connection(s))")
                return False
            if not self._done[i].is_set():
                self.fail(f"conn {i}: script did not finish (at: {self.conns[i].step})")
                return False
        return True

    def stop(self):
        self._stopping.set()
        if self._threads:
            self._threads[0].join(2.0)     # the accept loop, before its socket goes
        try:
            self.sock.close()
        except OSError:
            pass
        for c in list(self.conns):
            if not c.closed_by_us:
                c.closed_by_us = True
                try:
                    c.sock.close()
                except OSError:
                    pass
        for t in self._threads:
            t.join(2.0)

    def transcript(self):
        with self._lock:
            return "\n".join(f"    {t:7.3f} c{i} {d} {x}" for t, i, d, x in self.events)

    def check(self):
        """Raise AssertionError with every failure and the transcript, if any failed."""
        if self.failures:
            raise AssertionError("; ".join(self.failures) + "\n  transcript:\n" + self.transcript())


# ---------------------------------------------------------------- running clients and cases

def mqc_path():
    if os.environ.get("MQC"):
        return os.environ["MQC"]
    build = os.environ.get("MQC_BUILD") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "build")
    return os.path.join(build, "mqc")


# mqc-only long options and whether they take a value; dropped (or mapped) when
# MQC_STANDIN=mosquitto runs the scenarios with mosquitto_pub/_sub to check the scripts.
MQC_ONLY = {"--reconnect-min": True, "--reconnect-max": True, "--retry-interval": True,
            "--max-retries": True, "--max-packet": True}


def client_argv(cmd, args):
    """argv for `mqc <cmd> args`, or the mosquitto stand-in."""
    if os.environ.get("MQC_STANDIN") != "mosquitto":
        return [mqc_path(), cmd] + list(args)
    out, it = ["mosquitto_" + cmd], iter(args)
    for a in it:
        if a == "--max-inflight":
            out += ["-M", next(it)]
        elif a in MQC_ONLY:
            next(it)
        else:
            out.append(a)
    return out


PIPE = subprocess.PIPE


class Client:
    """`mqc pub|sub ...` as a subprocess; output collected by threads; every wait bounded."""

    def __init__(self, cmd, args, stdin=None):
        """stdin: bytes/str fed then closed; None: closed at once; PIPE: left open
        for write() / close_stdin()."""
        self.argv = client_argv(cmd, args)
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.pid = self.proc.pid
        self._out, self._err = bytearray(), bytearray()
        self.rc = None
        self._threads = [threading.Thread(target=self._drain, args=(self.proc.stdout, self._out), daemon=True),
                         threading.Thread(target=self._drain, args=(self.proc.stderr, self._err), daemon=True)]
        for t in self._threads:
            t.start()
        if stdin is PIPE:
            pass
        elif stdin is not None:
            threading.Thread(target=self._feed, args=(as_bytes(stdin),), daemon=True).start()
        else:
            self.proc.stdin.close()

    def write(self, data):
        """More input (with stdin=PIPE)."""
        self.proc.stdin.write(as_bytes(data))
        self.proc.stdin.flush()

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    @staticmethod
    def _drain(f, into):
        while True:
            d = f.read1(65536) if hasattr(f, "read1") else f.read(65536)
            if not d:
                return
            into += d

    def _feed(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.close()
        except (OSError, ValueError):
            pass

    @property
    def stdout(self):
        return bytes(self._out)

    @property
    def stderr(self):
        return bytes(self._err)

    def alive(self):
        return self.proc.poll() is None

    def vm_hwm_kb(self):
        """Peak resident set (VmHWM) in kB, read while the process runs; None if gone."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def _finish(self):
        for t in self._threads:
            t.join(2.0)
        self.rc = self.proc.returncode

    def wait(self, timeout):
        """Exit code; kills the process (and raises) if it does not end in time."""
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self._finish()
            raise AssertionError(f"{' '.join(self.argv)} still running after {timeout}s "
                                 f"(killed; stdout={self.stdout[-300:]!r} stderr={self.stderr[-300:]!r})")
        self._finish()
        return self.rc

    def stop(self):
        """Kill if still running (cleanup; never raises)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.close_stdin()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self._finish()
        for f in (self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass

    def describe(self):
        rc = self.rc
        if rc is not None and rc < 0:
            rc = f"{rc} (killed by signal {-rc})"
        return (f"argv={' '.join(self.argv)} rc={rc} stdout={self.stdout[-400:]!r} "
                f"stderr={self.stderr[-600:]!r}")


class Skip(Exception):
    """Raised by a case that cannot run here (e.g. an optional tool is missing)."""


def run_cases(cases, only=None):
    """Run (name, fn) cases; print one line each and `N passed, M failed` last;
    return the process exit code. Select cases with FAKE_ONLY=substring."""
    only = only or os.environ.get("FAKE_ONLY")
    passed = failed = skipped = 0
    for name, fn in cases:
        if only and only not in name:
            continue
        t = time.monotonic()
        try:
            note = fn()
        except Skip as e:
            skipped += 1
            print(f"skip {name}: {e}", flush=True)
            continue
        except Exception as e:  # AssertionError or anything else: the case failed
            failed += 1
            print(f"FAIL {name} ({time.monotonic() - t:.1f}s): {type(e).__name__}: {e}", flush=True)
        else:
            passed += 1
            note = f": {note}" if isinstance(note, str) else ""
            print(f"ok   {name} ({time.monotonic() - t:.1f}s){note}", flush=True)
    if skipped:
        print(f"({skipped} skipped)", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed or not passed else 0


# ---------------------------------------------------------------- scenario helpers

def standin():
    """True when MQC_STANDIN=mosquitto runs the scenarios with mosquitto_pub/_sub."""
    return os.environ.get("MQC_STANDIN") == "mosquitto"


def vname(version):
    return "mqttv5" if version == V5 else "mqttv311"


# Fast reconnects keep the suite short (the client's default first delay is 1 s).
RECONNECT = ["--reconnect-min", "0.1", "--reconnect-max", "0.2"]


def client_args(broker, version, *args):
    return ["-h", "127.0.0.1", "-p", str(broker.port), "-V", vname(version)] + RECONNECT + list(args)


class Suite:
    """Named cases, some run once per protocol version; run() prints the summary."""

    def __init__(self):
        self.cases = []

    def case(self, fn):
        self.cases.append((fn.__name__, fn))
        return fn

    def each_version(self, fn):
        for v in (V311, V5):
            self.cases.append((f"{fn.__name__}[{vname(v)}]", (lambda v=v: fn(v))))
        return fn

    def run(self):
        return run_cases(self.cases)


class Shared(dict):
    """State shared between a test and its scripts: a missing key is waited for
    (up to 5 s), since scripts run in the broker's threads, e.g. st["client"]."""

    def __getitem__(self, key):
        deadline = time.monotonic() + 5.0
        while not dict.__contains__(self, key) and time.monotonic() < deadline:
            time.sleep(0.005)
        return dict.__getitem__(self, key)


def run_scenario(scripts, cmd, args, stdin=None, timeout=10.0, extra=hold, state=None):
    """Start a FakeBroker with scripts, run `mqc cmd` with the connection flags for
    version plus args (args is a function broker -> argv), wait for the scripts and
    for the client to exit. Returns (broker, client); raises AssertionError naming
    every broker failure, the client's output and the transcript."""
    with FakeBroker(scripts, extra=extra) as b:
        c = Client(cmd, args(b), stdin)
        if state is not None:
            state["client"] = c
        err = None
        try:
            b.wait_scripts(timeout, give_up=lambda: not c.alive())
            if b.failures:      # the client may now wait forever on a held connection
                try:
                    c.wait(1.0)
                except AssertionError:
                    pass
            else:
                c.wait(timeout)
        except AssertionError as e:
            err = str(e)
        finally:
            c.stop()
        if b.failures or err:
            raise AssertionError("; ".join(b.failures + ([err] if err else [])) +
                                 f"\n  client: {c.describe()}\n  transcript:\n{b.transcript()}")
        return b, c


def require(cond, msg, broker=None, client=None):
    """AssertionError with context (client output, transcript) unless cond."""
    if cond:
        return
    if client is not None:
        msg += f"\n  client: {client.describe()}"
    if broker is not None:
        msg += f"\n  transcript:\n{broker.transcript()}"
    raise AssertionError(msg)
