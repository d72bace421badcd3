#!/usr/bin/env python3
"""TLS with a broker list checks each broker against its own name
(include/mqc.h, broker lists): `mqc sub -h localhost:A -h 127.0.0.1:B --cafile`
where A's certificate names only DNS:localhost and B's only IP:127.0.0.1. Once
connected to A, A is stopped: the client must move to B and verify it as
127.0.0.1 (had it kept A's name, B's certificate would fail verification, which
ends the run). The retained message published on B then reaches it.
Prints "N passed, M failed" last."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from clitest import MQC, RESULTS, check  # noqa: E402
from mosq import Mosquitto, free_port  # noqa: E402
import tlscerts  # noqa: E402


def tls_broker(pki, cert):
    port = free_port()
    b = Mosquitto(conf=[f"listener {port} 127.0.0.1", f"cafile {pki.path('ca.crt')}",
                        f"certfile {pki.path(cert + '.crt')}",
                        f"keyfile {pki.path(cert + '.key')}"])
    b.tls_port = port
    return b


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-tls-list-")
    a = b = None
    try:
        pki = tlscerts.broker_pki(tmp)
        a, b = tls_broker(pki, "name_only"), tls_broker(pki, "ip_only")
        a.start()
        b.start()
        ca = ["--cafile", pki.path("ca.crt")]
        topic = f"mqc/tls-list/{os.getpid()}"
        sub = subprocess.Popen([MQC, "sub", "-d", "-h", f"localhost:{a.tls_port}", "-h",
                                f"127.0.0.1:{b.tls_port}", "-t", topic, "-q", "1", "-C", "1",
                                "--reconnect-min", "0.1", "--reconnect-max", "0.5"] + ca,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = b""
        deadline = time.monotonic() + 10
        # Wait for the SUBACK on A (the -d trace says so on stderr).
        while time.monotonic() < deadline and b"received SUBACK" not in err:
            chunk = sub.stderr.read1(65536)
            if not chunk:
                break
            err += chunk
        check("connected to A (verified as localhost) and subscribed",
              b"received SUBACK" in err and f"connected to localhost:{a.tls_port}".encode() in err,
              err.decode(errors="replace")[-1500:])
        a.stop()
        r = subprocess.run([MQC, "pub", "-h", "127.0.0.1", "-p", str(b.tls_port), "-t", topic,
                            "-q", "1", "-r", "-m", "on B"] + ca, capture_output=True, timeout=20)
        check("published a retained message on B", r.returncode == 0, r.stderr)
        try:
            out, more = sub.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            sub.kill()
            out, more = sub.communicate()
        err += more
        text = err.decode(errors="replace")
        check("the subscriber moved to B, verified as 127.0.0.1, and got the message",
              sub.returncode == 0 and out == b"on B\n" and
              f"connected to 127.0.0.1:{b.tls_port}" in text,
              f"rc {sub.returncode} out {out!r}\n{text[-2000:]}")
        check("no certificate verification failure on the way",
              "verify failed" not in text.lower(), text[-1500:])
    finally:
        for x in (a, b):
            if x:
                x.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
