"""mqc pub/sub/rr side by side with Debian's mosquitto_pub/sub/rr 2.0 against
one private Mosquitto (TCP on a free loopback port and a Unix socket): for
each option and -F sequence of mosquitto_pub(1), mosquitto_sub(1) and
mosquitto_rr(1), both tools get the same arguments and must print the same
bytes (timestamps masked) and exit with the same status, except for the
deliberate differences in DIFFERENCES below, which are checked as documented.
Also: two `mqc sub` on $share/g/... divide a QoS 1 and a QoS 2 stream (each
gets some, together all, none twice), and `mqc rr` / mosquitto_rr answered by
responders built from mqc sub + mqc pub and from mosquitto_sub + mosquitto_pub.
Skips (exit 0) when the mosquitto clients are not installed.
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto, free_port  # noqa: E402
from clitest import MQC, check, summary  # noqa: E402

TOOLS = {t: shutil.which(f"mosquitto_{t}") for t in ("pub", "sub", "rr")}

# Where mqc differs from mosquitto 2.0 on purpose (also in `mqc --help`,
# mqc(1) and the README). The checks marked "documented difference" below
# hold mqc to the right-hand column.
DIFFERENCES = [
    ("pub QoS 1/2", "exits once every message is acknowledged, reconnecting as needed; "
                    "own exit codes 40 (interrupted), 41 (a message failed), 42 (--store)"),
    ("sub", "reconnects and resumes; acks a message only once it is printed"),
    ("rr -V 311", "a usage error (exit 1): request/response is MQTT 5; mosquitto_rr runs "
                  "without a response topic"),
    ("rr answers", "an answer with other Correlation Data than the request's is skipped; "
                   "mosquitto_rr prints the first message on the response topic"),
    ("-x/-D/--retain-as-published under 3.1.1", "a usage error; mosquitto ignores them"),
    ("%j/%J payload with NUL", "printed whole (\\u0000); mosquitto cuts it at the NUL"),
    ("--ciphers --proxy --tls-engine*", "not supported: a usage error"),
    ("--tls-version tlsv1.1", "refused (too old): a usage error"),
    ("options file", "~/.config/mqc_pub|mqc_sub|mqc_rr, and -o FILE (mqc's own flag)"),
    ("--random-filter PCT", "prints about PCT percent, as mosquitto_sub(1) says; Debian's "
                            "2.0.11 prints about a tenth of that"),
    ("-v, empty payload", "'topic ' (nothing after the space); mosquitto prints '(null)'"),
    ("QoS 2 order", "a QoS 2 message prints on PUBLISH (libmosquitto: on PUBREL), so a "
                    "burst mixing QoS 2 with others can print in another order"),
    ("stderr", "error messages have mqc's words"),
]

TMP = tempfile.mkdtemp(prefix="mqc-parity-")
# Both tools read options files from $HOME/.config: give them an empty one.
ENV = dict(os.environ, HOME=TMP, XDG_CONFIG_HOME=os.path.join(TMP, ".config"))
os.makedirs(ENV["XDG_CONFIG_HOME"])

MASKS = [
    (re.compile(rb'"tst":(\s*)"[^"]*"'), rb'"tst":\1"TST"'),
    (re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"), b"ISO8601"),
    (re.compile(rb"\d{10}\.\d{9}"), b"UNIXTIME"),
    (re.compile(rb"NS\d{9}"), b"NS"),
    # the retained message with an expiry: its remaining seconds tick
    (re.compile(rb"(?<!\d)(99\d{3}|100000)(?!\d)"), b"EXPIRY"),
]


def mask(b):
    for rx, rep in MASKS:
        b = rx.sub(rep, b)
    return b


def run(cmd, stdin=None, timeout=20):
    try:
        r = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, env=ENV)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as e:
        return -999, e.stdout or b"", e.stderr or b""


def tool(kind, which):
    return [TOOLS[kind]] if which == "mosquitto" else [MQC, kind]


def same(name, kind, args, stdin=None, rc=True, out=True, timeout=20):
    """Runs mosquitto_KIND and mqc KIND with args; both must agree."""
    m = run(tool(kind, "mosquitto") + args, stdin, timeout)
    q = run(tool(kind, "mqc") + args, stdin, timeout)
    if out:
        check(f"{kind} {name}: same output", mask(m[1]) == mask(q[1]),
              f"\n  mosquitto: {m[1][:400]!r}\n  mqc:       {q[1][:400]!r}\n  mqc err: {q[2][:300]!r}")
    if rc:
        check(f"{kind} {name}: same exit status ({m[0]})", m[0] == q[0],
              f"mosquitto {m[0]} {m[2][:200]!r}, mqc {q[0]} {q[2][:300]!r}")
    return m, q


class Lines:
    """A process whose stdout and stderr lines are collected as they come."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        self.lines, self.errlines = [], []
        self.cv = threading.Condition()
        self.t = threading.Thread(target=self._pump, args=(self.p.stdout, self.lines))
        self.t.start()
        self.te = threading.Thread(target=self._pump, args=(self.p.stderr, self.errlines))
        self.te.start()

    @property
    def err(self):
        return b"".join(self.errlines)

    def _pump(self, f, acc):
        for line in iter(f.readline, b""):
            with self.cv:
                acc.append(line)
                self.cv.notify_all()
        with self.cv:
            self.cv.notify_all()

    def _wait(self, cond, timeout):
        """Until cond() or the process is gone and both pipes are read."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while not cond():
                left = deadline - time.monotonic()
                if left <= 0 or (self.p.poll() is not None and not self.t.is_alive()
                                 and not self.te.is_alive()):
                    return cond()
                self.cv.wait(min(left, 0.2))
            return True

    def wait_marker(self, marker, timeout=10):
        """-d traces: mosquitto_sub's go to stdout, mqc's to stderr."""
        return self._wait(lambda: any(marker in ln for ln in self.lines + self.errlines),
                          timeout)

    def wait_lines(self, n, timeout=10, match=None):
        return self._wait(lambda: sum(1 for ln in self.lines if match is None or match(ln)) >= n,
                          timeout)

    def finish(self, timeout=20, sig=None):
        if sig:
            self.p.send_signal(sig)
        try:
            rc = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            rc = -999
        self.t.join(5)
        self.te.join(5)
        return rc, b"".join(self.lines)


def mpub(args, stdin=None):
    """Fixtures and observers use the mosquitto tools, the same for both sides."""
    r = run([TOOLS["pub"]] + args, stdin)
    assert r[0] == 0, (args, r)


# ---- fixtures: retained messages both subscribers see in the same order ----

RETAINED = 6


def fixtures(base):
    mpub(base + ["-t", "pa/1", "-r", "-q", "1", "-m", "hello world"])
    mpub(base + ["-V", "5", "-t", "pa/2", "-r", "-q", "2",
                 "-m", '{"a": [1, 2.5, {"b": null, "c": true, "d": 1.50e3}], "e": {}, '
                       '"f": [], "s": "x\\u00e9\\n\\"q\\"", "n": -0.125}',
                 "-D", "publish", "user-property", "k", "v",
                 "-D", "publish", "user-property", "k", "w",
                 "-D", "publish", "content-type", "application/json",
                 "-D", "publish", "response-topic", "rsp/1",
                 "-D", "publish", "correlation-data", "cd1",
                 "-D", "publish", "payload-format-indicator", "1"])
    mpub(base + ["-t", "pa/3", "-r", "-q", "2", "-s"],
         stdin=b"tab\there\x01\x7f \xc3\xa9 \"q\" \\ / <b>")
    mpub(base + ["-t", "pa/4", "-r", "-m", "Z"])
    mpub(base + ["-t", "pa/5", "-r", "-q", "1", "-m", "0123456789abcdefghijklmnopqrstuvwxyz!"])
    mpub(base + ["-V", "5", "-t", "pa/6", "-r", "-q", "1", "-m", "[1,2]",
                 "-D", "publish", "message-expiry-interval", "100000"])


FORMATS = [
    "%t", "%p", "%q", "%r", "%m", "%l", "%x", "%X", "%P", "%C", "%D", "%E", "%F", "%R",
    "%S", "%A", "%I", "%U", "%j", "%J", "%%",
    "%10t|%-10t|%.3t|%5.2t|%-5.2t|%05t|%.0t",
    "%3p|%8p|%-8p|%08p|%-p|%.2p|%-03p",
    "%3x|%4x|%12x|%-12x|%012x|%-x|%-X|%5X|%1x",
    "%5l|%-5l|%05l|%-05l|%5m|%05m|%00l|%5.3l",
    "%2q|%2r|%5P|%5U",
    "%10C|%-10C|%.3C|%5E|%05E|%5F|%-5S|%5A|%5R|%5D",
    "%30I|%.5I|%-30I|",
    "@Y-@m-@d @@ NS@N",
    "a\\tb\\nc\\rd\\ae\\vf\\eg\\0h\\\\i",
    "%t %p %j",
]
BAD_FORMATS = ["%", "a%", "%5", "%-", "%.", "%d", "%k", "%e", "%i", "%0-5l", "%--5l",
               "@", "\\", "\\q"]


def sub_formats(base):
    for v in (["-V", "5"], []):
        # -q 1: libmosquitto prints a QoS 2 message at PUBREL, mqc at PUBLISH,
        # so at QoS 2 the order of a burst of retained messages is a race
        sel = base + v + ["-t", "pa/#", "-q", "1", "-C", str(RETAINED)]
        for fmt in FORMATS:
            same(f"{' '.join(v) or 'v311'} -F {fmt!r}", "sub", sel + ["-F", fmt])
        for extra in (["-v"], ["-N"], ["-v", "-N"], ["-F", "%p", "-v"], ["-F", "%j", "--pretty"],
                      ["-F", "%J", "--pretty"], ["-F", "%j", "-N"], []):
            same(f"{' '.join(v) or 'v311'} {' '.join(extra) or 'payload'}", "sub", sel + extra)
    for fmt in BAD_FORMATS:
        same(f"bad -F {fmt!r}", "sub", base + ["-t", "pa/#", "-C", "1", "-F", fmt])


def bind_address(b, base):
    """-A: the broker sees the connection come from the bound address
    (127.0.0.2 is loopback too; Mosquitto logs each new connection's source)."""
    for kind, args in (("sub", ["-t", "pa/1", "-C", "1"]), ("pub", ["-t", "ba/x", "-m", "v"])):
        for which in ("mosquitto", "mqc"):
            before = b.log().count("New connection from 127.0.0.2")
            r = run(tool(kind, which) + base + args + ["-A", "127.0.0.2"])
            after = b.log().count("New connection from 127.0.0.2")
            check(f"{which} {kind} -A 127.0.0.2: the broker sees it come from there",
                  r[0] == 0 and after == before + 1, (r, before, after))


def sub_options(base, port, sock):
    one = ["-t", "pa/1", "-C", "1"]
    same("-t twice", "sub", base + ["-t", "pa/1", "-t", "pa/4", "-C", "2"])
    same("-T", "sub", base + ["-t", "pa/#", "-T", "pa/2", "-T", "pa/5", "-C", "4", "-v"])
    same("-R (nothing but retained: -W 1)", "sub", base + ["-t", "pa/#", "-R", "-W", "1"])
    same("-W 1 on a silent topic", "sub", base + ["-t", "quiet/x", "-W", "1"])
    same("-C 1 -W 5", "sub", base + ["-t", "pa/1", "-C", "1", "-W", "5"])
    same("-E", "sub", base + ["-t", "quiet/x", "-E"])
    same("-E -U", "sub", base + ["-t", "quiet/x", "-U", "quiet/x", "-E"])
    for bad in ("0", "0.05", "abc"):
        same(f"--random-filter {bad}", "sub", base + ["-t", "pa/#", "--random-filter", bad,
                                                      "-W", "1"])
    for extra in (["-A", "127.0.0.1"], ["-V", "mqttv31"], ["-V", "31"], ["-V", "311"],
                  ["-V", "mqttv5"], ["-i", "parity-sub"], ["-I", "pfx-"], ["-k", "30"],
                  ["-c", "-i", "parity-persist"], ["-V", "5", "-x", "60", "-i", "parity-x"],
                  ["-V", "5", "-c", "-i", "parity-d", "-D", "disconnect",
                   "session-expiry-interval", "0"],
                  ["-u", "user", "-P", "pw"], ["--nodelay"], ["--quiet"], ["-q", "1"],
                  ["--will-topic", "wt", "--will-payload", "bye", "--will-qos", "1",
                   "--will-retain"],
                  ["-V", "5", "-D", "connect", "user-property", "a", "b"],
                  ["-V", "5", "-D", "subscribe", "user-property", "a", "b"],
                  ["-V", "5", "--retain-as-published"]):
        same(" ".join(extra), "sub", base + one + extra)
    same("-D subscribe subscription-identifier, %S", "sub",
         base + ["-V", "5", "-t", "pa/#", "-C", str(RETAINED), "-F", "%S|%t|%j",
                 "-D", "subscribe", "subscription-identifier", "9"])
    same("--unix", "sub", ["--unix", sock] + one)
    same("-L", "sub", ["-L", f"mqtt://127.0.0.1:{port}/pa/1", "-C", "1"])
    same("-L user:pw@", "sub", ["-L", f"mqtt://u:p@127.0.0.1:{port}/pa/1", "-C", "1"])
    closed = str(free_port())
    for name, args in (("closed port", ["-h", "127.0.0.1", "-p", closed] + one),
                       ("--unix missing", ["--unix", os.path.join(TMP, "none.sock")] + one),
                       ("-A not ours", base + one + ["-A", "10.255.255.1"]),
                       ("-A unresolvable", base + one + ["-A", "nosuch.invalid"]),
                       ("unknown option", base + one + ["--bogus"]),
                       ("-t without argument", base + ["-t"]),
                       ("-q 3", base + one + ["-q", "3"]),
                       ("no topic", base + ["-C", "1"])):
        same(name, "sub", args, out=False)


def live(base, sub_args, n, fresh, topic):
    """A retained marker on topic tells when each subscriber is subscribed;
    then fresh() publishes. Returns {tool: (rc, output)}."""
    got = {}
    for which in ("mosquitto", "mqc"):
        mpub(base + ["-t", topic, "-r", "-m", "marker"])
        s = Lines(tool("sub", which) + base + sub_args)
        if not s.wait_lines(1):
            got[which] = (-1, b"never subscribed " + s.err)
            s.finish(sig=signal.SIGTERM)
            continue
        fresh(which)
        got[which] = s.finish()
        mpub(base + ["-t", topic, "-r", "-n"])
    return got


def sub_live(base):
    # --retained-only: prints the retained ones, exits at the first fresh one
    def fresh(_):
        mpub(base + ["-t", "pa/live", "-m", "fresh"])
    g = live(base, ["-t", "pa/#", "--retained-only", "-v", "-W", "10"], 0, fresh, "pa/0")
    check("sub --retained-only: same output", g["mosquitto"][1] == g["mqc"][1], g)
    check("sub --retained-only: both exit 0 at the fresh message",
          g["mosquitto"][0] == g["mqc"][0] == 0, g)
    check("sub --retained-only printed the retained messages only",
          g["mqc"][1].count(b"\n") == RETAINED + 1 and b"fresh" not in g["mqc"][1], g["mqc"])
    # --retain-as-published: a live retained publish keeps its flag
    for extra in ([], ["--retain-as-published"]):
        def fresh_r(_):
            mpub(base + ["-t", "rap/1", "-r", "-m", "live"])
        g = live(base, ["-V", "5", "-t", "rap/1", "-C", "2", "-F", "%r %p"] + extra, 2,
                 fresh_r, "rap/1")
        check(f"sub {' '.join(extra) or 'without RAP'}: same retain flags", g["mosquitto"] ==
              g["mqc"] and g["mqc"][0] == 0, g)
    check("--retain-as-published shows the publisher's retain flag",
          g["mqc"][1] == b"1 marker\n1 live\n", g["mqc"])
    # pub: -l, -n, --repeat, seen by one mosquitto_sub per tool
    for args, stdin, n in ((["-l"], b"a\nb\n\nc", 4), (["-l", "-q", "1"], b"x\ny\n", 2),
                           (["-n"], None, 1), (["--repeat", "3", "-m", "r"], None, 3),
                           (["--repeat", "3", "--repeat-delay", "0.1", "-m", "r", "-q", "2"],
                            None, 3)):
        rcs = {}

        def fresh_p(which):
            rcs[which] = run(tool("pub", which) + base + ["-t", "live/p"] + args, stdin)
        g = live(base, ["-t", "live/p", "-C", str(n + 1), "-W", "10", "-F", "%q|%l|%p"],
                 n, fresh_p, "live/p")
        check(f"pub {' '.join(args)}: the subscriber sees the same", g["mosquitto"] == g["mqc"]
              and g["mqc"][0] == 0, g)
        check(f"pub {' '.join(args)}: same exit status",
              rcs["mosquitto"][0] == rcs["mqc"][0] == 0, rcs)


def sub_remove_retained(base):
    outs = {}
    for which in ("mosquitto", "mqc"):
        for t in ("rm/1", "rm/2/x", "rm/keep"):
            mpub(base + ["-t", t, "-r", "-m", t])
        r = run(tool("sub", which) + base + ["-t", "rm/#", "-T", "rm/keep", "--remove-retained",
                                             "-W", "2", "-F", "%t %p"])
        left = run([TOOLS["sub"]] + base + ["-t", "rm/#", "-W", "1", "-v"])
        outs[which] = (r[0], r[1], left[1])
        mpub(base + ["-t", "rm/keep", "-r", "-n"])
    check("sub --remove-retained -T: same output and status", outs["mosquitto"] == outs["mqc"],
          outs)
    check("sub --remove-retained cleared all but the filtered-out topic",
          outs["mqc"][2] == b"rm/keep rm/keep\n", outs["mqc"])


def sub_random(base):
    for i in range(60):
        mpub(base + ["-t", f"rf/{i}", "-r", "-m", str(i)])
    r = run([MQC, "sub"] + base + ["-t", "rf/#", "--random-filter", "50", "-W", "2"])
    n = r[1].count(b"\n")
    check("sub --random-filter 50 prints some of 60, not all", r[0] == 27 and 0 < n < 60,
          (r[0], n))
    r = run([MQC, "sub"] + base + ["-t", "rf/#", "--random-filter", "100", "-C", "60"])
    m = run([TOOLS["sub"]] + base + ["-t", "rf/#", "--random-filter", "100", "-W", "2"])
    check("documented difference: --random-filter 100 prints all 60 (mosquitto 2.0.11 about "
          "a tenth)", r[0] == 0 and r[1].count(b"\n") == 60 and m[1].count(b"\n") < 60,
          (r[0], r[1].count(b"\n"), m[1].count(b"\n")))
    for i in range(60):
        mpub(base + ["-t", f"rf/{i}", "-r", "-n"])


def pub_options(base, port, sock):
    observe = "%q|%r|%l|%P|%C|%R|%D|%F|%E|%x"
    binfile = os.path.join(TMP, "payload.bin")
    with open(binfile, "wb") as f:
        f.write(bytes(range(1, 256)))
    cases = [["-m", "hello"], ["-m", "hello", "-q", "1"], ["-m", "x", "-q", "2"],
             ["-f", binfile], ["-s"], ["-V", "mqttv311", "-m", "v"], ["-V", "31", "-m", "v"],
             ["-V", "5", "-m", "p", "-D", "publish", "user-property", "k", "v",
              "-D", "publish", "user-property", "k2", "v 2",
              "-D", "publish", "content-type", "ct", "-D", "publish", "response-topic", "rt",
              "-D", "publish", "correlation-data", "cd", "-D", "publish",
              "payload-format-indicator", "1", "-D", "publish", "message-expiry-interval",
              "100000"],
             ["-i", "parity-pub", "-m", "v"], ["-I", "pp-", "-m", "v"], ["-k", "20", "-m", "v"],
             ["-c", "-i", "parity-pubc", "-m", "v", "-q", "1"],
             ["-V", "5", "-x", "30", "-i", "parity-pubx", "-m", "v"],
             ["-u", "u", "-P", "p", "-m", "v"],
             ["--will-topic", "wt", "--will-payload", "wp", "--will-qos", "2", "-m", "v"],
             ["-A", "127.0.0.1", "-m", "v"], ["-M", "5", "-m", "v", "-q", "1"],
             ["--nodelay", "-m", "v"], ["--quiet", "-m", "v"], ["-d", "-m", "v"],
             ["-V", "5", "-D", "connect", "user-property", "a", "b", "-m", "v"],
             ["-V", "5", "-D", "will", "user-property", "a", "b", "--will-topic", "w", "-m", "v"],
             ["-V", "5", "-c", "-i", "parity-pubd", "-D", "disconnect",
              "session-expiry-interval", "0", "-m", "v"]]
    for k, args in enumerate(cases):
        seen = {}
        for which in ("mosquitto", "mqc"):
            topic = f"po/{k}/{which}"
            r = run(tool("pub", which) + base + ["-t", topic, "-r"] + args,
                    stdin=b"whole\nstdin\n" if "-s" in args else None)
            o = run([TOOLS["sub"]] + base + ["-V", "5", "-q", "2", "-t", topic, "-C", "1",
                                             "-W", "5", "-F", observe])
            mpub(base + ["-t", topic, "-r", "-n"])
            seen[which] = (r[0], mask(o[1]))
        check(f"pub {' '.join(args)}: same message, same status {seen['mosquitto'][0]}",
              seen["mosquitto"] == seen["mqc"] and seen["mqc"][0] == 0
              and seen["mqc"][1].count(b"\n") == 1, seen)
    for name, args in (("--unix", ["--unix", sock, "-t", "pu/u", "-r", "-m", "v"]),
                       ("-L", ["-L", f"mqtt://127.0.0.1:{port}/pu/u", "-r", "-m", "v"])):
        seen = {}
        for which in ("mosquitto", "mqc"):
            r = run(tool("pub", which) + args)
            o = run([TOOLS["sub"]] + base + ["-t", "pu/u", "-C", "1", "-W", "5", "-v"])
            mpub(base + ["-t", "pu/u", "-r", "-n"])
            seen[which] = (r[0], o[1])
        check(f"pub {name}: same message and status", seen["mosquitto"] == seen["mqc"]
              and seen["mqc"] == (0, b"pu/u v\n"), seen)
    closed = str(free_port())
    for name, args in (("--repeat 0", base + ["-t", "e", "-m", "a", "--repeat", "0"]),
                       ("no message", base + ["-t", "e"]),
                       ("two messages", base + ["-t", "e", "-m", "a", "-f", binfile]),
                       ("-q 3", base + ["-t", "e", "-m", "a", "-q", "3"]),
                       ("no topic", base + ["-m", "a"]),
                       ("closed port", ["-h", "127.0.0.1", "-p", closed, "-t", "e", "-m", "a"]),
                       ("--unix missing", ["--unix", os.path.join(TMP, "no.sock"), "-t", "e",
                                           "-m", "a"]),
                       ("-A not ours", base + ["-A", "10.255.255.1", "-t", "e", "-m", "a"]),
                       ("-f missing", base + ["-t", "e", "-f", os.path.join(TMP, "nofile")]),
                       ("unknown option", base + ["-t", "e", "-m", "a", "--bogus"])):
        same(name, "pub", args, out=False)


# ---- rr: responders made of a subscriber and a publisher ----

class Responder:
    """Answers requests on topic: `sub -V 5 -t topic -F '%R<TAB>%D<TAB>%p' -d`
    prints each request, then `pub` sends "answer:<p>" to its response topic
    with its correlation data (after a wrong one first with wrong_first).
    kind: 'mqc' (mqc sub + mqc pub) or 'mosquitto' (mosquitto_sub + _pub)."""

    def __init__(self, kind, base, topic, wrong_first=False):
        self.kind, self.base, self.wrong_first = kind, base, wrong_first
        # stdbuf: mosquitto_sub's -d trace is stdio on stdout, held in a pipe
        self.s = Lines((["stdbuf", "-oL"] if kind == "mosquitto" else []) + tool("sub", kind) + base + ["-V", "5", "-t", topic, "-C", "1", "-F",
                                                   "%R\t%D\t%p", "-d"])
        self.ok = self.s.wait_marker(b"received SUBACK")
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    @staticmethod
    def _is_request(ln):
        return b"\t" in ln and not ln.startswith(b"Client ")

    def _serve(self):
        if not self.s.wait_lines(1, timeout=20, match=self._is_request):
            return
        ln = [x for x in self.s.lines if self._is_request(x)][0]
        resp, cd, payload = ln.rstrip(b"\n").split(b"\t", 2)
        if self.wrong_first:
            self._answer(resp, b"someone-else", b"wrong answer")
        self._answer(resp, cd, b"answer:" + payload)

    def _answer(self, resp, cd, payload):
        args = self.base + ["-V", "5", "-t", resp.decode(), "-m", payload.decode()]
        if cd:
            args += ["-D", "publish", "correlation-data", cd.decode()]
        run(tool("pub", self.kind) + args)

    def finish(self):
        self.thread.join(30)
        return self.s.finish(timeout=30)


def rr_tests(base):
    for rr_kind in ("mosquitto", "mqc"):
        for resp_kind in ("mqc", "mosquitto"):
            outs = {}
            for fmt in (["-v"], ["-F", "%t|%p|%D|%q"], ["-N"], ["-F", "%j"], []):
                topic = f"svc/{rr_kind}/{resp_kind}"
                r = Responder(resp_kind, base, topic)
                req = run(tool("rr", rr_kind) + base + ["-t", topic, "-e", topic + "/reply",
                                                       "-m", "ping", "-q", "1", "-W", "15",
                                                       "-D", "publish", "correlation-data",
                                                       "c-1"] + fmt)
                r.finish()
                outs[" ".join(fmt)] = (r.ok, req[0], mask(req[1]))
                check(f"{rr_kind}_rr {' '.join(fmt) or 'payload'} answered by a {resp_kind} "
                      f"sub+pub responder: exit 0", r.ok and req[0] == 0, (r.ok, req))
            want = {"-v": b"svc/%s/%s/reply answer:ping\n" % (rr_kind.encode(), resp_kind.encode()),
                    "-F %t|%p|%D|%q": b"svc/%s/%s/reply|answer:ping|c-1|0\n"
                                      % (rr_kind.encode(), resp_kind.encode()),
                    "-N": b"answer:ping", "": b"answer:ping\n"}
            for k, w in want.items():
                check(f"{rr_kind}_rr {k or 'payload'} via {resp_kind}: the answer printed",
                      outs[k][2] == w, (outs[k], w))
            check(f"{rr_kind}_rr -F %j via {resp_kind}: JSON with the correlation data",
                  b'"correlation-data":"c-1"' in outs["-F %j"][2]
                  and b'"payload":"answer:ping"' in outs["-F %j"][2], outs["-F %j"])
    # same arguments, same output, side by side (one mqc responder each)
    for fmt in (["-v"], ["-F", "%t %p %l %q %r"], ["-N"], ["-F", "%j", "--pretty"]):
        res = {}
        for which in ("mosquitto", "mqc"):
            r = Responder("mqc", base, "svc/same")
            res[which] = run(tool("rr", which) + base + ["-t", "svc/same", "-e", "svc/same/r",
                                                        "-m", "q", "-W", "15"] + fmt)
            r.finish()
        check(f"rr {' '.join(fmt)}: same output and status", res["mosquitto"][0] ==
              res["mqc"][0] == 0 and mask(res["mosquitto"][1]) == mask(res["mqc"][1]), res)
    same("-W 1 without a responder", "rr", base + ["-t", "svc/none", "-e", "svc/none/r",
                                                   "-m", "x", "-W", "1"])
    same("no -e", "rr", base + ["-t", "svc/none", "-m", "x", "-W", "1"], out=False)
    same("no request", "rr", base + ["-t", "svc/none", "-e", "r", "-W", "1"], out=False)
    # documented differences
    m = run(tool("rr", "mosquitto") + base + ["-t", "svc/none", "-e", "r", "-m", "x",
                                              "-V", "311", "-W", "1"])
    q = run(tool("rr", "mqc") + base + ["-t", "svc/none", "-e", "r", "-m", "x", "-V", "311",
                                        "-W", "1"])
    check("documented difference: rr -V 311 is a usage error in mqc (mosquitto_rr times out)",
          m[0] == 27 and q[0] == 1 and b"MQTT v5" in q[2], (m, q))
    res = {}
    for which in ("mosquitto", "mqc"):
        r = Responder("mqc", base, "svc/cd", wrong_first=True)
        res[which] = run(tool("rr", which) + base + ["-t", "svc/cd", "-e", "svc/cd/r", "-m", "q",
                                                    "-W", "15", "-D", "publish",
                                                    "correlation-data", "mine", "-F", "%D %p"])
        r.finish()
    check("documented difference: mqc rr skips an answer with other correlation data",
          res["mqc"] == (0, b"mine answer:q\n", res["mqc"][2])
          and res["mosquitto"][1] == b"someone-else wrong answer\n", res)


def shared(base):
    for qos in ("1", "2"):
        subs = [Lines([MQC, "sub"] + base + ["-V", "5", "-q", qos, "-t", "$share/g/sh/" + qos,
                                             "-d"]) for _ in range(2)]
        check(f"shared QoS {qos}: both subscribed",
              all([s.wait_marker(b"received SUBACK") for s in subs]), [s.err for s in subs])
        n = 200
        lines = "".join(f"m{i}\n" for i in range(n)).encode()
        r = run([MQC, "pub"] + base + ["-V", "5", "-q", qos, "-t", "sh/" + qos, "-l"], lines)
        check(f"shared QoS {qos}: the stream published", r[0] == 0, r)
        # both together: every message once (a bound, not a timing check)
        deadline = time.monotonic() + 30
        with subs[0].cv:
            while len(subs[0].lines) + len(subs[1].lines) < n and time.monotonic() < deadline:
                subs[0].cv.wait(0.2)
        outs = [s.finish(sig=signal.SIGTERM) for s in subs]
        parts = [[ln for ln in o[1].split(b"\n") if ln.startswith(b"m")] for o in outs]
        union = set(parts[0]) | set(parts[1])
        check(f"shared QoS {qos}: both exit 0 on SIGTERM", [o[0] for o in outs] == [0, 0], outs)
        check(f"shared QoS {qos}: each got some ({len(parts[0])}, {len(parts[1])})",
              len(parts[0]) > 0 and len(parts[1]) > 0, [len(p) for p in parts])
        check(f"shared QoS {qos}: together all {n}",
              union == {f"m{i}".encode() for i in range(n)}, len(union))
        check(f"shared QoS {qos}: none twice",
              len(parts[0]) + len(parts[1]) == len(union)
              and len(set(parts[0]) & set(parts[1])) == 0, [len(p) for p in parts])


def options_file(base, port):
    cfg = ENV["XDG_CONFIG_HOME"]
    text = f"# defaults\n-h 127.0.0.1\n-p {port}\n-V mqttv5\n-F %t=%p\n"
    for name in ("mosquitto_sub", "mqc_sub"):
        with open(os.path.join(cfg, name), "w") as f:
            f.write(text)
    same("options file (~/.config/NAME_sub)", "sub", ["-t", "pa/1", "-C", "1"])
    same("options file, -F overridden", "sub", ["-t", "pa/1", "-C", "1", "-F", "%p!"])
    for name in ("mosquitto_sub", "mqc_sub"):
        os.unlink(os.path.join(cfg, name))
    alt = os.path.join(TMP, "alt.conf")
    with open(alt, "w") as f:
        f.write(f"-p {port}\n-h 127.0.0.1\n-v\n-D subscribe user-property k v\n")
    r = run([MQC, "sub", "-o", alt, "-V", "5", "-t", "pa/1", "-C", "1"])
    check("mqc sub -o FILE reads its options (mqc's own flag)", r[:2] == (0, b"pa/1 hello world\n"),
          r)
    r = run([MQC, "sub", "-o", os.path.join(TMP, "missing.conf"), "-t", "pa/1", "-C", "1"])
    check("mqc sub -o with a missing file: exit 1", r[0] == 1 and b"missing.conf" in r[2], r)


def own_flags(base):
    """mqc's own flags, which mosquitto_sub 2.0.11 lacks: they must work."""
    r = run([MQC, "sub"] + base + ["-V", "5", "--retain-handling", "2", "-t", "pa/#", "-W", "1"])
    check("mqc sub --retain-handling 2: no retained messages (27 after -W 1)",
          r[:2] == (27, b""), r)
    r = run([MQC, "sub"] + base + ["-V", "5", "--retain-handling", "0", "-t", "pa/1", "-C", "1"])
    check("mqc sub --retain-handling 0: the retained message", r[:2] == (0, b"hello world\n"), r)
    for flag, echoes in (([], 2), (["--no-local"], 0), (["--nl"], 0)):
        for t in ("nl/1", "nl/2"):
            mpub(base + ["-t", t, "-r", "-m", "x"])
        # --remove-retained publishes; without No Local the empty messages come back
        r = run([MQC, "sub"] + base + ["-V", "5", "-t", "nl/#", "--remove-retained", "-W", "2",
                                       "-F", "%t %l"] + flag)
        check(f"mqc sub {' '.join(flag) or 'without No Local'}: {echoes} own messages back",
              r[0] == 27 and r[1].count(b" 0\n") == echoes and r[1].count(b" 1\n") == 2, r)
    r = run([MQC, "sub"] + base + ["-V", "5", "-c", "-i", "parity-dx", "-t", "pa/1", "-C", "1",
                                   "-d", "-D", "disconnect", "session-expiry-interval", "0"])
    check("mqc sub -D disconnect session-expiry-interval 0: in the DISCONNECT",
          r[0] == 0 and b"sent DISCONNECT (flags 0x0, reason 0x00 success, session expiry 0)"
          in r[2], r)
    r = run([MQC, "sub"] + base + ["-V", "5", "-t", "pa/1", "-C", "1",
                                   "-D", "disconnect", "session-expiry-interval", "5"])
    check("mqc sub -D disconnect session-expiry-interval after a 0 in CONNECT: exit 1",
          r[0] == 1 and b"forbids" in r[2], r)
    cfg = ENV["XDG_CONFIG_HOME"]
    for name in ("mqc_pub", "mqc_rr"):
        with open(os.path.join(cfg, name), "w") as f:
            f.write(f"-p {base[3]}\n-h 127.0.0.1\n")
    r = run([MQC, "pub", "-t", "cfg/pub", "-r", "-m", "from config"])
    o = run([TOOLS["sub"]] + base + ["-t", "cfg/pub", "-C", "1", "-W", "5"])
    mpub(base + ["-t", "cfg/pub", "-r", "-n"])
    check("mqc pub reads ~/.config/mqc_pub", r[0] == 0 and o[1] == b"from config\n", (r, o))
    r = run([MQC, "rr", "-t", "cfg/rr", "-e", "cfg/rr/r", "-m", "x", "-W", "1"])
    check("mqc rr reads ~/.config/mqc_rr (27: connected, no answer)", r[0] == 27, r)
    for name in ("mqc_pub", "mqc_rr"):
        os.unlink(os.path.join(cfg, name))


def differences(base):
    # -v with an empty payload
    g = live(base, ["-t", "empty/1", "-C", "2", "-v"], 1,
             lambda _: mpub(base + ["-t", "empty/1", "-n"]), "empty/1")
    check("documented difference: -v prints an empty payload as nothing (mosquitto: (null))",
          g["mqc"] == (0, b"empty/1 marker\nempty/1 \n")
          and g["mosquitto"] == (0, b"empty/1 marker\nempty/1 (null)\n"), g)
    # %j with a NUL in the payload
    mpub(base + ["-t", "nul/1", "-r", "-s"], stdin=b"ab\x00cd")
    m = run([TOOLS["sub"]] + base + ["-t", "nul/1", "-C", "1", "-F", "%j"])
    q = run([MQC, "sub"] + base + ["-t", "nul/1", "-C", "1", "-F", "%j"])
    check("documented difference: %j prints a payload with NUL whole",
          b'"payload":"ab\\u0000cd"' in q[1] and b'"payload":"ab"' in m[1], (m[1], q[1]))
    mpub(base + ["-t", "nul/1", "-r", "-n"])
    # options mqc refuses
    for args in (["--ciphers", "DEFAULT"], ["--proxy", "socks5h://127.0.0.1:1"],
                 ["--tls-engine", "x"], ["--tls-engine-kpass-sha1", "00"]):
        q = run([MQC, "sub"] + base + ["-t", "pa/1", "-C", "1"] + args)
        check(f"documented difference: {args[0]} is a usage error in mqc",
              q[0] == 1 and b"not supported" in q[2], q)
    q = run([MQC, "sub"] + base + ["-t", "pa/1", "-C", "1", "--cafile", "/dev/null",
                                   "--tls-version", "tlsv1.1"])
    check("documented difference: --tls-version tlsv1.1 is a usage error in mqc",
          q[0] == 1 and b"too old" in q[2], q)
    for args in (["-x", "10"], ["--retain-as-published"]):
        m = run([TOOLS["sub"]] + base + ["-t", "pa/1", "-C", "1"] + args)
        q = run([MQC, "sub"] + base + ["-t", "pa/1", "-C", "1"] + args)
        check(f"documented difference: {args[0]} under 3.1.1 is a usage error in mqc",
              m[0] == 0 and q[0] == 1, (m, q))


def main():
    if not all(TOOLS.values()):
        print("SKIP: mosquitto_pub/sub/rr not installed (Debian: mosquitto-clients)")
        print("0 passed, 0 failed")
        return
    print("Deliberate differences (mqc vs mosquitto 2.0):")
    for what, how in DIFFERENCES:
        print(f"  {what:42} {how}")
    b = Mosquitto()
    sock = os.path.join(b.dir, "mosquitto.sock")
    b.conf.append(f"listener 0 {sock}")
    b._write_conf()
    with b:
        base = ["-h", "127.0.0.1", "-p", str(b.port)]
        deadline = time.monotonic() + 10
        while not os.path.exists(sock) and time.monotonic() < deadline:
            time.sleep(0.05)
        fixtures(base)
        sub_formats(base)
        sub_options(base, b.port, sock)
        bind_address(b, base)
        sub_live(base)
        sub_remove_retained(base)
        sub_random(base)
        pub_options(base, b.port, sock)
        options_file(base, b.port)
        own_flags(base)
        differences(base)
        rr_tests(base)
        shared(base)
    shutil.rmtree(TMP, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
