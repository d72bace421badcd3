"""Self-test of tests/tools/fakebroker.py: its encoder/decoder against known bytes,
its script machinery against a raw-socket client, and the whole broker against
mosquitto_pub / mosquitto_sub as independent clients (3.1.1 and 5.0).
Does not need mqc; the mosquitto cases are skipped without mosquitto-clients."""
import os
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F401,F403
import fakebroker as fb  # noqa: E402

CASES = []


def case(fn):
    CASES.append((fn.__name__, fn))
    return fn


def eq(got, want, what=""):
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")


def raises_malformed(data, version, contains):
    try:
        p = decode(data, version)
    except Malformed as e:
        if contains not in str(e):
            raise AssertionError(f"{data.hex()}: Malformed({e}) does not mention {contains!r}")
        return
    raise AssertionError(f"{data.hex()} decoded as {p!r}, expected Malformed")


@case
def known_bytes():
    eq(enc_varint(0), b"\x00", "varint 0")
    eq(enc_varint(127), b"\x7f", "varint 127")
    eq(enc_varint(128), b"\x80\x01", "varint 128")
    eq(enc_varint(321), b"\xc1\x02", "varint 321")
    eq(enc_varint(268435455), b"\xff\xff\xff\x7f", "varint max")
    eq(enc_varint(200 * 1024 * 1024), b"\x80\x80\x80\x64", "varint 200 MB")
    eq(connack().encode(V311), b"\x20\x02\x00\x00", "CONNACK v3")
    eq(connack(1, 5).encode(V311), b"\x20\x02\x01\x05", "CONNACK v3 sp rc5")
    eq(connack(0, 0x87).encode(V5), b"\x20\x03\x00\x87\x00", "CONNACK v5 0x87")
    eq(connack(props={"receive_maximum": 3}).encode(V5), b"\x20\x06\x00\x00\x03\x21\x00\x03",
       "CONNACK v5 receive max 3")
    eq(pubrel(1).encode(V311), b"\x62\x02\x00\x01", "PUBREL v3")
    eq(pubrel(1).encode(V5), b"\x62\x02\x00\x01", "PUBREL v5 short form")
    eq(pubrec(0x102, 0x80).encode(V5), b"\x50\x03\x01\x02\x80", "PUBREC v5 0x80")
    eq(puback(7).encode(V311), b"\x40\x02\x00\x07", "PUBACK")
    eq(pubcomp(7).encode(V311), b"\x70\x02\x00\x07", "PUBCOMP")
    eq(suback(1, [0x80]).encode(V311), b"\x90\x03\x00\x01\x80", "SUBACK v3")
    eq(suback(1, [1]).encode(V5), b"\x90\x04\x00\x01\x00\x01", "SUBACK v5")
    eq(publish("a/b", "hi", qos=1, id=10, dup=True).encode(V311),
       b"\x3a\x09\x00\x03a/b\x00\x0ahi", "PUBLISH v3 q1 dup")
    eq(publish("a", "x").encode(V5), b"\x30\x05\x00\x01a\x00x", "PUBLISH v5 q0")
    eq(pingresp().encode(V5), b"\xd0\x00", "PINGRESP")
    eq(disconnect(0x81).encode(V5), b"\xe0\x02\x81\x00", "DISCONNECT v5")
    # A CONNECT as mosquitto_pub 2.0.11 sends it (3.1.1, id "x", clean, keep alive 60).
    eq(connect("x").encode(), b"\x10\x0d\x00\x04MQTT\x04\x02\x00\x3c\x00\x01x", "CONNECT v3")


