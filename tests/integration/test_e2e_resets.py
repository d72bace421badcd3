#!/usr/bin/env python3
"""End to end through connection resets: `pub -l -c` -> proxy -> Mosquitto -> proxy ->
`sub -c`, 20,000 numbered messages, every connection reset after 0.1-0.5 s and the
data cut in pieces of 1-64 bytes. MQTT 3.1.1 and 5.0 (and 5,000 in 3.1, QoS 2). QoS 2: none lost, none
duplicated. QoS 1: none lost (duplicates reported). The publisher exits 0 only when
every line is acknowledged.

    python3 tests/integration/test_e2e_resets.py [--client mqc|mosquitto] [--mqc PATH] [-n N] [--seed S]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402


def main():
    client, a = e2e.client_from_args()
    n = a.n or 20000
    seed = a.seed or "20"
    checks = e2e.Checks()
    print(f"client: {client}; {n} messages per run; proxy seed {seed}", flush=True)
    # 3.1 differs from 3.1.1 only in CONNECT/CONNACK/SUBACK: one short QoS 2 run.
    runs = [("3.1", 2, max(1, n // 4))] + [(v, q, n) for v in ("3.1.1", "5") for q in (2, 1)]
    for version, qos, count in runs:
        if True:
            with e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True) as broker, \
                 e2e.FaultProxy((broker.host, broker.port), seed=f"{seed}-{version}-{qos}",
                                reset=(0.1, 0.5), chunk=(1, 64), delay_ms=(0, 2),
                                delay_prob=0.02) as proxy:
                r = e2e.run_stream(client, broker, proxy, n=count, qos=qos, version=version,
                                   timeout=120)
                print(r.summary(), flush=True)
                name = f"v{version} qos {qos}"
                bad = [checks.check(r.lost == 0, f"{name}: none lost",
                                    f"lost {r.lost}, e.g. {r.lost_sample}")]
                if qos == 2:
                    bad.append(checks.check(r.dups_ours == 0, f"{name}: none duplicated",
                                            f"duplicated {r.dups} ({r.dups_by_broker} by the broker), e.g. {r.dup_sample}"))
                bad.append(checks.check(r.pub_rc == 0 and not r.timed_out,
                                        f"{name}: publisher exits 0 with all acknowledged",
                                        f"publisher rc {r.pub_rc}, timed out {r.timed_out}"))
                # The faults must really have hit both clients, or the test proves nothing.
                bad.append(checks.check(r.reconnects_pub >= 1 and r.reconnects_sub >= 1,
                                        f"{name}: both clients went through resets",
                                        f"reconnects pub {r.reconnects_pub} sub {r.reconnects_sub}"))
                if not all(bad):
                    print(r.tails)
                    print(e2e.broker_tail(broker))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
