"""Resend after a reconnect with a resumed session (v3 §4.4, v5 §4.4), against the
scripted fake broker: the connection drops at an exact point, the broker answers the
second CONNECT with session present 1, and checks what the client sends again.

  qos1          PUBLISH QoS 1 unacked -> resent with DUP=1, same id, same payload
  qos2_publish  QoS 2 dropped before PUBREC -> PUBLISH resent (DUP=1, same id)
  qos2_pubrel   QoS 2 dropped after PUBREC -> PUBREL resent, never the PUBLISH
  order_qos1    5 unacked QoS 1 messages -> resent in the original order
  order_qos2    4 QoS 2 messages, 2 past PUBREC -> PUBRELs in order, then the
                other 2 PUBLISHes (DUP=1) in order; no PUBLISH for the first 2
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()


def resumable_connect(c, version, cid):
    """The CONNECT of a client that asked for a session to resume."""
    p = c.expect(CONNECT, clean=False, client_id=cid, version=version)
    if version == V5 and not p.props.get("session_expiry_interval"):
        c.fail(f"5.0 CONNECT with Clean Start 0 but Session Expiry Interval "
               f"{p.props.get('session_expiry_interval', 0)}: the broker would keep no "
               f"session (v5 §3.1.2.11.2); props={p.props}")
    return p


def pub_args(version, cid, qos, *more):
    return lambda b: client_args(b, version, "-c", "-i", cid, "-q", str(qos), "-t", "t/resend", *more)


def finish(c):
    """The client ends with DISCONNECT once everything is acknowledged."""
    c.expect(DISCONNECT, where=lambda p: p.reason in (None, 0))
    c.wait_closed(3)


@suite.each_version
def qos1(version):
    cid, st = f"fake-q1-{version}", {}

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        st["pub"] = c.expect(PUBLISH, qos=1, dup=False, payload="hello", topic="t/resend")
        c.close()                             # no PUBACK: the message is still ours

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        p = c.expect(PUBLISH, qos=1, dup=True, id=st["pub"].id, payload="hello", topic="t/resend")
        c.send(puback(p.id))
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 1, "-m", "hello"))
    require(cl.rc == 0, "mqc pub must exit 0 once the resent message is acknowledged", b, cl)


@suite.each_version
def qos2_publish(version):
    cid, st = f"fake-q2p-{version}", {}

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        st["pub"] = c.expect(PUBLISH, qos=2, dup=False, payload="hello")
        c.close()                             # before PUBREC

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        p = c.expect(PUBLISH, qos=2, dup=True, id=st["pub"].id, payload="hello")
        c.send(pubrec(p.id))
        c.expect(PUBREL, id=p.id)
        c.send(pubcomp(p.id))
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 2, "-m", "hello"))
    require(cl.rc == 0, "mqc pub must exit 0 after PUBCOMP", b, cl)


@suite.each_version
def qos2_pubrel(version):
    cid, st = f"fake-q2r-{version}", {}

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        p = st["pub"] = c.expect(PUBLISH, qos=2, dup=False, payload="hello")
        c.send(pubrec(p.id))
        c.expect(PUBREL, id=p.id)
        c.close()                             # after PUBREC, before PUBCOMP

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        # Resending the PUBLISH here would duplicate the message (v5 §4.3.3).
        c.expect(PUBREL, id=st["pub"].id)
        c.send(pubcomp(st["pub"].id))
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 2, "-m", "hello"))
    require(cl.rc == 0, "mqc pub must exit 0 after PUBCOMP", b, cl)


LINES5 = "".join(f"m{i}\n" for i in range(5))


@suite.each_version
def order_qos1(version):
    cid, st = f"fake-o1-{version}", {}

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        st["pubs"] = [c.expect(PUBLISH, qos=1, dup=False, payload=f"m{i}") for i in range(5)]
        c.close()

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        for old in st["pubs"]:
            c.expect(PUBLISH, qos=1, dup=True, id=old.id, payload=old.payload)
        for old in st["pubs"]:
            c.send(puback(old.id))
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 1, "-l"), stdin=LINES5)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 5 are acknowledged", b, cl)


@suite.each_version
def order_qos2(version):
    cid, st = f"fake-o2-{version}", {}

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        pubs = st["pubs"] = [c.expect(PUBLISH, qos=2, dup=False, payload=f"m{i}") for i in range(4)]
        c.send(pubrec(pubs[0].id), pubrec(pubs[1].id))
        c.expect(PUBREL, id=pubs[0].id)
        c.expect(PUBREL, id=pubs[1].id)
        c.close()

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        pubs = st["pubs"]
        got = [c.expect() for _ in range(4)]
        rels = [p.id for p in got if p.type == PUBREL]
        again = [(p.id, p.payload, p.dup) for p in got if p.type == PUBLISH]
        if rels != [pubs[0].id, pubs[1].id] or again != [(pubs[2].id, b"m2", True), (pubs[3].id, b"m3", True)] \
                or len(rels) + len(again) != 4:
            c.fail(f"after resume expected PUBREL {pubs[0].id}, {pubs[1].id} (in that order) and "
                   f"PUBLISH dup {pubs[2].id} 'm2', {pubs[3].id} 'm3' (in that order), got {got}")
        c.send(pubcomp(pubs[0].id), pubcomp(pubs[1].id), pubrec(pubs[2].id), pubrec(pubs[3].id))
        c.expect(PUBREL, id=pubs[2].id)
        c.expect(PUBREL, id=pubs[3].id)
        c.send(pubcomp(pubs[2].id), pubcomp(pubs[3].id))
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 2, "-l"),
                         stdin="".join(f"m{i}\n" for i in range(4)))
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 4 are complete", b, cl)


@suite.each_version
def ids_not_reused_after_resume(version):
    """Ids of resent, still unacknowledged messages stay in use on the resumed session
    (v3 §2.3.1, v5 §2.2.1): new messages sent meanwhile take other ids."""
    cid, st = f"fake-ids-{version}", Shared()

    def first(c):
        resumable_connect(c, version, cid)
        c.send(connack(0))
        st["client"].write("m0\nm1\n")
        st["old"] = [c.expect(PUBLISH, qos=1, dup=False, payload=f"m{i}") for i in range(2)]
        c.close()

    def second(c):
        resumable_connect(c, version, cid)
        c.send(connack(1))
        old = st["old"]
        for p in old:
            c.expect(PUBLISH, qos=1, dup=True, id=p.id, payload=p.payload)
        st["client"].write("m2\nm3\nm4\n")
        new = [c.expect(PUBLISH, qos=1, dup=False, payload=f"m{i}") for i in range(2, 5)]
        in_use = {p.id for p in old}
        clash = [p for p in new if p.id in in_use]
        if clash or len({p.id for p in new}) != len(new):
            c.fail(f"new messages took ids still in use: old {sorted(in_use)}, new {[p.id for p in new]}")
        for p in old + new:
            c.send(puback(p.id))
        st["client"].close_stdin()
        finish(c)

    b, cl = run_scenario([first, second], "pub", pub_args(version, cid, 1, "-l"), stdin=PIPE, state=st)
    require(cl.rc == 0, "mqc pub -l must exit 0 once all 5 are acknowledged", b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
