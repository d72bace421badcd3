"""Exit codes of mqc pub / mqc sub against mosquitto_pub / mosquitto_sub (2.0):
the same argument errors, --help, --version, refused connections (a private
Mosquitto that refuses, and a scripted broker for the codes Mosquitto does not
send), no broker, a failed name lookup and the -W timeout run through both, and
the exit codes must be equal (and the expected ones). mqc's own codes (40, 41,
42) are checked where mqc gives them.

Every argument case runs against a live broker that accepts anyone, so a tool
that took the arguments would connect and exit 0 (or hang): its 1 cannot come
from a failed connection. Skips (exit 77, ctest "Skipped") without
mosquitto-clients (scripts/deps.sh test installs them).
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto, free_port  # noqa: E402
from clitest import (MQC, EXIT_ERROR, EXIT_FAILED, EXIT_STORE, EXIT_TIMEOUT,  # noqa: E402
                     EXIT_UNACKED, EXIT_USAGE, check, summary)

# (pub or sub, arguments, exit code of both). Measured with mosquitto 2.0.11.
ARG_CASES = [
    ("pub", ["-t", "a", "-m", "x", "--bogus"], EXIT_USAGE),          # unknown option
    ("pub", ["-t", "a", "-m", "x", "-q"], EXIT_USAGE),               # missing value
    ("pub", ["-t", "a", "-m", "x", "-h"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-q", "3"], EXIT_USAGE),          # bad QoS
    ("pub", ["-t", "a", "-m", "x", "-q", "-1"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-V", "7"], EXIT_USAGE),          # bad -V
    ("pub", ["-t", "a", "-m", "x", "-c"], EXIT_USAGE),               # -c without -i
    ("pub", ["-t", "a", "-m", "x", "-p", "70000"], EXIT_USAGE),      # bad port
    ("pub", ["-t", "a", "-m", "x", "-n"], EXIT_USAGE),               # two message sources
    ("pub", ["-t", "a", "-s", "-l"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-P", "secret"], EXIT_USAGE),     # -P without -u
    ("pub", ["-t", "a"], EXIT_USAGE),                                # no message
    ("pub", ["-m", "x"], EXIT_USAGE),                                # no topic
    ("pub", ["-t", "a", "-m", "x", "-i", "x", "-I", "y"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-M", "0"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "--repeat", "0"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "--will-topic", "w", "--will-qos", "3"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-L", "ftp://h/t"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-V", "5", "-D", "publish", "bogus", "1"], EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-V", "5", "-D", "connect", "content-type", "a"],
     EXIT_USAGE),
    ("pub", ["-t", "a", "-m", "x", "-V", "5", "-D", "publish", "user-property", "k"],
     EXIT_USAGE),
    ("pub", ["--help"], EXIT_USAGE),
    ("pub", ["--version"], EXIT_USAGE),
    ("sub", ["-t", "a", "-m", "x"], EXIT_USAGE),                     # unknown option
    ("sub", [], EXIT_USAGE),                                         # no topic
    ("sub", ["-t", "a", "-q", "3"], EXIT_USAGE),
    ("sub", ["-t", "a", "-V", "mqttv4"], EXIT_USAGE),
    ("sub", ["-t", "a", "-c"], EXIT_USAGE),
    ("sub", ["-t", "a", "-V", "5", "-c"], EXIT_USAGE),
    ("sub", ["-t", "a", "-C"], EXIT_USAGE),
    ("sub", ["-t", "a", "-C", "abc"], EXIT_USAGE),
    ("sub", ["-t", "a", "-p", "65536"], EXIT_USAGE),
    ("sub", ["-t", "a", "-F", "%Z"], EXIT_USAGE),
    ("sub", ["-t", "a", "-T"], EXIT_USAGE),
    ("sub", ["-t", "a", "-P", "pw"], EXIT_USAGE),
    ("sub", ["-t", "a", "-i", "x", "-I", "y"], EXIT_USAGE),
    ("sub", ["-L", "mqtt://127.0.0.1/"], EXIT_USAGE),                # URL without topic
    ("sub", ["--help"], EXIT_USAGE),
    ("sub", ["--version"], EXIT_USAGE),
]

# Where mqc deliberately differs (documented in the README): (args, mosquitto, mqc).
# Kept here so that a change on either side is noticed.
DIFFERENCES = [
    (["-t", "a", "-m", "x", "-k", "2"], 1, 0),           # mqc: any keep alive, 0 = off
    (["-t", "a", "-t", "b", "-m", "x"], 0, EXIT_USAGE),   # mosquitto publishes to the last
    (["-t", "a", "-m", "x", "-x", "10"], 0, EXIT_USAGE),  # -x needs -V 5 in mqc
    (["-t", "a", "-m", "x", "--will-qos", "1"], 0, EXIT_USAGE),  # mqc: needs --will-topic
]


def run(cmd, timeout=10):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""


def tools(kind):
    return [("mosquitto_" + kind, ["mosquitto_" + kind]), ("mqc " + kind, [MQC, kind])]


def both(kind, args, want, name, timeout=10):
    """Runs args through mosquitto_<kind> and mqc <kind>; both must exit want."""
    got = {}
    for label, cmd in tools(kind):
        got[label] = run(cmd + args, timeout)
    rcs = {k: v[0] for k, v in got.items()}
    check(f"{name}: mosquitto_{kind} and mqc {kind} both exit {want}",
          all(rc == want for rc in rcs.values()),
          {k: (v[0], v[2][:160]) for k, v in got.items()})
    return got


def arguments(port):
    for kind, args, want in ARG_CASES:
        got = both(kind, ["-p", str(port)] + args, want, f"{kind} {' '.join(args) or '(none)'}",
                   timeout=5)
        rc, out, err = got["mqc " + kind]
        if args in (["--help"], ["--version"]):
            check(f"mqc {kind} {args[0]} prints to stdout",
                  out.startswith(b"Usage: mqc " if args == ["--help"] else b"mqc ") and not err,
                  (out[:80], err[:80]))
        else:
            check(f"mqc {kind} {' '.join(args) or '(none)'}: reason and usage on stderr",
                  b"Usage: mqc " + kind.encode() in err and not out, err[:200])
    for args, want_mosq, want_mqc in DIFFERENCES:
        rc_m = run(["mosquitto_pub", "-p", str(port)] + args, 5)[0]
        rc_q = run([MQC, "pub", "-p", str(port)] + args, 5)[0]
        check(f"known difference pub {' '.join(args)}: mosquitto {want_mosq}, mqc {want_mqc}",
              (rc_m, rc_q) == (want_mosq, want_mqc), (rc_m, rc_q))
    r = run([MQC, "--help"], 5)
    check("mqc --help exits 0 (no mosquitto counterpart) and lists the exit codes",
          r[0] == 0 and all(s in r[1] for s in (b"Exit status", b" 40 ", b" 41 ", b" 42 ",
                                                 b"27 -W", b"128-162")), (r[0], r[2][:100]))
    r = run([MQC, "--version"], 5)
    check("mqc --version exits 0", r[0] == 0 and r[1].startswith(b"mqc "), r)
    r = run([MQC], 5)
    check("mqc without a command: usage error (1)", r[0] == EXIT_USAGE and b"Usage" in r[2], r)


def refused():
    """Mosquitto refuses anonymous clients: 5 in 3.1/3.1.1, 135 (0x87) in 5.0."""
    with Mosquitto(conf=["allow_anonymous false"]) as b:
        for v, want in (("31", 5), ("311", 5), ("5", 135)):
            for kind, extra in (("pub", ["-t", "a", "-m", "x", "-q", "1"]), ("sub", ["-t", "a"])):
                got = both(kind, ["-p", str(b.port), "-V", v] + extra, want,
                           f"v{v} {kind} not authorized (Mosquitto)")
                check(f"v{v} mqc {kind} not authorized: named on stderr",
                      b"not authorized" in got["mqc " + kind][2], got["mqc " + kind][2])


def refused_scripted():
    """Codes Mosquitto does not send, from the scripted broker, to both tools."""
    from fakebroker import FakeBroker, CONNECT, connack
    for v, code in (("311", 2), ("311", 3), ("311", 4), ("5", 0x86), ("5", 0x8A), ("5", 0x9F)):
        def script(c, code=code):
            c.expect(CONNECT)
            c.send(connack(0, code))
            c.wait_closed(3)
        for label, cmd in tools("pub"):
            with FakeBroker([script], extra=script) as fb:
                rc, _, err = run(cmd + ["-p", str(fb.port), "-V", v, "-i", "x", "-t", "a",
                                        "-m", "x", "-q", "1"], 15)
                conns = len(fb.conns)
            check(f"v{v} CONNACK {code} (0x{code:02x}): {label} exits {code}",
                  rc == code and conns == 1, (rc, conns, err[:160]))


def no_broker():
    port = free_port()
    for kind, extra in (("pub", ["-t", "a", "-m", "x"]), ("sub", ["-t", "a"])):
        both(kind, ["-p", str(port)] + extra, EXIT_ERROR, f"{kind} TCP connect refused")
        # An empty label fails inside the resolver: no DNS query leaves the machine.
        both(kind, ["-h", "bad..host"] + extra, EXIT_ERROR, f"{kind} name lookup failed")


def timeout_and_own_codes(b):
    port = str(b.port)
    both("sub", ["-p", port, "-t", "nothing/here", "-W", "1"], EXIT_TIMEOUT, "sub -W 1 timeout")
    # 40: SIGINT while a QoS 1 message waits for its PUBACK (nobody answers).
    import socket
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    p = subprocess.Popen([MQC, "pub", "-p", str(ls.getsockname()[1]), "-t", "t", "-q", "1",
                          "-m", "x"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    conn, _ = ls.accept()
    conn.recv(1000)                                   # CONNECT
    conn.sendall(b"\x20\x02\x00\x00")                 # CONNACK accepted
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
    conn.close()
    ls.close()
    check(f"pub interrupted with a message unacknowledged exits {EXIT_UNACKED}",
          p.returncode == EXIT_UNACKED and b"1 of 1 messages not acknowledged" in err,
          (p.returncode, err[-200:]))
    # 42: a store that belongs to another client id.
    d = tempfile.mkdtemp(prefix="mqc-exit-store-")
    try:
        r1 = run([MQC, "pub", "-p", port, "--store", d, "-i", "one", "-t", "t", "-q", "1",
                  "-m", "x"])
        r2 = run([MQC, "pub", "-p", port, "--store", d, "-i", "two", "-t", "t", "-q", "1",
                  "-m", "x"])
        check(f"pub --store of another client id exits {EXIT_STORE}",
              r1[0] == 0 and r2[0] == EXIT_STORE and b"another session" in r2[2],
              (r1[0], r2[0], r2[2][:200]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def failed_message():
    """41: the broker rejects a 5.0 QoS 1 message (PUBACK 0x87)."""
    from fakebroker import FakeBroker, CONNECT, PUBLISH, DISCONNECT, connack, puback

    def script(c):
        c.expect(CONNECT)
        c.send(connack())
        p = c.expect(PUBLISH)
        c.send(puback(p.id, 0x87))
        c.expect(DISCONNECT)
    with FakeBroker([script]) as fb:
        rc, _, err = run([MQC, "pub", "-p", str(fb.port), "-V", "5", "-t", "a", "-m", "x",
                          "-q", "1"], 15)
    check(f"pub with a rejected message exits {EXIT_FAILED}",
          rc == EXIT_FAILED and b"failed" in err, (rc, err[:200]))


def main():
    missing = [t for t in ("mosquitto_pub", "mosquitto_sub") if not shutil.which(t)]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed (scripts/deps.sh test installs "
              f"mosquitto-clients); the exit codes are not compared")
        sys.exit(77)
    start = time.monotonic()
    try:
        with Mosquitto() as b:
            arguments(b.port)
            timeout_and_own_codes(b)
        refused()
        refused_scripted()
        no_broker()
        failed_message()
    except Exception as e:  # a crash of the test itself is a failure
        import traceback
        traceback.print_exc()
        check("test ran to the end", False, repr(e))
    print(f"time {time.monotonic() - start:.1f} s")
    summary()


if __name__ == "__main__":
    main()
