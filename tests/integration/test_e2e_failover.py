#!/usr/bin/env python3
"""Failover across a broker list of three independent Mosquittos (include/mqc.h,
broker lists): `mqc pub -l -c` and `mqc sub -c`, both given all three, stream
numbered QoS 1 messages; the broker both are on is killed (SIGKILL) at a third of
the stream, the next one at two thirds.

Independent Mosquittos share no sessions, so what the spec allows is asserted,
not "0 lost": each client moves to the next broker of its list (never back to the
dead one first, no reconnect storm), the new broker says session present 0 and the
client reports the session lost, the publisher sends its unacknowledged messages
again (lost_policy resend) so every message is acknowledged by some broker, the
subscriber gets the messages published after each move, nobody crashes. What died
with a broker (taken, not yet delivered) and what was published on the next one
before the subscriber had subscribed there is lost: counted and printed.

    python3 tests/integration/test_e2e_failover.py [-n N] [--rate R]
"""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402
import failover  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=6000)
    ap.add_argument("--rate", type=int, default=2000)
    a = ap.parse_args()
    mqc = e2e.find_mqc(None)
    checks = e2e.Checks()
    brokers = [e2e.Mosquitto(conf=e2e.BROKER_CONF) for _ in range(3)]
    try:
        for b in brokers:
            b.start()
        names = [f"{b.host}:{b.port}" for b in brokers]
        s = failover.Stream(mqc, names, names, n=a.n, rate=a.rate)
        s.precreate()

        def kill(i):
            return lambda st: st.stop_broker(names[i], lambda: brokers[i].stop(signal.SIGKILL))
        s.run(triggers=[(a.n // 3, kill(0)), (2 * a.n // 3, kill(1))], timeout=120)
        print(s.summary(), flush=True)
        for f in s.failovers:
            print("  " + f.describe(), flush=True)
        for w in (s.pubw, s.subw):
            print(f"  {w.name} connections: " + ", ".join(
                f"{b} (session present {sp}{', session lost' if lost else ''})"
                for _, b, sp, lost in w.conns), flush=True)
        checks.check(len(s.failovers) == 2, "two brokers killed mid-stream",
                     f"{len(s.failovers)} (the stream ended early?)\n{s.tails}")
        checks.check(s.pub_rc == 0, "the publisher had every message acknowledged (exit 0)",
                     f"rc {s.pub_rc}\n{s.tails}")
        checks.check(s.sub_rc == 0, "the subscriber stopped cleanly on SIGTERM (exit 0)",
                     f"rc {s.sub_rc}\n{s.tails}")
        for w in (s.pubw, s.subw):
            where = [b for _, b, _, _ in w.conns]
            checks.check(where == names, f"{w.name} moved along its list: " + " -> ".join(names),
                         f"connections {where}\n{s.tails}")
            checks.check(all(sp == 0 and lost for _, _, sp, lost in w.conns[1:]),
                         f"{w.name}: each next broker said session present 0, reported lost",
                         f"{w.conns}")
            checks.check(w.attempts <= 5, f"{w.name}: no reconnect storm (at most 5 attempts)",
                         f"{w.attempts} attempts\n{s.tails}")
        for i, f in enumerate(s.failovers):
            checks.check(len(f.clients) == 2 and all(b == names[i + 1] for b in f.first_try.values()),
                         f"after {f.what} died, pub and sub tried the next broker first, not it",
                         f"on it: {[c.name for c in f.clients]}, first tries: {f.first_try}")
        checks.check(all(f.first_new_after is not None for f in s.failovers),
                     "new messages reached the subscriber after each failover",
                     "; ".join(f.describe() for f in s.failovers))
        checks.check(s.tally.counts[a.n - 1] > 0, "the last message arrived",
                     f"lost e.g. {s.tally.lost_sample()}")
    finally:
        for b in brokers:
            b.close()
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
