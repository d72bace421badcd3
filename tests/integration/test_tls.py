#!/usr/bin/env python3
"""mqc pub/sub over TLS against a private Mosquitto with TLS listeners and a
throwaway PKI this test makes (tests/tools/tlscerts.py), with each backend:
OpenSSL (the build under test) and mbed TLS (built here, MQC_TLS=mbedtls).

Per backend: QoS 0/1/2 round trips; mTLS required and given (plain and
encrypted key); wrong CA, expired certificate, name mismatch (by name and by
address) and a missing client certificate each refused with the library's
reason and exit 1; --insecure accepts the mismatched name; PSK (right and
wrong key); a TLS 1.3-only listener (mbed TLS 2.28 has no 1.3: refused
clearly); -L mqtts:// with its 8883 default; a verification failure on a
reconnect ends the run (no retry loop); TLS session resumption on reconnect.
Plus the TLS flags' usage errors.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import textwrap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from clitest import EXIT_ERROR, EXIT_OK, EXIT_USAGE, RESULTS, Sub, check  # noqa: E402
from faultproxy import FaultProxy  # noqa: E402
from mosq import Mosquitto, free_port  # noqa: E402
import cbuild  # noqa: E402
import tlsbuild  # noqa: E402
import tlscerts  # noqa: E402

PSK_ID, PSK_KEY = "mqc-id", "00112233445566778899aabbccddeeff"

# What each library says for each failure (its own words, passed through).
REASONS = {
    "openssl": {
        "wrong_ca": ("self-signed certificate in certificate chain",
                     "unable to get local issuer certificate"),
        "expired": ("certificate has expired",),
        "name": ("hostname mismatch",),
        "ip": ("IP address mismatch",),
        "no_cert": ("certificate required", "handshake failure"),
    },
    "mbedtls": {
        "wrong_ca": ("The certificate is not correctly signed by the trusted CA",),
        "expired": ("The certificate validity has expired",),
        "name": ("The certificate Common Name (CN) does not match with the expected CN",),
        "ip": ("The certificate Common Name (CN) does not match with the expected CN",),
        "no_cert": ("handshake failure", "certificate required"),
    },
}


def run(mqc, args, timeout=20):
    try:
        return subprocess.run([mqc] + args, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(e.cmd, -999, e.stdout or b"", e.stderr or b"")


def err(r):
    return r.stderr.decode(errors="replace")


class Listeners:
    """One Mosquitto, one TLS listener per case (its first listener is plain)."""

    def __init__(self, pki, tmp):
        self.ports = {}
        psk_file = os.path.join(tmp, "psk.txt")
        with open(psk_file, "w") as f:
            f.write(f"{PSK_ID}:{PSK_KEY}\n")
        os.chmod(psk_file, 0o644)
        conf = [f"psk_file {psk_file}"]

        def listener(name, cert="server", extra=()):
            port = free_port()
            self.ports[name] = port
            conf.extend([f"listener {port} 127.0.0.1", f"cafile {pki.path('ca.crt')}",
                         f"certfile {pki.path(cert + '.crt')}",
                         f"keyfile {pki.path(cert + '.key')}"] + list(extra))

        listener("tls")
        listener("mtls", extra=["require_certificate true"])
        listener("expired", cert="expired")
        listener("wrong_name", cert="wrong_name")
        listener("tls13", extra=["tls_version tlsv1.3"])
        port = free_port()
        self.ports["psk"] = port
        conf.extend([f"listener {port} 127.0.0.1", "psk_hint mqc-hint"])
        self.broker = Mosquitto(conf=conf)

    def __enter__(self):
        self.broker.start()
        return self

    def __exit__(self, *exc):
        self.broker.close()


def roundtrip(mqc, name, port, tls_args, qos, host="localhost"):
    topic = f"mqc/tls/{os.getpid()}/{name}/{qos}"
    payload = f"over TLS {name} qos {qos}"
    sub = Sub(["-h", host, "-p", str(port), "-t", topic, "-q", str(qos), "-C", "1"] + tls_args,
              cmd=[mqc, "sub", "-d"])
    if not sub.ready(10):
        sub.finish(1)
        check(f"{name}: subscriber ready (qos {qos})", False, b"".join(sub.err).decode()[-500:])
        return
    r = run(mqc, ["pub", "-h", host, "-p", str(port), "-t", topic, "-q", str(qos),
                  "-m", payload] + tls_args)
    rc, out, _ = sub.finish(10)
    out = out.decode(errors="replace")
    check(f"{name}: QoS {qos} round trip", r.returncode == 0 and rc == 0 and
          out.strip() == payload,
          f"pub rc {r.returncode} {err(r)!r}, sub rc {rc} out {out!r} "
          f"err {b''.join(sub.err).decode()[-400:]!r}")


def refused(mqc, name, port, tls_args, reasons, what, host="localhost"):
    r = run(mqc, ["pub", "-h", host, "-p", str(port), "-t", "mqc/tls/x", "-q", "1",
                  "-m", "x"] + tls_args)
    e = err(r)
    check(f"{name}: refused: {what}", r.returncode == EXIT_ERROR and
          any(x in e for x in reasons) and "cannot connect" in e,
          f"rc {r.returncode}, stderr {e!r}, expected one of {reasons}")


def backend_cases(backend, mqc, pki, L):
    ca = ["--cafile", pki.path("ca.crt")]
    P = L.ports
    why = REASONS[backend]
    name = backend

    for qos in (0, 1, 2):
        roundtrip(mqc, f"{name} tls", P["tls"], ca, qos)
    mtls = ca + ["--cert", pki.path("client.crt"), "--key", pki.path("client.key")]
    for qos in (1, 2):
        roundtrip(mqc, f"{name} mTLS", P["mtls"], mtls, qos)
    enc = ca + ["--cert", pki.path("client.crt"), "--key", pki.path("client_enc.key"),
                "--key-password", tlscerts.CLIENT_KEY_PASSWORD]
    roundtrip(mqc, f"{name} mTLS encrypted key", P["mtls"], enc, 1)

    r = run(mqc, ["pub", "-p", str(P["mtls"]), "-t", "t", "-m", "x"] + ca +
            ["--cert", pki.path("client.crt"), "--key", pki.path("client_enc.key"),
             "--key-password", "wrong"])
    check(f"{name}: wrong key password is a clear error", r.returncode == EXIT_ERROR and
          "TLS options unusable" in err(r) and "client_enc.key" in err(r),
          f"rc {r.returncode} {err(r)!r}")

    refused(mqc, name, P["tls"], ["--cafile", pki.path("other_ca.crt")],
            why["wrong_ca"], "wrong CA")
    refused(mqc, name, P["expired"], ca, why["expired"], "expired certificate")
    refused(mqc, name, P["wrong_name"], ca, why["name"], "name mismatch")
    refused(mqc, name, P["wrong_name"], ca, why["ip"], "address mismatch", host="127.0.0.1")
    r = run(mqc, ["pub", "-p", str(P["expired"]), "-t", "t", "-m", "x", "-q", "1"] + ca)
    check(f"{name}: verification failure named as such",
          "server certificate verification failed" in err(r), err(r))
    refused(mqc, name, P["mtls"], ca, why["no_cert"], "missing client certificate")
    roundtrip(mqc, f"{name} --insecure", P["wrong_name"], ca + ["--insecure"], 1)

    psk = ["--psk", PSK_KEY, "--psk-identity", PSK_ID]
    roundtrip(mqc, f"{name} PSK", P["psk"], psk, 1)
    r = run(mqc, ["pub", "-p", str(P["psk"]), "-t", "t", "-m", "x", "-q", "1",
                  "--psk", "ffeeddccbbaa99887766554433221100", "--psk-identity", PSK_ID])
    check(f"{name}: PSK: wrong key refused", r.returncode == EXIT_ERROR and
          "TLS error" in err(r), f"rc {r.returncode} {err(r)!r}")

    if backend == "openssl":
        roundtrip(mqc, f"{name} TLS 1.3-only listener", P["tls13"], ca, 1)
        roundtrip(mqc, f"{name} --tls-version tlsv1.3", P["tls13"],
                  ca + ["--tls-version", "tlsv1.3"], 2)
        r = run(mqc, ["pub", "-d", "-p", str(P["tls13"]), "-t", "t", "-m", "x"] + ca)
        check(f"{name}: 1.3-only listener speaks TLSv1.3", "TLSv1.3" in err(r), err(r))
        r = run(mqc, ["pub", "-d", "-p", str(P["tls"]), "-t", "t", "-m", "x",
                      "--tls-alpn", "mqtt"] + ca)
        check(f"{name}: --tls-alpn accepted", r.returncode == EXIT_OK, err(r))
    else:
        refused(mqc, name, P["tls13"], ca, ("protocol version",),
                "TLS 1.3-only listener (no 1.3 in mbed TLS 2.28)")
        r = run(mqc, ["pub", "-p", str(P["tls13"]), "-t", "t", "-m", "x",
                      "--tls-version", "tlsv1.3"] + ca)
        check(f"{name}: --tls-version tlsv1.3 refused clearly",
              r.returncode == EXIT_ERROR and "TLS 1.3 is not available" in err(r), err(r))

    r = run(mqc, ["bench", "conn", "-h", "localhost", "-p", str(P["tls"]), "-c", "20", "-Q"] + ca)
    check(f"{name}: mqc bench conn over TLS: every handshake done",
          r.returncode == 0 and "connected      20 of 20" in r.stdout.decode(),
          f"rc {r.returncode} {r.stdout.decode()!r} {err(r)!r}")
    r = run(mqc, ["bench", "pub", "-h", "localhost", "-p", str(P["tls"]), "-q", "1", "-n", "2000",
                  "-Q"] + ca, timeout=60)
    check(f"{name}: mqc bench pub over TLS: every QoS 1 message acked",
          r.returncode == 0 and "2000 of 2000" in r.stdout.decode(),
          f"rc {r.returncode} {r.stdout.decode()!r} {err(r)!r}")
    r = run(mqc, ["pub", "-L", f"mqtts://localhost:{P['tls']}/mqc/tls/url", "-m", "x",
                  "-q", "1"] + ca)
    check(f"{name}: -L mqtts://host:port/topic", r.returncode == EXIT_OK, err(r))
    resumption(mqc, name, P["tls"], ca)


def resumption(mqc, name, port, ca):
    """Reconnects through a resetting proxy: each redoes the handshake, and
    resumes the session the broker issued a ticket for."""
    with FaultProxy(("127.0.0.1", port), seed=f"resume-{name}", reset=(0.3, 0.6)) as proxy:
        p = subprocess.Popen([mqc, "sub", "-d", "-h", "127.0.0.1", "-p", str(proxy.port),
                              "-t", "mqc/tls/resume", "--reconnect-min", "0.05",
                              "--reconnect-max", "0.2", "-W", "3"] + ca,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, e = p.communicate(timeout=20)
    e = e.decode(errors="replace")
    hs = len(re.findall(r"TLS handshake done", e))
    resumed = len(re.findall(r"TLS handshake done: .*session resumed", e))
    check(f"{name}: reconnects redo the handshake and resume the session "
          f"({hs} handshakes, {resumed} resumed)",
          hs >= 3 and resumed >= 1 and resumed <= hs - 1,
          f"handshakes {hs}, resumed {resumed}: {e[-600:]!r}")


def verify_failure_is_final(mqc, pki, tmp):
    """A subscriber connected to a good certificate; the broker comes back
    with an expired one on the same port: the run ends at the first failed
    verification, exit 1, instead of retrying."""
    ca = ["--cafile", pki.path("ca.crt")]
    port = free_port()
    good = [f"listener {port} 127.0.0.1", f"cafile {pki.path('ca.crt')}",
            f"certfile {pki.path('server.crt')}", f"keyfile {pki.path('server.key')}"]
    b = Mosquitto(conf=good)
    try:
        b.start()
        sub = Sub(["-h", "localhost", "-p", str(port), "-t", "mqc/tls/final",
                   "--reconnect-min", "0.1", "--reconnect-max", "0.2"] + ca,
                  cmd=[mqc, "sub", "-d"])
        ok = sub.ready(10)
        b.stop()
        b.conf = [c.replace("server.", "expired.") for c in good]
        b._write_conf()
        b.start()
        try:
            rc = sub.p.wait(15)
        except subprocess.TimeoutExpired:
            rc = None
        if rc is None:
            sub.p.kill()
        _, _, e = sub.finish(5)
        e = e.decode(errors="replace")
        attempts = e.count("connecting to")
        check("verification failure on a reconnect is final (exit 1, no retry loop)",
              ok and rc == EXIT_ERROR and "certificate has expired" in e and
              "server certificate verification failed" in e,
              f"ready {ok}, rc {rc}, attempts {attempts}: {e[-800:]!r}")
        last = e.rfind("certificate has expired")
        check("no attempt after the verification failure",
              last >= 0 and "connecting to" not in e[last:], e[-500:])
    finally:
        b.close()


def readme_example(pki, L, tmp):
    """README.md's mutual TLS example, compiled and run against the mTLS
    listener, then against the expired certificate (its error report)."""
    doc = open(os.path.join(os.environ["MQC_SOURCE"], "README.md")).read()
    blocks = [b for b in re.findall(r"```c\n(.*?)```", doc, re.S) if "tls.cert_file" in b]
    check("README.md has the mTLS example", len(blocks) == 1, f"{len(blocks)} blocks")
    if not blocks:
        return
    code = textwrap.dedent(blocks[0])
    exe = os.path.join(tmp, "mtls_example")
    for port, want_rc, want in ((L.ports["mtls"], 0, "published over mTLS: acked"),
                                (L.ports["expired"], 1, "certificate has expired")):
        c = code.replace('"broker.example.com"', '"localhost"') \
                .replace("opts.port = 8883;", f"opts.port = {port};") \
                .replace('"/etc/mqc/ca.crt"', f'"{pki.path("ca.crt")}"') \
                .replace('"/etc/mqc/sensor-7.crt"', f'"{pki.path("client.crt")}"') \
                .replace('"/etc/mqc/sensor-7.key"', f'"{pki.path("client.key")}"')
        src = exe + ".c"
        with open(src, "w") as f:
            f.write(c)
        r = cbuild.compile_program(src, exe)
        check("README mTLS example compiles", r.returncode == 0, err(r))
        if r.returncode != 0:
            return
        r = subprocess.run([exe], capture_output=True, timeout=20)
        out = r.stdout.decode() + err(r)
        check(f"README mTLS example on port of {'mtls' if want_rc == 0 else 'expired'}: "
              f"exit {want_rc}, '{want}'", r.returncode == want_rc and want in out,
              f"rc {r.returncode}: {out!r}")


def handshake_timeout(mqc, pki):
    """A server that accepts TCP and never answers the ClientHello: the
    handshake is bounded by --connect-timeout like connect and CONNACK."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(4)
    try:
        r = run(mqc, ["pub", "-d", "-h", "127.0.0.1", "-p", str(ls.getsockname()[1]), "-t", "t",
                      "-m", "x", "-q", "1", "--connect-timeout", "1",
                      "--cafile", pki.path("ca.crt")])
    finally:
        ls.close()
    e = err(r)
    check("a silent TLS server: the handshake ends at the connect timeout, exit 1",
          r.returncode == EXIT_ERROR and "no finished handshake within 1000 ms" in e and
          "connect timeout" in e, f"rc {r.returncode}: {e!r}")


