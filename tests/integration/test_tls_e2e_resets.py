#!/usr/bin/env python3
"""The connection-reset end-to-end test over TLS: `pub -l -c` -> proxy -> Mosquitto
(TLS listener, certificates made here) -> proxy -> `sub -c`, 20,000 numbered QoS 2
messages, every connection reset after 0.1-0.5 s and the bytes cut in pieces of 1-64
(the proxy forwards TLS records unchanged, so the cuts land mid-record). Every
reconnect redoes the TLS handshake. None lost, none duplicated, the publisher exits
0 with everything acknowledged. OpenSSL (the build under test), then the mbed TLS
variant (built here, see tlsbuild.py).

    python3 tests/integration/test_tls_e2e_resets.py [--mqc PATH] [-n N] [--seed S]
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import e2e  # noqa: E402
import tlsbuild  # noqa: E402
import tlscerts  # noqa: E402


class TlsClient(e2e.ClientKind):
    """mqc with --cafile on every run (the precreated session's too)."""

    def __init__(self, ca, **kw):
        super().__init__("mqc", **kw)
        self.ca = ca

    def common(self, host, port, topic, qos, cid, version, keepalive):
        return super().common(host, port, topic, qos, cid, version, keepalive) + \
            ["--cafile", self.ca]


def connections(broker, cid):
    """Connections the broker accepted for cid (its notice log sees through TLS)."""
    return broker.log().count(f" as {cid} ")


def main():
    _, a = e2e.client_from_args()
    n = a.n or 20000
    seed = a.seed or "9"
    tmp = tempfile.mkdtemp(prefix="mqc-tls-e2e-")
    pki = tlscerts.broker_pki(tmp)
    tls_conf = [f"cafile {pki.path('ca.crt')}", f"certfile {pki.path('server.crt')}",
                f"keyfile {pki.path('server.key')}"]
    checks = e2e.Checks()
    runs = [("openssl", a.mqc or os.environ.get("MQC"), n),
            ("mbedtls", tlsbuild.mbedtls_cli(), n)]
    for backend, path, count in runs:
        client = TlsClient(pki.path("ca.crt"), mqc=path)
        print(f"{backend}: {client}; {count} messages; proxy seed {seed}", flush=True)
        tag = f"{os.getpid()}-{backend}"
        # The TLS lines follow the broker's own listener line: they are its.
        with e2e.Mosquitto(conf=tls_conf + e2e.BROKER_CONF, persistence=True) as broker, \
             e2e.FaultProxy((broker.host, broker.port), seed=f"{seed}-{backend}",
                            reset=(0.1, 0.5), chunk=(1, 64), delay_ms=(0, 2),
                            delay_prob=0.02) as proxy:
            r = e2e.run_stream(client, broker, proxy, n=count, qos=2, version="3.1.1",
                               timeout=180, tag=tag)
            print(r.summary(), flush=True)
            name = f"TLS ({backend}) qos 2"
            pub_conns = connections(broker, f"e2e-pub-{tag}-11-q2")
            sub_conns = connections(broker, f"e2e-sub-{tag}-11-q2")
            print(f"broker saw {pub_conns} publisher and {sub_conns} subscriber connections",
                  flush=True)
            bad = [checks.check(r.lost == 0, f"{name}: none lost",
                                f"lost {r.lost}, e.g. {r.lost_sample}"),
                   checks.check(r.dups == 0, f"{name}: none duplicated",
                                f"duplicated {r.dups}, e.g. {r.dup_sample}"),
                   checks.check(r.pub_rc == 0 and not r.timed_out,
                                f"{name}: publisher exits 0 with all acknowledged",
                                f"publisher rc {r.pub_rc}, timed out {r.timed_out}"),
                   # The proxy cannot read client ids in TLS: the broker counts.
                   checks.check(pub_conns >= 2 and sub_conns >= 3 and r.resets >= 2,
                                f"{name}: both clients went through resets (new handshakes)",
                                f"connections pub {pub_conns} sub {sub_conns} "
                                f"(the precreate is one), resets {r.resets}")]
            if not all(bad):
                print(r.tails)
                print(e2e.broker_tail(broker))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
