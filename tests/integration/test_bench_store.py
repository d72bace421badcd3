"""`mqc bench pub --store DIR --sync POLICY` (issue 8's benchmark rows)
against a private Mosquitto: every message of a QoS 1 and QoS 2 run is acked
at each sync policy; while a paced run goes on, its file store (a fresh
DIR/mqc-XXXXXX/0/log) holds bytes; afterwards nothing it made is left in DIR
and what DIR already held is untouched; a DIR that cannot be made is a clear
error (exit 1); --sync without --store, a bad policy and --store with sub are
usage errors (exit 2, as every bench flag). Prints "N passed, M failed" last;
exits 1 on failure."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import MQC, check, mqc, summary  # noqa: E402


def result(r):
    line = next((ln for ln in r.stdout.decode().splitlines() if ln.startswith("{")), None)
    return json.loads(line) if line else {}


def runs(b, work):
    for qos in (1, 2):
        for sync in ("always", "batch", "never"):
            r = mqc(["bench", "pub", "-p", str(b.port), "-i", f"bst-{qos}-{sync}-", "-q", str(qos),
                     "-n", "300", "-M", "20", "--json", "-Q", "--store", work, "--sync", sync],
                    timeout=60)
            res = result(r)
            check(f"qos {qos} {sync}: all acked", r.returncode == 0 and res.get("done") == 300
                  and res.get("errors") == 0, f"exit {r.returncode} {res} {r.stderr[-300:]}")
    check("the run directories are removed", os.listdir(work) == ["keep"], os.listdir(work))
    check("what DIR held is untouched", open(os.path.join(work, "keep")).read() == "mine")


def store_in_use(b, work):
    """A paced run (200 msg/s for 1.5 s): its log grows while it runs."""
    p = subprocess.Popen([MQC, "bench", "pub", "-p", str(b.port), "-i", "bst-paced-", "-q", "1",
                          "-n", "300", "--rate", "200", "--json", "-Q", "--store", work,
                          "--sync", "batch"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = 0
    deadline = time.monotonic() + 10
    while p.poll() is None and time.monotonic() < deadline:
        for d in os.listdir(work):
            log = os.path.join(work, d, "0", "log")
            if d.startswith("mqc-") and os.path.exists(log):
                try:
                    seen = max(seen, os.path.getsize(log))
                except OSError:
                    pass
        time.sleep(0.05)
    out, errb = p.communicate(timeout=30)
    check("paced run done", p.returncode == 0, errb[-300:])
    check("its file store held the messages while it ran", seen > 0, f"log bytes seen {seen}")
    check("and is removed after", os.listdir(work) == ["keep"], os.listdir(work))


def errors(b, work):
    bad = os.path.join(work, "keep", "sub")      # under a regular file
    r = mqc(["bench", "pub", "-p", str(b.port), "-q", "1", "-n", "10", "-Q", "--store", bad])
    check("unusable --store: exit 1", r.returncode == 1, f"exit {r.returncode}")
    check("unusable --store: says which", bad.encode() in r.stderr, r.stderr[-300:])
    for args, what in ((["pub", "--sync", "batch"], "--sync needs --store"),
                       (["pub", "--store", work, "--sync", "sometimes"], "bad sync policy"),
                       (["sub", "--store", work], "--store is for pub only")):
        r = mqc(["bench"] + args + ["-p", str(b.port)])
        check(f"usage: {what}", r.returncode == 2 and what.encode() in r.stderr,
              f"exit {r.returncode} {r.stderr[-300:]}")


def main():
    work = tempfile.mkdtemp(prefix="mqc-bench-store-")
    try:
        with open(os.path.join(work, "keep"), "w") as f:
            f.write("mine")
        with Mosquitto(conf=["max_inflight_messages 1000"]) as b:
            runs(b, work)
            store_in_use(b, work)
            errors(b, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