def usage_errors(mqc, pki):
    ca = ["--cafile", pki.path("ca.crt")]
    cases = [
        (["--psk", PSK_KEY], "--psk needs --psk-identity"),
        (["--psk", "xyz", "--psk-identity", "i"], "--psk"),
        (["--psk", PSK_KEY, "--psk-identity", "i"] + ca, "cannot be used with"),
        (["--keyform", "der"] + ca, "only pem"),
        (["--insecure"], "need TLS"),
        (["--tls-version", "tlsv1.1"] + ca, "too old"),
        (["--tls-version", "ssl3"] + ca, "expected tlsv1.2 or tlsv1.3"),
        (["--cert", pki.path("client.crt")] + ca, "--cert and --key"),
        (["-L", "mqtp://h/t"], "mqtt:// or mqtts://"),
    ]
    for extra, text in cases:
        r = run(mqc, ["pub", "-t", "t", "-m", "x"] + extra)
        check(f"usage: {' '.join(extra[:2])} -> exit 1, '{text}'",
              r.returncode == EXIT_USAGE and text in err(r) and "Usage:" in err(r),
              f"rc {r.returncode} {err(r)[:300]!r}")
    r = run(mqc, ["pub", "-d", "-L", "mqtts://127.0.0.1/t", "-m", "x", "--connect-timeout",
                  "2"] + ca)
    check("mqtts:// without a port uses 8883", "127.0.0.1:8883" in err(r), err(r)[:300])
    r = run(mqc, ["pub", "-t", "t", "-m", "x", "--cafile", "/nonexistent/ca.pem"])
    check("a missing CA file is a clear error", r.returncode == EXIT_ERROR and
          "/nonexistent/ca.pem" in err(r) and "No such file" in err(r), err(r))


def main():
    mqc = os.environ["MQC"]
    tmp = tempfile.mkdtemp(prefix="mqc-tls-")
    pki = tlscerts.broker_pki(tmp)
    backends = [("openssl", mqc)]
    try:
        backends.append(("mbedtls", tlsbuild.mbedtls_cli()))
    except RuntimeError as e:
        check("mbed TLS variant builds", False, str(e)[-2000:])
    with Listeners(pki, tmp) as L:
        for backend, path in backends:
            print(f"--- {backend}: {path}", flush=True)
            backend_cases(backend, path, pki, L)
        readme_example(pki, L, tmp)
    verify_failure_is_final(mqc, pki, tmp)
    handshake_timeout(mqc, pki)
    usage_errors(mqc, pki)
    subprocess.run(["rm", "-rf", tmp])
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
