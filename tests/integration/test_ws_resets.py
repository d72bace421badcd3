#!/usr/bin/env python3
"""End to end through connection resets over WebSocket: `mqc pub -l -c --ws-path`
-> fault proxy -> Mosquitto's websockets listener -> fault proxy -> `mqc sub -c
--ws-path`, 20,000 numbered QoS 2 messages: ws:// in 3.1.1 and 5.0, and wss://
(WebSocket over TLS, certificates made here) in 3.1.1. Every connection is reset
after 0.1-0.5 s and the bytes are cut in pieces of 1-64, so cuts land inside the
HTTP upgrade, frame headers and TLS records. None lost, none duplicated; the
publisher exits 0 only when every line is acknowledged.

    python3 tests/integration/test_ws_resets.py [--mqc PATH] [-n N] [--seed S]
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402
import tlscerts  # noqa: E402
from mosq import free_port, wait_port  # noqa: E402


def make_pki():
    tmp = tempfile.mkdtemp(prefix="mqc-wss-e2e-")
    pki = tlscerts.broker_pki(tmp)
    return tmp, pki


def run(checks, a, scheme, version, n, seed, pki):
    wsport = free_port()
    conf = e2e.BROKER_CONF + [f"listener {wsport} 127.0.0.1", "protocol websockets"]
    # Pub and sub go over WebSocket; the precreated session over the TCP listener.
    extra = ["--ws-path", "/mqtt"]
    if scheme == "wss":
        conf += [f"certfile {pki.path('server.crt')}", f"keyfile {pki.path('server.key')}"]
        extra += ["--cafile", pki.path("ca.crt")]
    client = e2e.ClientKind("mqc", mqc=a.mqc, extra_pub=extra, extra_sub=extra)
    tag = f"{os.getpid()}-{scheme}"
    name = f"{scheme} v{version} qos 2"
    with e2e.Mosquitto(conf=conf, persistence=True) as broker:
        wait_port(broker.host, wsport)
        with e2e.FaultProxy((broker.host, wsport), seed=f"{seed}-{scheme}-{version}",
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
                               timeout=300, label=name, tag=tag, triggers=[(1, start_resets)])
            print(r.summary(), flush=True)
            vtag = e2e.VERSIONS[version][-2:]
            # The proxy finds client ids inside ws:// frames, not inside TLS: there
            # the broker's log counts the connections (the precreate is one).
            pub_c = broker.log().count(f" as e2e-pub-{tag}-{vtag}-q2 ")
            sub_c = broker.log().count(f" as e2e-sub-{tag}-{vtag}-q2 ") - 1
            if scheme == "ws":
                pub_c, sub_c = r.reconnects_pub, r.reconnects_sub
            else:
                print(f"broker saw {pub_c} publisher and {sub_c} subscriber connections", flush=True)
            bad = [checks.check(r.lost == 0, f"{name}: none lost",
                                f"lost {r.lost}, e.g. {r.lost_sample}"),
                   checks.check(r.dups == 0, f"{name}: none duplicated",
                                f"duplicated {r.dups}, e.g. {r.dup_sample}"),
                   checks.check(r.pub_rc == 0 and not r.timed_out,
                                f"{name}: publisher exits 0 with all acknowledged",
                                f"publisher rc {r.pub_rc}, timed out {r.timed_out}"),
                   # The resets must have hit both clients, or this proves nothing.
                   checks.check(pub_c >= 2 and sub_c >= 2 and r.resets >= 2,
                                f"{name}: both clients went through resets",
                                f"connections pub {pub_c} sub {sub_c}, resets {r.resets}")]
            if not all(bad):
                print(r.tails)
                print(e2e.broker_tail(broker))


def main():
    client, a = e2e.client_from_args()
    if client.kind != "mqc":
        print("this test is for mqc (mosquitto_pub/sub 2.0 have no WebSocket)")
        return 1
    n = a.n or 20000
    seed = a.seed or "9"
    checks = e2e.Checks()
    print(f"client: {client} over WebSocket; {n} messages per run; proxy seed {seed}", flush=True)
    tmp, pki = make_pki()
    try:
        for scheme, version in (("ws", "3.1.1"), ("ws", "5"), ("wss", "3.1.1")):
            run(checks, a, scheme, version, n, seed, pki)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
