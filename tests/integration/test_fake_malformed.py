"""Malformed input from the server (v3 §4.8, v5 §4.13, §1.5.4, §2.1.3, §3.1.2.11.4).

For each bad packet, sent to a subscribed `mqc sub -C 1`: the client must close the
connection (5.0: after DISCONNECT 0x81 Malformed Packet; 0x81/0x82 for the bad SUBACK
code; 3.1.1: without DISCONNECT, which would discard the Will), must not crash, must
reconnect and resubscribe; then a valid QoS 1 message ends it with exit code 0.

huge_announced: a PUBLISH whose header announces 200 MB, then a slow trickle of its
body. With --max-packet 65536 the client must refuse it from the header (close within
1 s, 5.0: DISCONNECT 0x95 Packet too large) and its peak memory stay < 64 MB.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
TOPIC = "t/m"

BAD = {
    # Remaining Length continues into a 5th byte.
    "remaining_length_5_bytes": (raw(b"\x30\xff\xff\xff\xff\x7f" + b"\x00" * 8), {0x81}),
    # PUBREL fixed header flags must be 0010.
    "pubrel_flags_0000": (raw(b"\x60\x02\x00\x05"), {0x81}),
    # Topic name "t/\xc3\x28": ill-formed UTF-8.
    "invalid_utf8_topic": (publish(b"t/\xc3\x28", "bad", qos=1, id=3), {0x81}),
    # Packet type 0 is reserved.
    "packet_type_0": (raw(b"\x00\x00"), {0x81, 0x82}),
    # PUBLISH with QoS 3.
    "publish_qos3": (raw(b"\x36\x08\x00\x03t/m\x00\x01x"), {0x81}),
}


def bad_script(version, bad, reasons, bad_suback=False):
    def first(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs[0][0] == TOPIC)
        if bad_suback:
            c.send(suback(s.id, [0x03]))        # not a SUBACK return/reason code
        else:
            c.send(suback(s.id, [1]))
            c.send(bad)
        got = c.wait_closed(2)
        check_close(c, version, got, reasons)

    def second(c):
        c.auto_suback = True     # every SUBSCRIBE granted (test_fake_session_lost counts them)
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        c.expect(SUBSCRIBE, where=lambda p: p.subs[0][0] == TOPIC)   # renewed
        c.send(publish(TOPIC, "valid", qos=1, id=9))
        c.expect(PUBACK, id=9)
        c.expect(DISCONNECT)
    return [first, second]


def check_close(c, version, got, reasons):
    """What the client sent between the bad packet and its close."""
    others = [p for p in got if p.type not in (PINGREQ, DISCONNECT)]
    if others:
        c.fail(f"client answered the malformed packet with {others} instead of closing")
    discs = [p for p in got if p.type == DISCONNECT]
    if version == V5:
        if not discs or discs[-1].reason not in reasons:
            c.fail(f"5.0: expected DISCONNECT with reason {' or '.join(hex(r) for r in sorted(reasons))} "
                   f"before the close, got {discs or 'no DISCONNECT'}")
    elif discs:
        c.fail(f"3.1.1: client sent {discs} on a protocol error (v3 §4.8: close the network "
               f"connection; a DISCONNECT would make the broker discard the Will)")


def sub_args(version, *more):
    return lambda b: client_args(b, version, "-i", f"fake-bad-{version}", "-t", TOPIC, "-q", "1",
                                 "-C", "1", *more)


def after(b, cl):
    require(cl.rc is not None and cl.rc >= 0, "the client died from a signal", b, cl)
    require(cl.rc == 0 and cl.stdout == b"valid\n",
            "expected exit 0 and only the valid message printed after the reconnect", b, cl)


def make(name, bad, reasons, bad_suback=False):
    def fn(version):
        b, cl = run_scenario(bad_script(version, bad, reasons, bad_suback), "sub", sub_args(version))
        after(b, cl)
    fn.__name__ = name
    suite.each_version(fn)


for name, (bad, reasons) in BAD.items():
    make(name, bad, reasons)
make("suback_bad_code", None, {0x81, 0x82}, bad_suback=True)


BIG = 200 * 1024 * 1024
LIMIT_MB = 64


@suite.each_version
def huge_announced(version):
    st = Shared()

    def first(c):
        p = c.expect(CONNECT, version=version)
        if version == V5 and p.props.get("maximum_packet_size") != 65536:
            c.note_failure(f"5.0 CONNECT does not announce --max-packet 65536 as Maximum Packet Size "
                   f"(v5 §3.1.2.11.4): props={p.props}")
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [1]))
        st["t_header"] = time.monotonic()
        c.send(raw(b"\x30" + enc_varint(BIG) + enc_str(TOPIC), "PUBLISH header announcing 200 MB"))
        st["t_close"] = c.trickle(b"x" * 4096, interval=0.02, duration=3.0)
        if st["t_close"] is None:
            c.fail("client still reading the 200 MB packet after 3 s")
        got = c.wait_closed(1)
        discs = [p for p in c.received(DISCONNECT)]
        if version == V5 and (not discs or discs[-1].reason != 0x95):
            c.fail(f"5.0: expected DISCONNECT 0x95 Packet too large (v5 §3.1.2.11.4), got {discs or got}")
        if version != V5 and discs:
            c.fail(f"3.1.1: DISCONNECT sent on a protocol error: {discs}")

    def second(c):
        c.expect(CONNECT, version=version)
        st["hwm"] = st["client"].vm_hwm_kb()      # peak, read while it still runs
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [1]))
        c.send(publish(TOPIC, "valid", qos=1, id=9))
        c.expect(PUBACK, id=9)

    b, cl = run_scenario([first, second], "sub", sub_args(version, "--max-packet", "65536"),
                         state=st, timeout=12)
    took = st["t_close"] - st["t_header"]
    require(took < 1.0, f"client closed {took:.2f}s after the 200 MB header, expected < 1 s", b, cl)
    require(st["hwm"] is not None and st["hwm"] < LIMIT_MB * 1024,
            f"client peak memory VmHWM {st['hwm']} kB, expected < {LIMIT_MB} MB", b, cl)
    after(b, cl)
    return f"closed {took * 1000:.0f} ms after the header, VmHWM {st['hwm']} kB"


@suite.case
def topic_alias_invalid_v5():
    """A Topic Alias above the client's Topic Alias Maximum (0 when not announced):
    a protocol error (v5 §3.3.2.3.4, [MQTT-3.3.2-11]): DISCONNECT 0x94 Topic Alias
    invalid or 0x82 Protocol Error, then reconnect."""
    def alias_publish(c):
        tam = c.packets[0].props.get("topic_alias_maximum", 0)
        return publish(TOPIC, "aliased", qos=1, id=4, props={"topic_alias": tam + 1})

    b, cl = run_scenario(bad_script(V5, alias_publish, {0x94, 0x82}), "sub", sub_args(V5))
    after(b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
