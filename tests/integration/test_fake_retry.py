"""Resending on a live connection after an ack timeout (--retry-interval).

  live_resend_v311      3.1.1 may resend on a live connection (v3 §4.4, non-normative):
                        an unacked QoS 1 PUBLISH comes again with DUP=1 and the same
                        id after about the interval, and the interval grows
  live_pubrel_v311      QoS 2 after PUBREC: only PUBREL is resent, never the PUBLISH
  no_live_resend_v5     5.0 forbids resending on a live connection (v5 §4.4): with
                        --retry-interval nothing is resent for 5 intervals (the client
                        may close the connection instead); after a reconnect with a
                        resumed session it is resent (DUP=1, same id)
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
RETRY = 0.5


def done(c):
    c.expect(DISCONNECT)
    c.wait_closed(3)


@suite.case
def live_resend_v311():
    st = {}

    def script(c):
        c.expect(CONNECT, version=V311)
        c.send(connack(0))
        p0 = c.expect(PUBLISH, qos=1, dup=False, payload="hello")
        p1 = c.expect(PUBLISH, qos=1, dup=True, id=p0.id, payload="hello", timeout=4 * RETRY + 1)
        p2 = c.expect(PUBLISH, qos=1, dup=True, id=p0.id, payload="hello", timeout=8 * RETRY + 1)
        st["gaps"] = (p1.t - p0.t, p2.t - p1.t)
        c.send(puback(p0.id))
        done(c)

    b, cl = run_scenario([script], "pub", lambda b: client_args(
        b, V311, "-q", "1", "-t", "t/retry", "-m", "hello", "--retry-interval", str(RETRY)), timeout=12)
    g1, g2 = st["gaps"]
    require(0.8 * RETRY <= g1 <= 2 * RETRY + 0.3,
            f"first resend {g1:.2f}s after the PUBLISH, --retry-interval {RETRY}", b, cl)
    require(g2 >= 1.3 * g1, f"retry interval did not grow: {g1:.2f}s then {g2:.2f}s", b, cl)
    require(cl.rc == 0, "expected exit 0 after the PUBACK", b, cl)


@suite.case
def live_pubrel_v311():
    def script(c):
        c.expect(CONNECT, version=V311)
        c.send(connack(0))
        p = c.expect(PUBLISH, qos=2, dup=False, payload="hello")
        c.send(pubrec(p.id))
        c.expect(PUBREL, id=p.id)
        c.expect(PUBREL, id=p.id, timeout=4 * RETRY + 1)   # never the PUBLISH again
        c.send(pubcomp(p.id))
        done(c)

    b, cl = run_scenario([script], "pub", lambda b: client_args(
        b, V311, "-q", "2", "-t", "t/retry", "-m", "hello", "--retry-interval", str(RETRY)), timeout=10)
    require(cl.rc == 0, "expected exit 0 after the PUBCOMP", b, cl)


@suite.case
def no_live_resend_v5():
    cid, st = "fake-retry-v5", {}

    def first(c):
        c.expect(CONNECT, version=V5, clean=False, client_id=cid)
        c.send(connack(0))
        st["pub"] = c.expect(PUBLISH, qos=1, dup=False, payload="hello")
        deadline = time.monotonic() + 5 * RETRY
        while time.monotonic() < deadline:
            p = c.recv(deadline - time.monotonic())
            if p is None:
                break
            if p is EOF:
                return                  # the client gave up on the connection: allowed
            if p.type == PUBLISH:
                c.fail(f"5.0 client resent on the live connection (v5 §4.4 forbids it): {p!r}")
        c.close()                       # then resend belongs to the resumed session

    def second(c):
        c.expect(CONNECT, version=V5, clean=False, client_id=cid)
        c.send(connack(1))
        c.expect(PUBLISH, qos=1, dup=True, id=st["pub"].id, payload="hello")
        c.send(puback(st["pub"].id))
        done(c)

    b, cl = run_scenario([first, second], "pub", lambda b: client_args(
        b, V5, "-c", "-i", cid, "-q", "1", "-t", "t/retry", "-m", "hello",
        "--retry-interval", str(RETRY)), timeout=10)
    require(cl.rc == 0, "expected exit 0 after the PUBACK on the resumed session", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
