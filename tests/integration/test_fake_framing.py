"""Framing: packets cut at every byte boundary, several packets in one read, and the
--max-packet boundary (the whole packet, fixed header included: v5 §3.1.2.11.4).

  split_everywhere     CONNACK, SUBACK, PUBLISH (300-byte payload), PUBREL sent in
                       1..7-byte pieces with pauses: every message arrives intact
  coalesced            SUBACK + QoS 0/1/2 PUBLISHes in one write: all handled
  max_packet_boundary  --max-packet 1000: a 1000-byte PUBLISH is delivered, a
                       1001-byte one refused (close; 5.0: DISCONNECT 0x95), then
                       after the reconnect a valid message ends the run
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
TOPIC = "t/f"
PIECES = (1, 3, 2, 7, 1, 5)


@suite.each_version
def split_everywhere(version):
    big = bytes((i * 7 + 65) % 26 + 65 for i in range(300))

    def script(c):
        c.expect(CONNECT, version=version)
        c.send_split(connack(0), (1,))
        s = c.expect(SUBSCRIBE)
        c.send_split(suback(s.id, [2]), (1, 2))
        c.send_split(publish(TOPIC, big, qos=2, id=300), PIECES, delay=0.001)
        c.expect(PUBREC, id=300)
        c.send_split(pubrel(300), (1,))
        c.expect(PUBCOMP, id=300)
        c.send_split(publish(TOPIC, "second", qos=1, id=301), (2,))
        c.expect(PUBACK, id=301)
        c.expect(DISCONNECT)

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-t", TOPIC, "-q", "2", "-C", "2"))
    require(cl.rc == 0 and cl.stdout == big + b"\nsecond\n", "expected both messages intact", b, cl)


@suite.each_version
def coalesced(version):
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send_together(suback(s.id, [2]), publish(TOPIC, "a"), publish(TOPIC, "b", qos=1, id=1),
                        publish(TOPIC, "c", qos=2, id=2))
        c.expect(PUBACK, id=1)
        c.expect(PUBREC, id=2)
        # -C 3 is reached once "c" is delivered; with a clean session the client may
        # leave before PUBCOMP (the message was delivered once either way), so the
        # PUBREL may find the connection closed.
        try:
            c.send(pubrel(2))
        except ScriptFailure:
            pass
        p = c.expect()
        if p.type == PUBCOMP and p.id == 2:
            p = c.expect()
        if p.type != DISCONNECT:
            c.fail(f"expected PUBCOMP 2 and/or DISCONNECT, got {p!r}")

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-t", TOPIC, "-q", "2", "-C", "3"))
    require(cl.rc == 0 and sorted(cl.stdout.split(b"\n")) == [b"", b"a", b"b", b"c"],
            "expected a, b, c each once", b, cl)


def publish_of_size(version, total):
    """A QoS 0 PUBLISH on TOPIC whose encoded size is exactly total bytes."""
    for n in range(total, 0, -1):
        p = publish(TOPIC, b"z" * n)
        if len(p.encode(version)) == total:
            return p, n
    raise ValueError(total)


@suite.each_version
def max_packet_boundary(version):
    fits, n_fits = publish_of_size(version, 1000)
    too_big, _ = publish_of_size(version, 1001)

    def first(c):
        p = c.expect(CONNECT, version=version)
        if version == V5 and p.props.get("maximum_packet_size") != 1000:
            c.note_failure(f"5.0 CONNECT does not announce Maximum Packet Size 1000: {p.props}")
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [1]))
        c.send(fits)
        c.expect_nothing(0.3)                  # accepted: the connection stays
        c.send(too_big)
        got = c.wait_closed(2)
        discs = [p for p in got if p.type == DISCONNECT]
        if version == V5 and (not discs or discs[-1].reason != 0x95):
            c.fail(f"5.0: expected DISCONNECT 0x95 Packet too large for 1001 bytes, got {got}")

    def second(c):
        c.auto_suback = True
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        c.expect(SUBSCRIBE)
        c.send(publish(TOPIC, "valid", qos=1, id=5))
        c.expect(PUBACK, id=5)
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, version, "-t", TOPIC, "-q", "1", "-C", "2", "--max-packet", "1000"))
    require(cl.rc == 0 and cl.stdout == b"z" * n_fits + b"\nvalid\n",
            "expected the 1000-byte message, then (after the refused 1001-byte one) 'valid'", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
