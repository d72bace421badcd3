"""MQTT 3.1 (-V 31) against a private Mosquitto: QoS 0/1/2 round trips, a
persistent session resumed (3.1 CONNACK has no session present flag), and
interoperability with mosquitto_pub/mosquitto_sub in 3.1.
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/integration"))
from mosq import Mosquitto  # noqa: E402
from clitest import EXIT_USAGE, Sub, check, mqc, summary  # noqa: E402
from test_cli_basic import roundtrips  # noqa: E402


def persistent(b):
    port = str(b.port)
    base = ["-p", port, "-V", "31", "-i", "v31-persist", "-c", "-q", "2", "-t", "p31/#"]
    r = mqc(["sub"] + base + ["-W", "1"], timeout=10)
    check("3.1 persistent sub registers (-W exit 27)", r.returncode == 27, (r.returncode, r.stderr))
    for i in range(3):
        r = mqc(["pub", "-p", port, "-V", "31", "-t", "p31/x", "-q", str(1 + i % 2), "-m", f"m{i}"])
        check(f"3.1 pub m{i} while the subscriber is away", r.returncode == 0, r.stderr)
    r = mqc(["sub"] + base + ["-C", "3"], timeout=10)
    check("3.1 resumed session delivers what was queued, once, in order",
          r.returncode == 0 and r.stdout == b"m0\nm1\nm2\n", (r.returncode, r.stdout, r.stderr))
    r = mqc(["sub", "-d"] + base + ["-W", "1"], timeout=10)
    check("3.1 CONNECT says MQIsdp level 3 via the trace", r.returncode == 27 and
          b"CONNECT" in r.stderr and b"31" in r.stderr, r.stderr[-400:])


def interop(b):
    port = str(b.port)
    s = Sub(["-p", port, "-V", "31", "-t", "i31/a", "-C", "1", "-q", "2", "-v"],
            cmd=["stdbuf", "-oL", "mosquitto_sub", "-d"])
    check("mosquitto_sub -V 31 ready", s.ready(), b"".join(s.err))
    r = mqc(["pub", "-p", port, "-V", "31", "-t", "i31/a", "-q", "2", "-m", "from mqc"])
    rc, out, _ = s.finish()
    data = [line for line in out.split(b"\n")
            if line and not line.startswith((b"Client ", b"Subscribed"))]
    check("3.1 mqc pub -> mosquitto_sub", r.returncode == 0 and rc == 0 and
          data == [b"i31/a from mqc"], (r.returncode, rc, out))
    s = Sub(["-p", port, "-V", "31", "-t", "i31/b", "-C", "1", "-q", "1", "-v"])
    check("mqc sub -V 31 ready", s.ready(), b"".join(s.err))
    r = subprocess.run(["mosquitto_pub", "-p", port, "-V", "31", "-t", "i31/b", "-q", "1",
                        "-m", "from mosquitto"], capture_output=True, timeout=10)
    rc, out, _ = s.finish()
    check("3.1 mosquitto_pub -> mqc sub", r.returncode == 0 and rc == 0 and
          out == b"i31/b from mosquitto\n", (r.returncode, rc, out))


def main():
    with Mosquitto() as b:
        roundtrips(b, "31")
        persistent(b)
        interop(b)
    r = mqc(["pub", "-V", "31", "-i", "x" * 24, "-t", "t", "-m", "x"])
    check("3.1 client id of 24 bytes is a usage error (exit 1)", r.returncode == EXIT_USAGE and
          b"23" in r.stderr, (r.returncode, r.stderr))
    summary()


if __name__ == "__main__":
    main()
