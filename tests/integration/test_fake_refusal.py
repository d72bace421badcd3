"""Refusals the client must report and stop on.

  connack_refused   3.1.1 CONNACK return code 5 / 5.0 reason 0x87 (Not authorized):
                    `mqc pub` exits with the code (5 / 135, as mosquitto_pub), names the
                    reason on stderr, does not retry
                    (a refusal that retrying cannot heal) and sends no PUBLISH
  suback_failure    SUBACK 0x80 for the only subscription: `mqc sub` exits non-zero
                    with a clear message on stderr
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from fakebroker import *  # noqa: E402,F403

suite = Suite()


def unexpected_retry(c):
    """A reconnect after a fatal refusal: answer it the same way, and record it."""
    c.expect(CONNECT)
    c.note_failure("client connected again after a 'not authorized' refusal")
    c.send(connack(0, 0x87 if c.version == V5 else 5))


@suite.each_version
def connack_refused(version):
    rc = 0x87 if version == V5 else 5

    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0, rc))
        got = c.wait_closed(3)
        if any(p.type == PUBLISH for p in got):
            c.fail(f"client sent PUBLISH after a refused CONNACK: {got}")

    b, cl = run_scenario([script], "pub", lambda b: client_args(
        b, version, "-q", "1", "-t", "t/refused", "-m", "x"), extra=unexpected_retry, timeout=6)
    err = cl.stderr.decode("utf-8", "replace").lower()
    require(cl.rc == rc,
            f"expected exit {rc} (the CONNACK code, as mosquitto_pub) after CONNACK 0x{rc:02x}",
            b, cl)
    require("not authori" in err,
            f"expected the reason ('not authorized') named on stderr after CONNACK 0x{rc:02x}", b, cl)
    require(len(b.conns) == 1, f"expected no retry after a fatal refusal, saw {len(b.conns)} connections", b, cl)


@suite.each_version
def suback_failure(version):
    def script(c):
        c.expect(CONNECT, version=version)
        c.send(connack(0))
        s = c.expect(SUBSCRIBE, where=lambda p: p.subs == [("t/deny", 1)])
        c.send(suback(s.id, [0x80]))
        got = c.wait_closed(3)
        if any(p.type not in (DISCONNECT, PINGREQ, UNSUBSCRIBE) for p in got):
            c.fail(f"unexpected packets after the refused subscription: {got}")

    b, cl = run_scenario([script], "sub", lambda b: client_args(
        b, version, "-t", "t/deny", "-q", "1"), timeout=6)
    err = cl.stderr.decode("utf-8", "replace").lower()
    require(cl.rc not in (0, None) and cl.rc > 0,
            "expected a non-zero exit code (not a signal) after SUBACK 0x80", b, cl)
    words = ("denied", "refused", "failed", "rejected", "not granted", "0x80", "unspecified")
    require(any(w in err for w in words),
            f"expected stderr to say the subscription failed (one of {words})", b, cl)


def rejected(ptype, qos, ack):
    """5.0 PUBACK/PUBREC with a reason >= 0x80 ends the exchange; the message failed."""
    def script(c):
        c.expect(CONNECT, version=V5)
        c.send(connack(0))
        p = c.expect(PUBLISH, qos=qos, payload="x")
        c.send(ack(p.id, 0x87))
        got = c.wait_closed(3)
        bad = [q for q in got if q.type in (PUBLISH, PUBREL)]
        if bad:
            c.fail(f"after {NAMES[ptype]} 0x87 the exchange is over; client sent {bad}")

    b, cl = run_scenario([script], "pub", lambda b: client_args(
        b, V5, "-q", str(qos), "-t", "t/rejected", "-m", "x"), timeout=6)
    # mqc pub's own code 41 (a message failed); mosquitto_pub has none for it.
    want = (lambda rc: rc not in (0, None) and rc > 0) if os.environ.get("MQC_STANDIN") \
        else (lambda rc: rc == 41)
    require(want(cl.rc) and cl.stderr.strip(),
            f"a message refused with {NAMES[ptype]} 0x87 must make the exit code 41 "
            f"with a message on stderr", b, cl)


@suite.case
def puback_rejected_v5():
    rejected(PUBACK, 1, puback)


@suite.case
def pubrec_rejected_v5():
    rejected(PUBREC, 2, pubrec)


if __name__ == "__main__":
    sys.exit(suite.run())
