#!/usr/bin/env python3
"""End to end through connection resets over WebSocket: `mqc pub -l -c --ws-path`
-> fault proxy -> Mosquitto's websockets listener -> fault proxy -> `mqc sub -c
--ws-path`, 20,000 numbered QoS 2 messages (3.1.1 and 5.0), every connection
reset after 0.1-0.5 s and the bytes cut in pieces of 1-64, so cuts land inside
the HTTP upgrade and inside frame headers. None lost, none duplicated; the
publisher exits 0 only when every line is acknowledged.

    python3 tests/integration/test_ws_resets.py [--mqc PATH] [-n N] [--seed S]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402
from mosq import free_port, wait_port  # noqa: E402


def main():
    client, a = e2e.client_from_args()
    if client.kind != "mqc":
        print("this test is for mqc (mosquitto_pub/sub 2.0 have no WebSocket)")
        return 1
    ws = ["--ws-path", "/mqtt"]
    client.extra_pub += ws
    client.extra_sub += ws
    n = a.n or 20000
    seed = a.seed or "9"
    checks = e2e.Checks()
    print(f"client: {client} over WebSocket; {n} messages per run; proxy seed {seed}", flush=True)
    for version in ("3.1.1", "5"):
        wsport = free_port()
        conf = e2e.BROKER_CONF + [f"listener {wsport} 127.0.0.1", "protocol websockets"]
        # The sessions are made over TCP (broker.port), the stream goes over WebSocket.
        with e2e.Mosquitto(conf=conf, persistence=True) as broker:
            wait_port(broker.host, wsport)
            with e2e.FaultProxy((broker.host, wsport), seed=f"{seed}-{version}",
                                chunk=(1, 64), delay_ms=(0, 2), delay_prob=0.02) as proxy:
                # Mosquitto's websockets listener answers an upgrade only after
                # ~170 ms, so a lifetime of 0.1 s can end a connection inside it;
                # and the very first connect failing is final for the CLI (as for
                # mosquitto_pub/sub). So the resets start once both clients are
                # up (the first message arrived): then every connection is cut.
                def start_resets():
                    proxy.set_faults(reset=(0.1, 0.5))
                    proxy.reset_all()
                r = e2e.run_stream(client, broker, proxy, n=n, qos=2, version=version,
                                   timeout=300, label=f"ws v{version} qos 2",
                                   triggers=[(1, start_resets)])
                print(r.summary(), flush=True)
                name = f"ws v{version} qos 2"
                bad = [checks.check(r.lost == 0, f"{name}: none lost",
                                    f"lost {r.lost}, e.g. {r.lost_sample}"),
                       checks.check(r.dups == 0, f"{name}: none duplicated",
                                    f"duplicated {r.dups}, e.g. {r.dup_sample}"),
                       checks.check(r.pub_rc == 0 and not r.timed_out,
                                    f"{name}: publisher exits 0 with all acknowledged",
                                    f"publisher rc {r.pub_rc}, timed out {r.timed_out}"),
                       # The resets must have hit both clients, or this proves nothing
                       # (the proxy finds the client ids inside the WebSocket frames).
                       checks.check(r.reconnects_pub >= 1 and r.reconnects_sub >= 1,
                                    f"{name}: both clients went through resets",
                                    f"reconnects pub {r.reconnects_pub} sub {r.reconnects_sub}")]
                if not all(bad):
                    print(r.tails)
                    print(e2e.broker_tail(broker))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
