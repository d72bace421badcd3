"""`mqc bench` over TLS (issue 9's benchmark rows) against a private Mosquitto
with a TLS listener and a throwaway PKI (tests/tools/tlscerts.py): a QoS 1
publisher run has every message acked; `conn` resumes no handshake on first
connections; `conn --reconnect` resumes the TLS session on every reconnect
(SSL_session_reused, counted in tls_resumed) and with --no-resume on none;
--reconnect outside conn is refused. No timing is asserted. Prints
"N passed, M failed" last; exits 1 on failure."""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto, free_port  # noqa: E402
from clitest import check, mqc, summary  # noqa: E402
import tlscerts  # noqa: E402


def result(r):
    line = next((ln for ln in r.stdout.decode().splitlines() if ln.startswith("{")), None)
    return json.loads(line) if line else {}


def bench(args, port, ca):
    r = mqc(["bench"] + args + ["-h", "127.0.0.1", "-p", str(port), "--cafile", ca, "--json",
                                "-Q"], timeout=120)
    return r, result(r)


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-bench-tls-")
    try:
        pki = tlscerts.broker_pki(tmp)
        port = free_port()
        conf = ["max_inflight_messages 1000", f"listener {port} 127.0.0.1",
                f"cafile {pki.path('ca.crt')}", f"certfile {pki.path('server.crt')}",
                f"keyfile {pki.path('server.key')}"]
        ca = pki.path("ca.crt")
        with Mosquitto(conf=conf):
            r, res = bench(["pub", "-i", "btls-pub-", "-q", "1", "-n", "2000", "-M", "20"],
                           port, ca)
            check("QoS 1 over TLS: every message acked",
                  r.returncode == 0 and res.get("done") == 2000 and res.get("errors") == 0,
                  f"exit {r.returncode} {res} {r.stderr[-300:]}")
            r, res = bench(["conn", "-i", "btls-conn-", "-c", "20"], port, ca)
            check("conn over TLS: all connected, none resumed (first connections)",
                  r.returncode == 0 and res.get("done") == 20 and res.get("tls_resumed") == 0,
                  f"exit {r.returncode} {res} {r.stderr[-300:]}")
            r, res = bench(["conn", "-i", "btls-re-", "-c", "20", "--reconnect"], port, ca)
            check("conn --reconnect: every reconnect resumed its TLS session",
                  r.returncode == 0 and res.get("done") == 20 and res.get("reconnect") == 1
                  and res.get("tls_resumed") == 20,
                  f"exit {r.returncode} {res} {r.stderr[-300:]}")
            r, res = bench(["conn", "-i", "btls-full-", "-c", "20", "--reconnect",
                            "--no-resume"], port, ca)
            check("conn --reconnect --no-resume: full handshakes only",
                  r.returncode == 0 and res.get("done") == 20 and res.get("tls_resumed") == 0,
                  f"exit {r.returncode} {res} {r.stderr[-300:]}")
            r, res = bench(["pub", "-n", "10", "--reconnect"], port, ca)
            check("--reconnect outside conn is refused", r.returncode != 0 and
                  b"conn only" in r.stderr, f"exit {r.returncode} {r.stderr[-300:]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