@case
def round_trip_all_types():
    for v in (V311, V5):
        props = {"reason_string": "r", "user_property": [("k", "v"), ("k", "w")]} if v == V5 else None
        pkts = [
            (connack(1, 0, props), dict(type=CONNACK, session_present=1, reason=0)),
            (publish("t/é", b"\x00\xff", qos=2, id=65535, dup=True, retain=True, props=props),
             dict(type=PUBLISH, qos=2, dup=True, retain=True, id=65535, topic="t/é", payload=b"\x00\xff")),
            (puback(3), dict(type=PUBACK, id=3)),
            (pubrec(4), dict(type=PUBREC, id=4)),
            (pubrel(5), dict(type=PUBREL, id=5, flags=2)),
            (pubcomp(6), dict(type=PUBCOMP, id=6)),
            (suback(8, [0, 1, 2, 0x80], props), dict(type=SUBACK, id=8, reasons=[0, 1, 2, 0x80])),
            (pingresp(), dict(type=PINGRESP)),
            (pingreq(), dict(type=PINGREQ)),
            (subscribe(9, [("a/#", 1), ("b", 2)], props), dict(type=SUBSCRIBE, id=9, subs=[("a/#", 1), ("b", 2)])),
            (unsubscribe(10, ["a/#"]), dict(type=UNSUBSCRIBE, id=10, subs=["a/#"])),
            (connect("cid", v, clean=False, keepalive=7, props={"session_expiry_interval": 99} if v == V5 else None,
                     username="u", password=b"p", will={"topic": "w", "payload": b"bye", "qos": 1}),
             dict(type=CONNECT, version=v, clean=False, keepalive=7, client_id="cid", username="u", password=b"p")),
        ]
        if v == V5:
            pkts += [(disconnect(0x8E, props), dict(type=DISCONNECT, reason=0x8E)),
                     (pubrec(4, 0x80, props), dict(type=PUBREC, id=4, reason=0x80)),
                     (auth(0x18), dict(type=AUTH, reason=0x18))]
        for out, want in pkts:
            p = decode(out.encode(v), v)
            for k, val in want.items():
                eq(getattr(p, k), val, f"v{v} {out!r} field {k}")
            if v == V5 and props and out.desc.split("(")[0] in ("CONNACK", "PUBLISH", "SUBACK", "DISCONNECT"):
                eq(p.props, {"reason_string": "r", "user_property": [("k", "v"), ("k", "w")]}, f"{out!r} props")


@case
def decoder_rejects_malformed():
    raises_malformed(b"\x30\xff\xff\xff\xff\x7f", V311, "longer than 4 bytes")
    raises_malformed(b"\x60\x02\x00\x01", V311, "flags 0000")
    raises_malformed(b"\x30\x06\x00\x02\xc3\x28hi", V311, "invalid UTF-8")
    raises_malformed(b"\x30\x05\x00\x01\x00hi", V311, "U+0000")
    raises_malformed(b"\x36\x05\x00\x01ahi", V311, "QoS 3")
    raises_malformed(b"\x32\x03\x00\x01a", V311, "packet identifier")
    raises_malformed(b"\x40\x02\x00\x00", V311, "identifier 0")
    raises_malformed(b"\x20\x03\x00\x00\x05", V5, "properties")
    raises_malformed(b"\x20\x04\x00\x00\x01\x7f", V5, "unknown property")
    raises_malformed(b"\x00\x00", V311, "reserved")
    raises_malformed(b"\xf0\x00", V311, "AUTH")
    raises_malformed(b"\x20\x03\x00\x00\x00", V311, "trailing")


