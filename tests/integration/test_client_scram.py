"""5.0 enhanced authentication end to end through the client library:
tests/integration/c/scram_client.c (mqc_scram_* in on_auth) against a
scripted broker that plays the SCRAM-SHA-256 server (RFC 5802, in Python's
hashlib/hmac). The right password authenticates and the server signature
checks; a wrong password is refused (CONNACK 0x87) once, with no retry; a
server whose signature is wrong is caught by the client; a server-first
without our nonce makes the client give up (DISCONNECT 0x87) and stop.
Prints "N passed, M failed" last."""
import base64
import hashlib
import hmac
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import cbuild  # noqa: E402
from clitest import check, summary  # noqa: E402
from fakebroker import CONNECT, DISCONNECT, FakeBroker, auth, connack  # noqa: E402

METHOD = "SCRAM-SHA-256"
SALT = b"mqc-test-salt-16"
ITER = 4096


def hm(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


def server(password, bad_signature=False, foreign_nonce=False, seen=None):
    """One connection of a SCRAM-SHA-256 server that knows `password`."""
    def script(c):
        p = c.expect(CONNECT)
        if seen is not None:
            seen.append(p)
        first = p.props.get("authentication_data", b"").decode()
        bare = first[3:]
        cnonce = dict(kv.split("=", 1) for kv in bare.split(","))["r"]
        snonce = ("other" if foreign_nonce else cnonce) + "srv-7f3a"
        sfirst = f"r={snonce},s={base64.b64encode(SALT).decode()},i={ITER}"
        c.send(auth(0x18, {"authentication_method": METHOD,
                           "authentication_data": sfirst.encode()}))
        a = c.expect()  # AUTH, or DISCONNECT when the client gives up
        if a.type == DISCONNECT:
            if seen is not None:
                seen.append(a)
            return
        final = a.props["authentication_data"].decode()
        without_proof, proof = final.rsplit(",p=", 1)
        salted = hashlib.pbkdf2_hmac("sha256", password.encode(), SALT, ITER)
        ckey = hm(salted, b"Client Key")
        am = f"{bare},{sfirst},{without_proof}".encode()
        csig = hm(hashlib.sha256(ckey).digest(), am)
        want = base64.b64encode(bytes(x ^ y for x, y in zip(ckey, csig))).decode()
        if proof != want:
            c.send(connack(0, 0x87, {"reason_string": "bad proof"}))
            return
        ssig = hm(hm(salted, b"Server Key"), am)
        if bad_signature:
            ssig = bytes(b ^ 1 for b in ssig)
        c.send(connack(0, 0, {"authentication_method": METHOD,
                              "authentication_data": b"v=" + base64.b64encode(ssig)}))
        c.expect(DISCONNECT)
    return script


def run(exe, broker, user, password):
    r = subprocess.run([exe, str(broker.port), user, password], capture_output=True,
                       timeout=30, text=True)
    time.sleep(0.2)
    return r.returncode, r.stdout


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-scram-")
    try:
        exe = os.path.join(tmp, "scram_client")
        r = cbuild.test_program("scram_client", exe)
        check("scram_client.c compiles", r.returncode == 0, r.stderr)
        if r.returncode != 0:
            return

        seen = []
        with FakeBroker([server("pencil", seen=seen)]) as b:
            rc, out = run(exe, b, "user", "pencil")
            n = len(b.conns)
        check("right password: authenticated, server signature checked",
              rc == 0 and "authenticated" in out, out)
        check("CONNECT carried method SCRAM-SHA-256 and the client-first message",
              seen and seen[0].props.get("authentication_method") == METHOD
              and seen[0].props.get("authentication_data", b"").startswith(b"n,,n=user,r="),
              seen)
        check("right password: one connection", n == 1, n)

        with FakeBroker([server("pencil")] * 5) as b:
            rc, out = run(exe, b, "user", "wrong")
            n = len(b.conns)
        check("wrong password: refused with 0x87, not retried",
              rc == 1 and "reason 0x87), retry 0" in out and "stopped: connection refused" in out,
              out)
        check("wrong password: one connection, no reconnect storm", n == 1, n)

        with FakeBroker([server("pencil", bad_signature=True)]) as b:
            rc, out = run(exe, b, "user", "pencil")
        check("a server that does not know the password is caught",
              rc == 1 and "server signature wrong" in out, out)

        seen = []
        with FakeBroker([server("pencil", foreign_nonce=True, seen=seen)] * 5) as b:
            rc, out = run(exe, b, "user", "pencil")
            n = len(b.conns)
        check("server-first without our nonce: DISCONNECT 0x87, client stops",
              rc == 1 and len(seen) == 2 and seen[1].reason == 0x87
              and "stopped: enhanced authentication failed" in out, (out, seen))
        check("server-first without our nonce: one connection", n == 1, n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    sys.exit(summary())
