"""The broker lost the session: CONNACK session present 0 on a reconnect that asked
to resume (v3/v5 §4.4, mqtt-rules "session present=0").

  inflight_qos1   a QoS 1 message was in flight: the client must either send it again
                  (as a new exchange, after the CONNACK) and exit 0 once acknowledged,
                  or exit non-zero saying so; exiting 0 without it being acknowledged
                  is a silent loss
  resubscribe     `mqc sub -c`: the subscription must be renewed on that connection
  server_disconnect_v5 / session_present_on_clean_start_v5: see their docstrings
  one_subscribe   the connection drops before the SUBACK: on the next connection the
                  filter is subscribed once, not twice (a broker re-sends retained
                  messages for every SUBSCRIBE, v3 §3.8.4 / v5 §3.3.1.3, so a second
                  one prints them twice)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()


@suite.each_version
def inflight_qos1(version):
    cid, st = f"fake-lost-{version}", {"acked": False}

    def first(c):
        c.expect(CONNECT, version=version, clean=False, client_id=cid)
        c.send(connack(0))
        c.expect(PUBLISH, qos=1, dup=False, payload="hello")
        c.close()

    def second(c):
        c.expect(CONNECT, version=version, clean=False, client_id=cid)
        c.send(connack(0))                      # "I know nothing about you"
        p = c.recv(3.0)
        while p is not None and p is not EOF and p.type == PINGREQ:
            p = c.recv(3.0)
        if p is None or p is EOF or p.type == DISCONNECT:
            return                              # gave up on it: the exit code must say so
        if p.type != PUBLISH or p.payload != b"hello" or p.qos != 1:
            c.fail(f"expected the lost message again as PUBLISH or nothing, got {p!r}")
        c.send(puback(p.id))
        st["acked"] = True
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "pub", lambda b: client_args(
        b, version, "-c", "-i", cid, "-q", "1", "-t", "t/lost", "-m", "hello"), timeout=8)
    if st["acked"]:
        require(cl.rc == 0, "message resent and acknowledged: expected exit 0", b, cl)
        return "the client resent the message as new"
    require(cl.rc not in (0, None) and cl.rc > 0 and cl.stderr.strip(),
            "the in-flight message was neither resent nor reported: exit 0 would hide a loss",
            b, cl)
    return f"the client reported the loss: exit {cl.rc}, {cl.stderr.strip()[-120:]!r}"


@suite.each_version
def resubscribe(version):
    cid = f"fake-resub-{version}"

    def connected(c):
        c.expect(CONNECT, version=version, clean=False, client_id=cid)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs == [("t/lost", 1)])
        c.send(suback(s.id, [1]))

    def first(c):
        connected(c)
        c.close()

    def second(c):
        connected(c)
        c.send(publish("t/lost", "after", qos=1, id=1))
        c.expect(PUBACK, id=1)
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, version, "-c", "-i", cid, "-q", "1", "-t", "t/lost", "-C", "1"), timeout=8)
    require(cl.rc == 0 and cl.stdout == b"after\n", "expected exit 0 and the message", b, cl)


@suite.each_version
def one_subscribe(version):
    def first(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        c.expect(SUBSCRIBE, where=lambda p: p.subs == [("t/once", 1)])
        c.close()                               # before the SUBACK

    def second(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs == [("t/once", 1)])
        c.send(suback(s.id, [1]))
        c.send(publish("t/once", "retained", qos=1, id=1, retain=True))
        c.sleep(0.5)                            # a second SUBSCRIBE would show by now
        again = [p for p in c.received(SUBSCRIBE)[1:]]
        if again:
            c.fail(f"filter 't/once' subscribed {1 + len(again)} times on one connection "
                   f"({[s] + again}); the broker re-sends retained messages for each")
        c.expect(PUBACK, id=1)
        c.expect_nothing(0.2)
        c.send(publish("t/once", "live", qos=1, id=2))
        c.expect(PUBACK, id=2)
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, version, "-i", f"fake-once-{version}", "-q", "1", "-t", "t/once", "-C", "2"), timeout=8)
    require(cl.rc == 0 and cl.stdout == b"retained\nlive\n", "expected exit 0 and both messages", b, cl)

@suite.case
def server_disconnect_v5():
    """The server sends DISCONNECT 0x8B (server shutting down) and closes: the client
    reconnects, subscribes again (session present 0) and goes on."""
    def first(c):
        c.expect(CONNECT, version=V5)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE)
        c.send(suback(s.id, [1]))
        c.send(disconnect(0x8B, {"reason_string": "maintenance"}))
        got = c.wait_closed(2)
        if got:
            c.fail(f"client sent {got} after the server's DISCONNECT (v5 §3.14: the connection ends)")

    def second(c):
        c.expect(CONNECT, version=V5)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs == [("t/sd", 1)])
        c.send(suback(s.id, [1]))
        c.send(publish("t/sd", "back", qos=1, id=1))
        c.expect(PUBACK, id=1)
        c.expect(DISCONNECT)

    b, cl = run_scenario([first, second], "sub", lambda b: client_args(
        b, V5, "-q", "1", "-t", "t/sd", "-C", "1"))
    require(cl.rc == 0 and cl.stdout == b"back\n", "expected exit 0 and the message after the reconnect", b, cl)


@suite.case
def session_present_on_clean_start_v5():
    """Clean Start 1 answered with Session Present 1 (v5 [MQTT-3.2.2-4]): the client
    has no such session and must close the connection; then it may reconnect (with
    Clean Start 1) or stop with an error."""
    def first(c):
        c.expect(CONNECT, version=V5, clean=True)
        c.send(connack(1))
        got = c.wait_closed(2)
        pubs = [p for p in got if p.type == PUBLISH]
        if pubs:
            c.fail(f"client published on a connection with a bogus session present 1: {pubs}")

    def second(c):
        c.expect(CONNECT, version=V5, clean=True)
        c.send(connack(0))
        p = c.expect(PUBLISH, qos=1, payload="x")
        c.send(puback(p.id))
        c.expect(DISCONNECT)

    st = {"acked": False}

    def second_acked(c):
        second(c)
        st["acked"] = True

    b, cl = run_scenario([first], "pub", lambda b: client_args(
        b, V5, "-q", "1", "-t", "t/sp", "-m", "x"), timeout=6, extra=second_acked)
    if len(b.conns) > 1:
        require(cl.rc == 0 and st["acked"], "reconnected: expected the message through and exit 0", b, cl)
    else:
        require(cl.rc is not None and cl.rc > 0 and cl.stderr.strip(),
                "no reconnect: expected a non-zero exit code and a message", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
