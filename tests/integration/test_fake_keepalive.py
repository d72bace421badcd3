"""Keep alive (v3/v5 §3.1.2.10): a broker that stops answering PINGREQ. The client
must send PINGREQ when idle, give up on the missing PINGRESP, close the connection
and reconnect: the second CONNECT must come between 1.25 and 2.5 keep-alive periods
(plus the reconnect delay) after the client's last packet before the silence.
After the reconnect the broker delivers one message, so `mqc sub -C 1` exits 0.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
TOPIC = "t/ka"
# mqc reconnects after --reconnect-min 0.1..0.2 s; mosquitto_sub after 1 s.
RECONNECT_SLACK = 1.3 if standin() else 0.4


def check(version, ka):
    st = {}
    if standin():
        ka = 5                 # mosquitto_sub refuses keep alive < 5

    def first(c):
        c.expect(CONNECT, version=version, keepalive=ka)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [0]))
        t = c.stall(3 * ka + 2)
        if t is None:
            c.fail(f"client kept a silent connection open for {3 * ka + 2}s with keep alive {ka}s")
        if not c.received(PINGREQ):
            c.fail("client closed without ever sending PINGREQ")

    def second(c):
        st["connect"] = c.expect(CONNECT, version=version, keepalive=ka)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [0]))
        c.send(publish(TOPIC, "after-reconnect"))
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, version, "-k", str(ka), "-t", TOPIC, "-C", "1"), timeout=3 * ka + 8)
    c0 = b.conns[0]
    ping0 = c0.received(PINGREQ)[0]
    quiet_from = [p for p in c0.packets if p.t <= ping0.t and p.type != PINGREQ][-1].t  # SUBSCRIBE
    first_ping = ping0.t - quiet_from
    again = st["connect"].t - quiet_from
    require(0.9 * ka <= first_ping <= 1.6 * ka,
            f"first PINGREQ {first_ping:.2f}s after the last packet, keep alive {ka}s", b, cl)
    closed = c0.t_eof - quiet_from
    # Lower bound: the client gave PINGRESP a fair wait (a quarter keep alive) after
    # its PINGREQ; upper: 2.5 keep alives plus the reconnect delay.
    require(1.25 * ka <= again <= 2.5 * ka + RECONNECT_SLACK,
            f"second CONNECT {again:.2f}s after the last packet before the silence (closed at "
            f"{closed:.2f}s); expected {1.25 * ka:.2f}..{2.5 * ka + RECONNECT_SLACK:.1f}s "
            f"(keep alive {ka}s)", b, cl)
    require(cl.rc == 0 and cl.stdout == b"after-reconnect\n",
            "expected exit 0 and the message delivered after the reconnect", b, cl)
    return (f"PINGREQ after {first_ping:.2f}s, closed after {closed:.2f}s, CONNECT again after "
            f"{again:.2f}s (keep alive {ka}s)")


@suite.case
def stalled_pingresp_v311_k2():
    return check(V311, 2)


@suite.case
def stalled_pingresp_v5_k1():
    return check(V5, 1)


@suite.case
def server_keep_alive_v5():
    """CONNACK Server Keep Alive 1 overrides the client's -k 60 (v5 §3.2.2.3.14)."""
    st = {}

    def script(c):
        c.expect(CONNECT, version=V5, keepalive=60)
        c.send(connack(0, 0, {"server_keep_alive": 1}))
        s = st["sub"] = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [0]))
        st["ping"] = c.expect(PINGREQ, timeout=3.0)
        c.send(publish(TOPIC, "pinged"))
        c.expect(DISCONNECT)

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, V5, "-k", "60", "-t", TOPIC, "-C", "1"), timeout=8)
    gap = st["ping"].t - st["sub"].t
    require(0.5 <= gap <= 1.6, f"PINGREQ {gap:.2f}s after the last packet; Server Keep Alive is 1s", b, cl)
    require(cl.rc == 0 and cl.stdout == b"pinged\n", "expected exit 0 and the message", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
