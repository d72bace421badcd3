"""mqc pub / mqc sub through broker restarts (private Mosquitto with
persistence): pub -l -c -i keeps reconnecting and resends what was not
acknowledged, sub -c -i resumes; QoS 2 arrives exactly once and in order,
QoS 1 at least once and in order. Runs in 3.1.1 and 5.0.
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import MQC, Sub, check, summary  # noqa: E402

FAST = ["--reconnect-min", "0.1", "--reconnect-max", "0.5"]


def dedup_in_order(lines):
    """QoS 1 may repeat a message after a reconnect; drop exact repeats of
    lines already seen and return (unique lines, number of repeats)."""
    seen, out, rep = set(), [], 0
    for line in lines:
        if line in seen:
            rep += 1
            continue
        seen.add(line)
        out.append(line)
    return out, rep


def through_restart(b, v, q, n=6000):
    port = str(b.port)
    topic = f"restart/{v}/{q}"
    s = Sub(["-p", port, "-V", v, "-t", topic, "-q", "2", "-c", "-i", f"rs-{v}-{q}",
             "-C", str(n) if q == 2 else "0", "-F", "%p"] + FAST)
    check(f"v{v} q{q} restart sub ready", s.ready(), b"".join(s.err))
    pub = subprocess.Popen([MQC, "pub", "-p", port, "-V", v, "-t", topic, "-q", str(q), "-l",
                            "-c", "-i", f"rp-{v}-{q}"] + FAST,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = [f"msg {i:05d}" for i in range(n)]
    half = n // 2
    pub.stdin.write("".join(x + "\n" for x in lines[:half]).encode())
    pub.stdin.flush()
    deadline = time.monotonic() + 10
    while len(s.out) < half // 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    b.restart()
    pub.stdin.write("".join(x + "\n" for x in lines[half:]).encode())
    pub.stdin.close()
    try:
        prc = pub.wait(40)
    except subprocess.TimeoutExpired:
        pub.kill()
        prc = pub.wait()
    perr = pub.stderr.read()
    check(f"v{v} q{q} pub -l through a broker restart exits 0", prc == 0, perr[-400:])
    check(f"v{v} q{q} pub saw the connection drop and reconnected",
          b"connection lost" in perr, perr[-400:])
    if q == 2:
        rc, out, err = s.finish(30)
        got = out.decode().splitlines()
        check(f"v{v} QoS 2: all {n} messages exactly once, in order", rc == 0 and got == lines,
              (rc, len(got), [x for x in got if x not in lines][:3], err[-300:]))
    else:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            uniq, _ = dedup_in_order(b"".join(s.out).decode().splitlines())
            if len(uniq) >= n:
                break
            time.sleep(0.05)
        s.p.terminate()
        rc, out, err = s.finish(10)
        uniq, rep = dedup_in_order(out.decode().splitlines())
        check(f"v{v} QoS 1: all {n} messages at least once, in order ({rep} repeats)",
              uniq == lines, (len(uniq), err[-300:]))
        check(f"v{v} QoS 1 sub exits 0 on SIGTERM", rc == 0, rc)


def main():
    start = time.monotonic()
    try:
        # Unlimited queue: a subscriber that reconnects after the publisher
        # must not lose messages to max_queued_messages (1000 by default).
        with Mosquitto(conf=["max_inflight_messages 65534", "max_queued_messages 0"],
                       persistence=True) as b:
            for v in ("311", "5"):
                for q in (1, 2):
                    through_restart(b, v, q)
    except Exception as e:  # a crash of the test itself is a failure
        check("test ran to completion", False, repr(e))
    print(f"(took {time.monotonic() - start:.1f} s)")
    summary()


if __name__ == "__main__":
    main()
