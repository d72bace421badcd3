#!/usr/bin/env python3
"""Liveness under harsh faults: `pub -l -c -q 2` -> proxy -> Mosquitto -> proxy ->
`sub -c -q 2`, 100,000 numbered QoS 2 messages, every connection reset after
0.05-0.3 s, MQTT 3.1.1 and 5.0. None lost, none duplicated, and the longest
wait between two consecutive deliveries (arrival times, over the whole stream)
stays below a bound derived from the default reconnect policy (see GAP_BOUND).

The proxy seed changes from run to run (time based) and is printed; replay one with

    python3 tests/integration/test_e2e_harsh.py --seed S [-n N] [--mqc PATH]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402

RESET = (0.05, 0.3)
# The clients run with the default reconnect options (reconnect_min 1 s,
# reconnect_max 30 s), as a new user does: the issue 10 stall was seen so.
# The bound, from the policy in include/mqc.h under these faults. The broker
# is local, so every connection through the proxy gets its CONNACK and lives
# at most 0.3 s. One the broker answered in (an ack, a PUBLISH) retries within
# reconnect_min/4 = 0.25 s; one it did not answer in before the reset counts
# as a failure and waits up to reconnect_min = 1 s (2 s for a second in a
# row). Allowed in one gap: a counted failure of each client (2 * (1.0 + 0.3))
# plus two answered cycles of each (4 * (0.25 + 0.3)) = 4.8 s, plus a 2.2 s
# margin for a loaded 2-core machine (Mosquitto re-sends its whole in-flight
# window on every reconnect and reads no acks meanwhile, measured for
# issue 10): 7 s. The old policy ([min/2, min] after every connection) left
# the subscriber silent for over 5 s with messages still to come; a gap at the
# end of an incomplete stream counts (e2e.run_stream).
GAP_BOUND = 7.0


def main():
    client, a = e2e.client_from_args(default_reconnect=None)
    n = a.n or 100000
    seed = a.seed or str(int(time.time()) % 100000)
    checks = e2e.Checks()
    print(f"client: {client}; {n} QoS 2 messages per run; resets {RESET[0]}-{RESET[1]} s; "
          f"default reconnect options; proxy seed {seed} "
          f"(replay: --seed {seed})", flush=True)
    for version in ("3.1.1", "5"):
        with e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True) as broker, \
             e2e.FaultProxy((broker.host, broker.port), seed=f"{seed}-{version}",
                            reset=RESET) as proxy:
            r = e2e.run_stream(client, broker, proxy, n=n, qos=2, version=version,
                               timeout=240, stall=30)
            print(r.summary(), flush=True)
            print(f"v{version}: longest gap between deliveries {r.max_gap:.2f} s "
                  f"(after {r.max_gap_at} delivered; bound {GAP_BOUND} s)", flush=True)
            name = f"v{version} seed {seed}"
            ok = [checks.check(r.lost == 0, f"{name}: none lost",
                               f"lost {r.lost}, e.g. {r.lost_sample}"),
                  checks.check(r.dups == 0, f"{name}: none duplicated",
                               f"duplicated {r.dups}, e.g. {r.dup_sample}"),
                  checks.check(r.pub_rc == 0 and not r.timed_out,
                               f"{name}: publisher exits 0 with all acknowledged",
                               f"publisher rc {r.pub_rc}, timed out {r.timed_out}"),
                  checks.check(r.max_gap < GAP_BOUND,
                               f"{name}: longest gap {r.max_gap:.2f} s < {GAP_BOUND} s"),
                  checks.check(r.reconnects_pub >= 10 and r.reconnects_sub >= 10,
                               f"{name}: both clients went through many resets",
                               f"reconnects pub {r.reconnects_pub} sub {r.reconnects_sub}")]
            if not all(ok):
                print(r.tails)
                print(e2e.broker_tail(broker))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
