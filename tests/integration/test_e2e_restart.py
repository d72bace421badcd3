#!/usr/bin/env python3
"""End to end through broker restarts: 20,000 numbered messages from `pub -l -c` to
`sub -c` while Mosquitto (persistence on, max_inflight_messages 65534) is stopped
with SIGTERM and started again on the same port, twice. QoS 1: none lost. QoS 2:
none lost and none duplicated. MQTT 3.1.1 and 5.0.

    python3 tests/integration/test_e2e_restart.py [--client mqc|mosquitto] [--mqc PATH] [-n N]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402


def main():
    client, a = e2e.client_from_args()
    n = a.n or 20000
    checks = e2e.Checks()
    print(f"client: {client}; {n} messages per run", flush=True)
    for version, qos in (("3.1.1", 1), ("3.1.1", 2), ("5", 1), ("5", 2)):
        with e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True) as broker, \
             e2e.FaultProxy((broker.host, broker.port), seed="restart") as proxy:
            restarts = []

            def restart():
                broker.restart()
                restarts.append(broker.port)
            r = e2e.run_stream(client, broker, proxy, n=n, qos=qos, version=version,
                               timeout=120, triggers=[(n // 4, restart), (n // 2, restart)])
            print(r.summary(), flush=True)
            name = f"v{version} qos {qos}"
            bad = [checks.check(len(restarts) == 2, f"{name}: broker restarted twice mid-stream",
                                f"restarts done: {len(restarts)}")]
            bad.append(checks.check(r.lost == 0, f"{name}: none lost",
                                    f"lost {r.lost}, e.g. {r.lost_sample}"))
            if qos == 2:
                bad.append(checks.check(r.dups_ours == 0, f"{name}: none duplicated",
                                        f"duplicated {r.dups} ({r.dups_by_broker} by the broker), e.g. {r.dup_sample}"))
            else:
                print(f"  qos 1 duplicates: {r.dups}", flush=True)
            bad.append(checks.check(r.pub_rc == 0 and not r.timed_out,
                                    f"{name}: publisher exits 0 with all acknowledged",
                                    f"publisher rc {r.pub_rc}, timed out {r.timed_out}"))
            if not all(bad):
                print(r.tails)
                print(e2e.broker_tail(broker, 40))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
