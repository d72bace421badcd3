"""Flow control of outbound QoS 1 (v5 §4.9, §3.2.2.3.3; the 3.1.1 client window).

The fake broker withholds PUBACKs and counts the client's unacknowledged PUBLISHes:
  receive_maximum_v5   CONNACK Receive Maximum 3, `mqc pub -l -q 1` with 10 lines
  max_inflight_v311    3.1.1, `mqc pub -l -q 1 --max-inflight 2` with 10 lines
It waits with the window full (nothing more may come), then acks one at a time; the
window must never be exceeded, all 10 arrive once, in order, with DUP=0, and the
client exits 0 after DISCONNECT. Also: our window below the server's, a Receive
Maximum that shrinks on a resumed session (resends count), and the server's
Maximum Packet Size.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()
N = 10
LINES = "".join(f"line{i}\n" for i in range(N))


def windowed(version, window, connack_props):
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0, 0, connack_props))
        outstanding, got = [], []

        def take():
            p = c.expect(PUBLISH, qos=1, dup=False, payload=f"line{len(got)}")
            if p.id in outstanding:
                c.fail(f"packet id {p.id} reused while still unacknowledged")
            outstanding.append(p.id)
            got.append(p)
            if len(outstanding) > window:
                c.fail(f"{len(outstanding)} unacknowledged PUBLISHes outstanding "
                       f"(ids {outstanding}), window is {window}")

        for _ in range(window):
            take()
        c.expect_nothing(0.6)                  # window full: nothing more may come
        while len(got) < N:
            c.send(puback(outstanding.pop(0)))
            take()
            if len(got) == N // 2:
                c.expect_nothing(0.3)          # and still nothing beyond the window
        while outstanding:
            c.send(puback(outstanding.pop(0)))
        c.expect(DISCONNECT)
        c.wait_closed(3)
    return script


@suite.case
def receive_maximum_v5():
    b, cl = run_scenario([windowed(V5, 3, {"receive_maximum": 3})], "pub",
                         lambda b: client_args(b, V5, "-q", "1", "-t", "t/flow", "-l"), stdin=LINES)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 10 are acknowledged", b, cl)


@suite.case
def max_inflight_v311():
    b, cl = run_scenario([windowed(V311, 2, None)], "pub",
                         lambda b: client_args(b, V311, "-q", "1", "-t", "t/flow", "-l",
                                               "--max-inflight", "2"), stdin=LINES)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 10 are acknowledged", b, cl)


@suite.case
def max_inflight_below_receive_maximum_v5():
    """The smaller of our window and the server's Receive Maximum applies."""
    b, cl = run_scenario([windowed(V5, 2, {"receive_maximum": 5})], "pub",
                         lambda b: client_args(b, V5, "-q", "1", "-t", "t/flow", "-l",
                                               "--max-inflight", "2"), stdin=LINES)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 10 are acknowledged", b, cl)


@suite.case
def server_maximum_packet_size_v5():
    """CONNACK Maximum Packet Size 64: a PUBLISH that would exceed it is never sent
    (v5 §3.1.2.11.4, §3.2.2.3.6). The client may go on with the next line (which
    fits) or stop; either way the exit code and stderr must tell."""
    def script(c):
        c.expect(CONNECT, version=V5)
        c.send(connack(0, 0, {"maximum_packet_size": 64}))
        while True:
            p = c.recv(5.0)
            if p is None:
                c.fail("client neither finished nor closed within 5 s")
            if p is EOF:
                return
            if p.type == PUBLISH:
                if len(p.raw) > 64:
                    c.fail(f"PUBLISH of {len(p.raw)} bytes sent; the server's Maximum Packet Size is 64: {p!r}")
                if p.payload != b"ok":
                    c.fail(f"unexpected {p!r}")
                c.send(puback(p.id))

    b, cl = run_scenario([script], "pub", lambda b: client_args(
        b, V5, "-q", "1", "-t", "t/flow", "-l"), stdin="A" * 100 + "\nok\n", timeout=8)
    require(cl.rc not in (0, None) and cl.rc > 0 and cl.stderr.strip(),
            "a message over the server's Maximum Packet Size could not be sent: expected a "
            "non-zero exit code and a message on stderr", b, cl)

@suite.case
def receive_maximum_shrinks_on_resume_v5():
    """5 unacked messages, then the resumed connection's CONNACK says Receive Maximum 2:
    the resends count against it (v5 §4.9): 2 at a time, in order, DUP=1, same ids."""
    cid, st = "fake-rm-resume", {}

    def first(c):
        c.expect(CONNECT, version=V5, clean=False, client_id=cid)
        c.send(connack(0, 0, {"receive_maximum": 10}))
        st["pubs"] = [c.expect(PUBLISH, qos=1, dup=False, payload=f"line{i}") for i in range(5)]
        c.close()

    def second(c):
        c.expect(CONNECT, version=V5, clean=False, client_id=cid)
        c.send(connack(1, 0, {"receive_maximum": 2}))
        pubs, outstanding = st["pubs"], []
        for old in pubs[:2]:
            outstanding.append(c.expect(PUBLISH, qos=1, dup=True, id=old.id, payload=old.payload).id)
        c.expect_nothing(0.5)
        for old in pubs[2:]:
            c.send(puback(outstanding.pop(0)))
            outstanding.append(c.expect(PUBLISH, qos=1, dup=True, id=old.id, payload=old.payload).id)
        for i in outstanding:
            c.send(puback(i))
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "pub", lambda b: client_args(
        b, V5, "-c", "-i", cid, "-q", "1", "-t", "t/flow", "-l"),
        stdin="".join(f"line{i}\n" for i in range(5)), timeout=8)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 5 are acknowledged", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
