"""Inbound QoS 2 duplicates (v3/v5 §4.3.3, receiver side), against the fake broker:

  same_connection  broker sends PUBLISH id 7, then again (DUP=1) before PUBREL:
                   two PUBRECs, one delivery, PUBCOMP after PUBREL
  resumed_session  broker sends PUBLISH id 7, gets PUBREC, drops the connection;
                   on the resumed session (session present 1) sends it again with
                   DUP=1, then PUBREL: PUBREC, PUBCOMP, still one delivery

`mqc sub -C 2` exits after two messages; a QoS 0 marker follows the QoS 2 exchange,
so the output is exactly "m1\\nm2\\n" unless the duplicate is delivered.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
TOPIC = "t/in"


def subscribed(c, qos=2):
    s = c.expect(SUBSCRIBE, where=lambda p: p.subs and p.subs[0][0] == TOPIC)
    c.send(suback(s.id, [qos]))


@suite.each_version
def same_connection(version):
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        subscribed(c)
        c.send(publish(TOPIC, "m1", qos=2, id=7))
        c.expect(PUBREC, id=7)
        c.send(publish(TOPIC, "m1", qos=2, id=7, dup=True))
        c.expect(PUBREC, id=7)                 # the duplicate is acknowledged again
        c.send(pubrel(7))
        c.expect(PUBCOMP, id=7)
        c.send(publish(TOPIC, "m2", qos=0))
        c.expect(DISCONNECT)
        c.wait_closed(3)

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-i", f"fake-in1-{version}", "-t", TOPIC, "-q", "2", "-C", "2"))
    require(cl.rc == 0 and cl.stdout == b"m1\nm2\n",
            "expected exit 0 and output 'm1\\nm2\\n' (the QoS 2 duplicate delivered once)", b, cl)


@suite.each_version
def resumed_session(version):
    cid = f"fake-in2-{version}"

    def connected(c, present):
        p = c.expect(CONNECT, version=version, clean=False, client_id=cid)
        if version == V5 and not p.props.get("session_expiry_interval"):
            c.fail(f"5.0 CONNECT with Clean Start 0 but no Session Expiry Interval: "
                   f"nothing would be resumed (v5 §3.1.2.11.2); props={p.props}")
        c.send(connack(present))

    def first(c):
        connected(c, 0)
        subscribed(c)
        c.send(publish(TOPIC, "m1", qos=2, id=7))
        c.expect(PUBREC, id=7)
        c.close()                              # before PUBREL

    def second(c):
        c.auto_suback = True                   # a renewed SUBSCRIBE is fine, not needed
        connected(c, 1)
        c.send(publish(TOPIC, "m1", qos=2, id=7, dup=True))
        c.expect(PUBREC, id=7)
        c.send(pubrel(7))
        c.expect(PUBCOMP, id=7)
        c.send(publish(TOPIC, "m2", qos=0))
        c.expect(DISCONNECT)
        c.wait_closed(3)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, version, "-c", "-i", cid, "-t", TOPIC, "-q", "2", "-C", "2"))
    require(cl.rc == 0 and cl.stdout == b"m1\nm2\n",
            "expected exit 0 and output 'm1\\nm2\\n' (the resent QoS 2 message delivered once "
            "across the resumed session)", b, cl)


@suite.each_version
def pubrel_unknown_id(version):
    """PUBREL for an id never received: PUBCOMP all the same (5.0: reason 0x92)."""
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        subscribed(c)
        c.send(pubrel(9))
        if version == V5:
            c.expect(PUBCOMP, id=9, reason=0x92)
        else:
            c.expect(PUBCOMP, id=9)
        c.send(publish(TOPIC, "m", qos=0))
        c.expect(DISCONNECT)

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-i", f"fake-in3-{version}", "-t", TOPIC, "-q", "2", "-C", "1"))
    require(cl.rc == 0 and cl.stdout == b"m\n", "expected exit 0 and output 'm'", b, cl)


@suite.each_version
def ack_order(version):
    """PUBACK/PUBREC go out in the order the PUBLISHes came (v3/v5 §4.6)."""
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        subscribed(c)
        c.send_together(publish(TOPIC, "a", qos=1, id=1), publish(TOPIC, "b", qos=2, id=2),
                        publish(TOPIC, "c", qos=1, id=3), publish(TOPIC, "d", qos=2, id=4),
                        publish(TOPIC, "e", qos=1, id=5))
        got = [c.expect() for _ in range(5)]
        want = [(PUBACK, 1), (PUBREC, 2), (PUBACK, 3), (PUBREC, 4), (PUBACK, 5)]
        if [(p.type, p.id) for p in got] != want:
            c.fail(f"acks out of order: got {got}, want PUBACK 1, PUBREC 2, PUBACK 3, PUBREC 4, PUBACK 5")
        c.send(pubrel(2), pubrel(4))
        c.expect(PUBCOMP, id=2)
        c.expect(PUBCOMP, id=4)
        c.send(publish(TOPIC, "end", qos=0))
        c.expect(DISCONNECT)

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-i", f"fake-in4-{version}", "-t", TOPIC, "-q", "2", "-C", "6"))
    lines = cl.stdout.split(b"\n")
    require(cl.rc == 0 and sorted(lines[:5]) == [b"a", b"b", b"c", b"d", b"e"] and lines[5:] == [b"end", b""],
            "expected a..e once each (QoS 2 may be delivered at PUBREL), then 'end'", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
