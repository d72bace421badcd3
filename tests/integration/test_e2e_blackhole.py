#!/usr/bin/env python3
"""End to end through a blackhole: mid-stream the proxy keeps every connection open
but forwards nothing, so only keep alive can tell. Both clients (-k 2) must notice
within 1.5 x the keep alive, reconnect, and the stream of 20,000 QoS 2 messages must
complete with none lost and none duplicated. MQTT 3.1.1 and 5.0.

    python3 tests/integration/test_e2e_blackhole.py [--client mqc|mosquitto] [--mqc PATH] [-n N]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402

SCHEDULING = 0.1


def main():
    client, a = e2e.client_from_args()
    n = a.n or 20000
    keepalive = max(2, client.min_keepalive)
    reconnect_max = client.reconnect[1] if client.kind == "mqc" else 1.0
    # The client's timer may fire a little late on a loaded machine.
    limit = 1.5 * keepalive + SCHEDULING
    checks = e2e.Checks()
    print(f"client: {client}; {n} messages per run; keep alive {keepalive} s; limit "
          f"1.5 x keep alive + {SCHEDULING} s scheduling allowance = {limit:.2f} s", flush=True)
    for version in ("3.1.1", "5"):
        with e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True) as broker, \
             e2e.FaultProxy((broker.host, broker.port), seed="blackhole", chunk=(1, 64)) as proxy:
            def blackhole():
                t = time.monotonic()
                proxy.blackhole_all()
                return t
            r = e2e.run_stream(client, broker, proxy, n=n, qos=2, version=version,
                               keepalive=keepalive, timeout=120,
                               triggers=[(min(1000, n // 4), blackhole)])
            print(r.summary(), flush=True)
            name = f"v{version}"
            bad = []
            t0 = r.trigger_values[0] if r.trigger_values else None
            for role, cid in (("publisher", r.pub_id), ("subscriber", r.sub_id)):
                tm = e2e.blackhole_timings(proxy, t0, cid) if t0 else {}
                detect, again = tm.get("detect"), tm.get("reconnect")
                print(f"  {role}: blackholed connections {tm.get('blackholed')}, keep alive "
                      f"noticed after {_s(detect)}, new connection after {_s(again)} "
                      f"(limit {limit:.2f} s)", flush=True)
                bad.append(checks.check(tm.get("blackholed", 0) >= 1,
                                        f"{name}: {role} was blackholed mid-stream"))
                # Noticed = the client closed the blackholed connection (seen at the
                # proxy). PINGREQ goes out one keep alive after the last packet, so
                # 1.5 x needs a PINGRESP wait of at most half a keep alive.
                bad.append(checks.check(detect is not None and detect <= limit,
                                        f"{name}: {role} noticed within 1.5 x keep alive",
                                        f"noticed after {_s(detect)}, limit {limit:.2f} s"))
                # After noticing, the next attempt comes within the reconnect backoff.
                bad.append(checks.check(again is not None and detect is not None and
                                        again <= detect + reconnect_max + 0.5,
                                        f"{name}: {role} reconnected after noticing",
                                        f"noticed after {_s(detect)}, new connection after "
                                        f"{_s(again)}"))
            bad.append(checks.check(r.lost == 0 and r.dups_ours == 0,
                                    f"{name}: stream complete, none lost, none duplicated",
                                    f"lost {r.lost} {r.lost_sample}, duplicated {r.dups} "
                                    f"{r.dup_sample}"))
            bad.append(checks.check(r.pub_rc == 0 and not r.timed_out,
                                    f"{name}: publisher exits 0 with all acknowledged",
                                    f"publisher rc {r.pub_rc}, timed out {r.timed_out}"))
            if not all(bad):
                print(r.tails)
                print(e2e.broker_tail(broker))
    return checks.report()


def _s(x):
    return "never" if x is None else f"{x:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
