"""mqc pub/sub --store against a private Mosquitto: the refusals and reports of
issue 8. A store made for another client id, protocol or broker port is refused
(exit 42, a clear error, the store untouched); a second process on a store in use
is refused (the lock), also while the first one runs, and a SIGKILLed holder
leaves no stale lock; bytes flipped in the middle of DIR/log are reported
(DAMAGED, commits recovered, DIR/log.damaged holds the whole log as it was), a
log cut short by a few bytes is reported and the run goes on; `sub --output FILE`
cuts off what was written after the last commit and refuses a FILE shorter than
its store recorded; --output without
--store and --store without -i are usage errors (exit 1, as mosquitto's tools).
A first connection that fails ends a fresh run (exit 1), but a run resuming
a store an earlier run wrote retries it and delivers the stored message.
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto, free_port  # noqa: E402
from clitest import MQC, EXIT_ERROR, EXIT_STORE, EXIT_USAGE, Sub, check, mqc, summary  # noqa: E402


def err(r):
    return r.stderr.decode(errors="replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def identity(b, work):
    port = str(b.port)
    d = os.path.join(work, "ident")
    base = ["-t", "store/ident", "-q", "1", "-m", "x", "--store", d]
    r = mqc(["pub", "-p", port, "-i", "owner"] + base)
    check("pub --store makes a store and exits 0", r.returncode == 0 and
          os.path.isfile(os.path.join(d, "log")), err(r))
    before = read(os.path.join(d, "log"))
    for what, args in (("client id", ["-p", port, "-i", "someone-else"]),
                       ("protocol", ["-p", port, "-i", "owner", "-V", "5"]),
                       ("broker port", ["-p", str(free_port()), "-i", "owner"])):
        r = mqc(["pub"] + args + base, timeout=10)
        check(f"a store of another {what} is refused: exit {EXIT_STORE}",
              r.returncode == EXIT_STORE,
              (r.returncode, err(r)))
        check(f"  ... with a clear error", "belongs to another session" in err(r), err(r))
        r = mqc(["sub"] + args + ["-t", "store/ident", "--store", d, "-E"], timeout=10)
        check(f"  ... by sub as well", r.returncode == EXIT_STORE
              and "belongs to another session" in err(r), (r.returncode, err(r)))
    check("the refused runs left the store as it was",
          read(os.path.join(d, "log")) == before)
    r = mqc(["pub", "-p", port, "-i", "owner"] + base)
    check("its owner opens it again", r.returncode == 0, err(r))


def lock(b, work):
    port = str(b.port)
    d = os.path.join(work, "lock")
    args = ["-p", port, "-i", "holder", "-t", "store/lock", "-q", "2", "--store", d]
    holder = Sub(args)
    check("a sub holding the store is running", holder.ready(), b"".join(holder.err))
    r = mqc(["sub"] + args + ["-E"], timeout=10)
    check(f"a second sub on the store in use is refused: exit {EXIT_STORE}",
          r.returncode == EXIT_STORE and "in use by another process" in err(r), (r.returncode, err(r)))
    r = mqc(["pub", "-p", port, "-i", "holder", "-t", "store/lock", "-q", "2", "-m", "x",
             "--store", d], timeout=10)
    check(f"a pub on the store in use is refused: exit {EXIT_STORE}",
          r.returncode == EXIT_STORE and "in use by another process" in err(r), (r.returncode, err(r)))
    holder.p.send_signal(signal.SIGKILL)
    holder.finish(5)
    r = mqc(["sub"] + args + ["-E"], timeout=10)
    check("after the holder's kill -9 the store opens again (no stale lock)",
          r.returncode == 0, (r.returncode, err(r)))


def stream(b, d, n, extra=()):
    """pub -l --store d of n QoS 2 lines; the CompletedProcess."""
    lines = "".join(f"{i}\n" for i in range(n)).encode()
    return mqc(["pub", "-p", str(b.port), "-i", "streamer", "-t", "store/stream", "-q", "2",
                "-l", "--store", d] + list(extra), stdin=lines, timeout=30)


def corrupt(b, work):
    d = os.path.join(work, "corrupt")
    # --sync always: a commit per change, so the damage falls after many of them.
    r = stream(b, d, 300, ["--sync", "always"])
    check("pub -l --store --sync always: 300 QoS 2 lines, exit 0", r.returncode == 0, err(r))
    log = os.path.join(d, "log")
    data = bytearray(read(log))
    mid = len(data) // 2
    for k in range(mid, mid + 4):
        data[k] ^= 0x5A
    with open(log, "wb") as f:
        f.write(data)
    r = stream(b, d, 300, ["--sync", "always"])
    e = err(r)
    check("a damaged store is refused (exit 42), not used", r.returncode == EXIT_STORE,
          (r.returncode, e))
    check("  ... pointing at --store-repair", "--store-repair" in e, e)
    check("  ... and left exactly as it was", read(log) == bytes(data))
    r = stream(b, d, 300, ["--sync", "always", "--store-repair"])
    e = err(r)
    check("with --store-repair: reported as DAMAGED",
          "DAMAGED" in e and "recovered" in e and "commits" in e, e)
    check("  ... naming the log.damaged copy", "log.damaged" in e, e)
    saved = os.path.join(d, "log.damaged")
    check("  ... which holds the whole log as it was (nothing silently discarded)",
          os.path.isfile(saved) and read(saved) == bytes(data),
          os.path.getsize(saved) if os.path.isfile(saved) else "no log.damaged")
    m = re.search(r"failed its check at byte (\d+) of (\d+); recovered (\d+) commits", e)
    at, total, commits = map(int, m.groups()) if m else (-1, -1, -1)
    check("  ... saying where it stopped: the last good commit ends before the flipped bytes",
          0 < at <= mid and total == len(data) and commits > 1, (at, total, commits, mid))
    print(f"  (the run after the damage: exit {r.returncode}; stderr: {e.strip()[:300]})")


def torn(b, work):
    d = os.path.join(work, "torn")
    r = stream(b, d, 200)
    check("pub -l --store: 200 QoS 2 lines, exit 0", r.returncode == 0, err(r))
    log = os.path.join(d, "log")
    size = os.path.getsize(log)
    os.truncate(log, size - 3)
    r = stream(b, d, 200)
    e = err(r)
    check("a log cut short by 3 bytes: reported (ended inside a commit, commits recovered)",
          "ended inside a commit" in e and "recovered" in e, e)
    check("  ... not taken for damage", "DAMAGED" not in e and
          not os.path.exists(os.path.join(d, "log.damaged")), e)
    check("  ... and the run goes on to exit 0", r.returncode == 0, (r.returncode, e))
    r = stream(b, d, 200)
    check("  ... after which the store opens without a report", r.returncode == 0
          and "store" not in err(r), (r.returncode, err(r)))


def output(b, work):
    """sub --store --output: what was written after the last commit (a crash
    between the write and its commit, simulated by appending to FILE) is cut off
    on restart, and the broker's redelivery then comes once; a FILE shorter than
    the store recorded is refused."""
    port = str(b.port)
    d, out = os.path.join(work, "out-store"), os.path.join(work, "out")
    sub = ["sub", "-p", port, "-i", "sink", "-t", "store/out", "-q", "2", "--store", d,
           "--output", out]

    def pub(lo, hi):
        for i in range(lo, hi):
            r = mqc(["pub", "-p", port, "-t", "store/out", "-q", "2", "-m", str(i)])
            if r.returncode:
                return r
        return r
    r = mqc(sub + ["-E"], timeout=10)
    check("sub --store --output -E: the session exists, exit 0", r.returncode == 0, err(r))
    pub(0, 10)
    r = mqc(sub + ["-C", "10"], timeout=15)
    want = "".join(f"{i}\n" for i in range(10)).encode()
    check("sub --output -C 10: FILE holds the 10 lines", r.returncode == 0 and
          read(out) == want, (r.returncode, read(out), err(r)))
    with open(out, "ab") as f:
        f.write(b"written but never committed\n9")
    pub(10, 15)
    r = mqc(sub + ["-C", "5"], timeout=15)
    want = "".join(f"{i}\n" for i in range(15)).encode()
    check("bytes after the recorded offset are cut off on restart; FILE is then exact",
          r.returncode == 0 and read(out) == want, (r.returncode, read(out), err(r)))
    os.truncate(out, 5)
    r = mqc(sub + ["-C", "1"], timeout=10)
    check("a FILE shorter than the store recorded is refused: exit 1, a clear error",
          r.returncode == EXIT_ERROR and "not this store's output" in err(r), (r.returncode, err(r)))
    check("  ... and left as it was", read(out) == want[:5], read(out))


def resume(work):
    """No broker at first: the fresh run gives up, the resumed one waits for it."""
    port = free_port()
    d = os.path.join(work, "resume")
    # Retained, so that a subscriber can see afterwards what was published.
    argv = ["pub", "-p", str(port), "-i", "resumer", "-q", "1", "-r", "--store", d,
            "--reconnect-min", "0.1", "--reconnect-max", "0.3", "-t", "store/resume", "-m", "m"]
    r = mqc(argv, timeout=10)
    check("pub --store, no broker, fresh store: the first connection fails, exit 1",
          r.returncode == EXIT_ERROR, (r.returncode, err(r)))
    # The same command again (the message counts as taken: only the store has it).
    p = subprocess.Popen([MQC] + argv,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        try:
            p.wait(1.5)
        except subprocess.TimeoutExpired:
            pass
        check("  ... run again on that store, still no broker: it keeps trying",
              p.returncode is None, p.returncode)
        with Mosquitto(port=port):
            try:
                rc = p.wait(15)
            except subprocess.TimeoutExpired:
                rc = None
            check("  ... and once the broker is there it exits 0", rc == 0,
                  (rc, p.stderr.read().decode(errors="replace") if rc is not None else ""))
            got = mqc(["sub", "-p", str(port), "-t", "store/resume", "-v", "-C", "1",
                       "-W", "5"], timeout=10)
            check("  ... having published the message the first run left in the store",
                  got.stdout == b"store/resume m\n", got.stdout)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def usage(work):
    r = mqc(["sub", "-t", "x", "--output", os.path.join(work, "out")], timeout=5)
    check("sub --output without --store: usage error, exit 1 (as mosquitto_sub's)",
          r.returncode == EXIT_USAGE and "--output needs --store" in err(r), (r.returncode, err(r)))
    check("  ... and FILE is not created", not os.path.exists(os.path.join(work, "out")))
    for role, extra in (("pub", ["-m", "x"]), ("sub", [])):
        r = mqc([role, "-t", "x", "--store", os.path.join(work, "noid")] + extra, timeout=5)
        check(f"{role} --store without -i: usage error, exit 1",
              r.returncode == EXIT_USAGE and "--store needs -i" in err(r), (r.returncode, err(r)))
    check("  ... and no store is made", not os.path.exists(os.path.join(work, "noid")))


def main():
    work = tempfile.mkdtemp(prefix="mqc-cli-store-")
    try:
        usage(work)
        resume(work)
        with Mosquitto(conf=["max_inflight_messages 65534"]) as b:
            identity(b, work)
            lock(b, work)
            corrupt(b, work)
            torn(b, work)
            output(b, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