def raw_client(port, timeout=3.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return s


def read_packet(s, version=V311, timeout=3.0):
    s.settimeout(timeout)
    buf = b""
    while True:
        sizes = split_packet(buf) if len(buf) >= 2 else None
        if sizes:
            return decode(buf[:sizes[0]], version)
        d = s.recv(4096)
        if not d:
            return None
        buf += d


@case
def script_machinery():
    """Expectations pass and fail as they should; auto PINGRESP; stall; close."""
    def good(c):
        c.expect(CONNECT, version=V5, client_id="me")
        c.send(connack(props={"receive_maximum": 3}))
        c.expect(PUBLISH, qos=1, id=1, payload="x")      # a PINGREQ before it is skipped
        c.auto_pingresp = False                         # before the PUBACK: no race
        c.send(puback(1))
        t = c.stall(3.0)
        if t is None:
            c.fail("stall: client did not close")

    with FakeBroker([good]) as b:
        s = raw_client(b.port)
        s.sendall(connect("me", V5).encode())
        p = read_packet(s, V5)
        eq((p.type, p.props), (CONNACK, {"receive_maximum": 3}), "CONNACK")
        s.sendall(pingreq().encode())
        eq(read_packet(s, V5).type, PINGRESP, "auto PINGRESP")
        s.sendall(publish("t", "x", qos=1, id=1).encode(V5))
        eq(read_packet(s, V5).type, PUBACK, "PUBACK")
        s.sendall(pingreq().encode())          # stalled: must go unanswered
        s.settimeout(0.5)
        try:
            d = s.recv(10)
            raise AssertionError(f"stalled broker answered {d!r}")
        except socket.timeout:
            pass
        s.close()
        b.wait_scripts(5)
        b.check()
        eq([p.name for p in b.conns[0].packets], ["CONNECT", "PINGREQ", "PUBLISH", "PINGREQ"], "recorded")

    def wrong(c):
        c.expect(CONNECT)
        c.send(connack())
        c.expect(PUBLISH, qos=1, dup=True)

    with FakeBroker([wrong]) as b:
        s = raw_client(b.port)
        s.sendall(connect("me").encode())
        read_packet(s)
        s.sendall(publish("t", "x", qos=1, id=1).encode())
        b.wait_scripts(5)
        eq(len(b.failures), 1, f"one failure expected: {b.failures}")
        if "dup=False" not in b.failures[0]:
            raise AssertionError(f"failure does not name the field: {b.failures[0]}")
        eq(s.recv(10), b"", "connection closed after a failed expectation")
        s.close()

    def timeout(c):
        c.expect(CONNECT, timeout=0.3)

    with FakeBroker([timeout]) as b:
        s = raw_client(b.port)
        b.wait_scripts(3)
        s.close()
        if not b.failures or "timeout after 0.3s" not in b.failures[0]:
            raise AssertionError(f"timeout not reported: {b.failures}")

    with FakeBroker([[Expect(CONNECT), Send(connack(0, 5)), Close()]]) as b:
        s = raw_client(b.port)
        s.sendall(connect("x").encode())
        eq(read_packet(s).reason, 5, "list script CONNACK rc")
        eq(s.recv(10), b"", "list script closes")
        s.close()
        b.wait_scripts(3)
        b.check()

    with FakeBroker([]) as b:           # client sends garbage: recorded as a failure
        s = raw_client(b.port)
        s.sendall(b"\x60\x02\x00\x01")
        time.sleep(0.3)
        s.close()
        if not any("fixed header flags" in f for f in b.failures):
            raise AssertionError(f"malformed client packet not reported: {b.failures}")


def need(tool):
    """The mosquitto clients are an optional cross-check (package mosquitto-clients)."""
    path = shutil.which(tool)
    if not path:
        raise Skip(f"{tool} not installed (apt-get install mosquitto-clients)")
    return path


def mosq_sub_case(version):
    def script(c):
        c.expect(CONNECT, version=version, client_id="selftest-sub")
        c.send(connack())
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs[0][0] == "t/#")
        c.send(suback(s.id, [2]))
        c.send(publish("t/1", "hello", qos=2, id=7))
        c.expect(PUBREC, id=7)
        c.send(publish("t/1", "hello", qos=2, id=7, dup=True))
        c.expect(PUBREC, id=7)
        c.send(pubrel(7))
        c.expect(PUBCOMP, id=7)
        c.send(publish("t/2", "world", qos=1, id=8, props={"user_property": [("a", "b")]}))
        c.expect(PUBACK, id=8)
        c.expect(DISCONNECT)
        c.wait_closed(3)

    with FakeBroker([script]) as b:
        v = "mqttv5" if version == V5 else "mqttv311"
        p = subprocess.run([need("mosquitto_sub"), "-h", "127.0.0.1", "-p", str(b.port), "-V", v,
                            "-i", "selftest-sub", "-t", "t/#", "-q", "2", "-C", "2"],
                           capture_output=True, timeout=10)
        b.wait_scripts(5)
        b.check()
        eq(p.returncode, 0, f"mosquitto_sub exit ({p.stderr!r})")
        eq(p.stdout, b"hello\nworld\n", "mosquitto_sub output (duplicate QoS 2 printed once)")


@case
def mosquitto_sub_v311():
    mosq_sub_case(V311)


@case
def mosquitto_sub_v5():
    mosq_sub_case(V5)


def mosq_pub_case(version):
    def script(c):
        c.expect(CONNECT, version=version, clean=True, keepalive=60)
        c.send(connack(props={"receive_maximum": 2} if version == V5 else None))
        payloads, outstanding, done = [], set(), 0
        while done < 3:
            p = c.expect()
            if p.type == PUBLISH:
                eq((p.qos, p.dup, p.topic), (2, False, "q/2"), "PUBLISH")
                payloads.append(p.payload)
                outstanding.add(p.id)
                if version == V5 and len(outstanding) > 2:
                    c.fail(f"receive maximum 2 exceeded: {sorted(outstanding)} outstanding")
                c.send(pubrec(p.id))
            elif p.type == PUBREL:
                c.send(pubcomp(p.id))
                outstanding.discard(p.id)
                done += 1
            else:
                c.fail(f"unexpected {p!r}")
        eq(payloads, [b"line0", b"line1", b"line2"], "order")
        c.expect(DISCONNECT)
        c.wait_closed(3)

    with FakeBroker([script]) as b:
        v = "mqttv5" if version == V5 else "mqttv311"
        p = subprocess.run([need("mosquitto_pub"), "-h", "127.0.0.1", "-p", str(b.port), "-V", v,
                            "-t", "q/2", "-q", "2", "-l"], input=b"line0\nline1\nline2\n",
                           capture_output=True, timeout=10)
        b.wait_scripts(5)
        b.check()
        eq(p.returncode, 0, f"mosquitto_pub exit ({p.stderr!r})")


@case
def mosquitto_pub_v311():
    mosq_pub_case(V311)


@case
def mosquitto_pub_v5():
    mosq_pub_case(V5)


if __name__ == "__main__":
    sys.exit(run_cases(CASES))
