"""mqc pub / mqc sub against a private Mosquitto: round trips at QoS 0/1/2,
retained messages, v5 properties, usage errors, refused connections, denied
subscriptions (scripted broker), and interoperability with mosquitto_pub/sub.
Runs in 3.1.1 and 5.0. Prints "N passed, M failed" last; exits 1 on failure."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import EXIT_USAGE, Sub, check, mqc, summary  # noqa: E402


def roundtrips(b, v):
    port = str(b.port)
    binfile = tempfile.NamedTemporaryFile(delete=False)
    binfile.write(bytes(range(256)))
    binfile.close()
    for q in (0, 1, 2):
        topic = f"rt/{v}/{q}"
        s = Sub(["-p", port, "-V", v, "-t", topic, "-q", "2", "-C", "4", "-F", "%q|%l|%p|%x"])
        if not check(f"v{v} q{q} sub ready", s.ready(), b"".join(s.err)):
            s.finish(1)
            continue
        pubs = [["-m", "hello world"], ["-m", "\u00fcn\u00efc\u00f6d\u00e9 \u2713"], ["-n"],
                ["-f", binfile.name]]
        for extra in pubs:
            r = mqc(["pub", "-p", port, "-V", v, "-t", topic, "-q", str(q)] + extra)
            check(f"v{v} q{q} pub {extra[0]} exit 0", r.returncode == 0, r.stderr)
        rc, out, err = s.finish()
        uni = "\u00fcn\u00efc\u00f6d\u00e9 \u2713".encode()
        want = (f"{q}|11|hello world|{b'hello world'.hex()}\n".encode() +
                f"{q}|{len(uni)}|".encode() + uni + b"|" + uni.hex().encode() + b"\n" +
                f"{q}|0||\n".encode() +
                f"{q}|256|".encode() + bytes(range(256)) + b"|" + bytes(range(256)).hex().encode()
                + b"\n")
        check(f"v{v} q{q} sub exit 0 after -C 4", rc == 0, (rc, err[-500:]))
        check(f"v{v} q{q} exact payloads", out == want, (out, want))
    os.unlink(binfile.name)


def retained(b, v):
    port = str(b.port)
    topic = f"ret/{v}"
    r = mqc(["pub", "-p", port, "-V", v, "-t", topic, "-r", "-q", "1", "-m", "R1"])
    check(f"v{v} retained pub", r.returncode == 0, r.stderr)
    r = mqc(["sub", "-p", port, "-V", v, "-t", topic, "-C", "1", "-F", "%r|%p"], timeout=10)
    check(f"v{v} new sub gets the retained message", r.returncode == 0 and r.stdout == b"1|R1\n",
          (r.returncode, r.stdout, r.stderr))
    s = Sub(["-p", port, "-V", v, "-t", topic, "-R", "-C", "1", "-F", "%r|%p"])
    check(f"v{v} -R sub ready", s.ready(), b"".join(s.err))
    r = mqc(["pub", "-p", port, "-V", v, "-t", topic, "-m", "live"])
    rc, out, err = s.finish()
    check(f"v{v} -R skips the retained message", rc == 0 and out == b"0|live\n", (rc, out, err))
    mqc(["pub", "-p", port, "-V", v, "-t", topic, "-r", "-n"])
    r = mqc(["sub", "-p", port, "-V", v, "-t", topic, "-W", "1"], timeout=10)
    check(f"v{v} empty retained message clears it", r.returncode == 27 and r.stdout == b"",
          (r.returncode, r.stdout))


def v5_properties(b):
    port = str(b.port)
    s = Sub(["-p", port, "-V", "5", "-t", "props", "-C", "1", "-F", "%P|%C|%R|%E|%p"])
    check("v5 props sub ready", s.ready(), b"".join(s.err))
    r = mqc(["pub", "-p", port, "-V", "mqttv5", "-t", "props", "-q", "1", "-m", "x", "-d",
             "-D", "publish", "user-property", "k", "v",
             "-D", "publish", "user-property", "k2", "v 2",
             "-D", "publish", "content-type", "text/plain",
             "-D", "publish", "response-topic", "reply/here",
             "-D", "publish", "message-expiry-interval", "3600",
             "-D", "connect", "user-property", "who", "test"])
    check("v5 props pub exit 0", r.returncode == 0, r.stderr)
    check("v5 props pub -d traces the user properties",
          b"user-property 'k'='v'" in r.stderr and b"user-property 'k2'='v 2'" in r.stderr,
          r.stderr)
    rc, out, err = s.finish()
    ok = rc == 0 and out.startswith(b"k:v k2:v 2|text/plain|reply/here|") and out.endswith(b"|x\n")
    check("v5 user properties, content type, response topic round trip", ok, (rc, out, err))
    expiry = out.split(b"|")[3] if out.count(b"|") == 4 else b"-1"
    check("v5 message expiry arrives (<= 3600)", expiry.isdigit() and 3590 <= int(expiry) <= 3600,
          out)
    trace = b"".join(s.err)
    check("v5 sub -d traces received user properties", b"user-property 'k'='v'" in trace, trace)


def usage_errors():
    cases = [
        (["pub", "--bogus", "-t", "a", "-m", "x"], b"unknown option"),
        (["pub", "-t", "a"], b"message source"),
        (["pub", "-m", "x"], b"topic"),
        (["sub"], b"topic"),
        (["sub", "-t", "a", "-q", "3"], b"-q"),
        (["pub", "-t", "a", "-m", "x", "-V", "31", "-i", "x" * 24], b"1 to 23 bytes"),
        (["sub", "-t", "a", "-V", "mqttv31", "-i", ""], b"1 to 23 bytes"),
        (["pub", "-t", "a", "-m", "x", "-V", "7"], b"unknown protocol"),
        (["pub", "-t", "a", "-m", "x", "-D", "publish", "user-property", "k", "v"], b"MQTT v5"),
        (["pub", "-t", "a", "-m", "x", "-V", "5", "-D", "publish", "bogus-prop", "1"],
         b"unknown"),
        (["pub", "-t", "a", "-m", "x", "-V", "5", "-D", "connect", "content-type", "a"],
         b"not allowed"),
        (["sub", "-t", "a", "-c"], b"client id"),
        (["sub", "-t", "a", "-F", "%Z"], b"unknown format"),
        (["frob"], b"unknown command"),
        ([], b"Usage"),
    ]
    for args, what in cases:
        r = mqc(args, timeout=5)
        check(f"usage error {' '.join(args) or '(none)'}: exit 1 (as mosquitto), message and usage",
              r.returncode == EXIT_USAGE and what in r.stderr and b"Usage" in r.stderr and r.stdout == b"",
              (r.returncode, r.stderr[:300]))
    r = mqc(["--help"], timeout=5)
    need = [b"mqc pub", b"mqc sub", b"-F", b"-D", b"--will-topic", b"-L", b"--retry-interval",
            b"--max-packet", b"--reconnect-min", b"-C", b"-W"]
    check("mqc --help lists both commands and their flags",
          r.returncode == 0 and all(n in r.stdout for n in need), r.stdout[:200])
    for cmd in ("pub", "sub"):
        r = mqc([cmd, "--help"], timeout=5)
        check(f"mqc {cmd} --help exit 1 (as mosquitto_{cmd})", r.returncode == EXIT_USAGE and
              b"Usage: mqc " + cmd.encode()
              in r.stdout, r.stdout[:200])
    r = mqc(["--version"], timeout=5)
    check("mqc --version", r.returncode == 0 and r.stdout.startswith(b"mqc "), r.stdout)


def refused():
    with Mosquitto(conf=["allow_anonymous false"]) as b:
        port = str(b.port)
        for v, code, rc in (("311", b"CONNACK return code 5", 5),
                            ("5", b"CONNACK reason code 0x87", 0x87)):
            for cmd in (["pub", "-t", "a", "-m", "x", "-q", "1"], ["sub", "-t", "a"]):
                r = mqc(cmd + ["-p", port, "-V", v], timeout=15)
                check(f"v{v} {cmd[0]} refused: exit {rc} (the CONNACK code), reason on stderr",
                      r.returncode == rc and b"not authorized" in r.stderr and code in r.stderr,
                      (r.returncode, r.stderr))
    r = mqc(["pub", "-p", str(b.port), "-t", "a", "-m", "x"], timeout=15)
    check("no broker: pub exits 1 with a reason", r.returncode == 1 and
          b"cannot connect" in r.stderr, (r.returncode, r.stderr))


def denied_subscriptions():
    from fakebroker import FakeBroker, CONNECT, SUBSCRIBE, DISCONNECT, connack, suback
    for v in ("311", "5"):
        def script(c):
            c.expect(CONNECT)
            c.send(connack())
            p = c.expect(SUBSCRIBE)
            c.send(suback(p.id, [0x80, 0x80] if v == "311" else [0x87, 0x87]))
            c.expect(DISCONNECT)
        with FakeBroker([script]) as fb:
            r = mqc(["sub", "-p", str(fb.port), "-V", v, "-t", "a", "-t", "b"], timeout=15)
            check(f"v{v} every subscription denied: exit 1 with the SUBACK code",
                  r.returncode == 1 and b"every subscription was denied" in r.stderr and
                  (b"0x80" in r.stderr or b"0x87" in r.stderr), (r.returncode, r.stderr))
            try:
                fb.wait_scripts(5)
                fb.check()
                check(f"v{v} denied: clean DISCONNECT sent", True)
            except AssertionError as e:
                check(f"v{v} denied: clean DISCONNECT sent", False, e)


def interop(b):
    port = str(b.port)
    s = Sub(["-p", port, "-t", "interop/a", "-C", "1", "-q", "1", "-v"],
            cmd=["stdbuf", "-oL", "mosquitto_sub", "-d"], ready_marker=b"received SUBACK")
    check("mosquitto_sub ready", s.ready(), b"".join(s.err))
    r = mqc(["pub", "-p", port, "-t", "interop/a", "-q", "1", "-m", "from mqc"])
    rc, out, _ = s.finish()
    data = b"".join(line + b"\n" for line in out.split(b"\n")
                    if line and not line.startswith((b"Client ", b"Subscribed")))
    check("mqc pub -> mosquitto_sub", r.returncode == 0 and rc == 0 and
          data == b"interop/a from mqc\n", (rc, out))
    s = Sub(["-p", port, "-t", "interop/b", "-C", "1", "-q", "2", "-v"])
    check("mqc sub ready", s.ready(), b"".join(s.err))
    r = subprocess.run(["mosquitto_pub", "-p", port, "-t", "interop/b", "-q", "2", "-m",
                        "from mosquitto"], capture_output=True, timeout=10)
    rc, out, _ = s.finish()
    check("mosquitto_pub -> mqc sub", r.returncode == 0 and rc == 0 and
          out == b"interop/b from mosquitto\n", (rc, out))
    # -L URL
    s = Sub(["-L", f"mqtt://127.0.0.1:{port}/url/t", "-C", "1"])
    check("mqc sub -L ready", s.ready(), b"".join(s.err))
    r = mqc(["pub", "-L", f"mqtt://127.0.0.1:{port}/url/t", "-m", "via url"])
    rc, out, _ = s.finish()
    check("-L URL round trip", r.returncode == 0 and rc == 0 and out == b"via url\n", (rc, out))


def ipv6():
    import socket
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sk:
            sk.bind(("::1", 0))
            port = sk.getsockname()[1]
    except OSError:
        print("skip IPv6: no ::1 on this machine")
        return
    with Mosquitto(host="::1", port=port) as b:
        s = Sub(["-h", "::1", "-p", str(port), "-t", "v6", "-C", "1", "-q", "1"])
        check("IPv6 sub ready", s.ready(), b"".join(s.err))
        r = mqc(["pub", "-L", f"mqtt://[::1]:{port}/v6", "-q", "1", "-m", "over v6"])
        rc, out, _ = s.finish()
        check("IPv6 round trip (-h ::1, -L mqtt://[::1]:port/)", r.returncode == 0 and rc == 0
              and out == b"over v6\n", (r.returncode, r.stderr, rc, out))


def sigint(b):
    import signal
    s = Sub(["-p", str(b.port), "-t", "sigint", "-q", "1"])
    check("SIGINT sub ready", s.ready(), b"".join(s.err))
    s.p.send_signal(signal.SIGINT)
    rc, out, err = s.finish(10)
    check("SIGINT: sub sends DISCONNECT and exits 0", rc == 0 and b"sent DISCONNECT" in err,
          (rc, err[-300:]))


def main():
    start = time.monotonic()
    try:
        usage_errors()
        with Mosquitto(conf=["max_inflight_messages 65534"]) as b:
            for v in ("311", "5"):
                roundtrips(b, v)
                retained(b, v)
            v5_properties(b)
            interop(b)
            sigint(b)
        refused()
        denied_subscriptions()
        ipv6()
    except Exception as e:  # a crash of the test itself is a failure
        check("test ran to completion", False, repr(e))
    print(f"(took {time.monotonic() - start:.1f} s)")
    summary()


if __name__ == "__main__":
    main()
