"""Shared by the CLI integration tests: pass/fail bookkeeping, running
`mqc` with a timeout, and a background subscriber that says when it is ready."""
import os
import subprocess
import sys
import threading

MQC = os.environ["MQC"]
# Exit codes of mqc pub/sub (tools/cli.h CLI_EXIT_*): mosquitto's, then mqc's own.
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_TIMEOUT = 0, 1, 1, 27
EXIT_UNACKED, EXIT_FAILED, EXIT_STORE = 40, 41, 42
RESULTS = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    if cond:
        RESULTS["passed"] += 1
        print(f"ok   {name}")
    else:
        RESULTS["failed"] += 1
        print(f"FAIL {name}: {detail}")


def mqc(args, stdin=None, timeout=20):
    try:
        return subprocess.run([MQC] + args, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(e.cmd, -999, e.stdout or b"", e.stderr or b"")


class Sub:
    """mqc sub in the background; ready() once its SUBACK arrived (-d trace)."""

    def __init__(self, args, cmd=None, ready_marker=b"received SUBACK"):
        self.cmd = cmd or [MQC, "sub", "-d"]
        self.p = subprocess.Popen(self.cmd + args, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.out, self.err = [], []
        self.marker = ready_marker
        self.ready_ev = threading.Event()
        # mosquitto_sub -d traces to stdout, mqc sub -d to stderr.
        self.t_out = threading.Thread(target=self._pump, args=(self.p.stdout, self.out, True))
        self.t_err = threading.Thread(target=self._pump, args=(self.p.stderr, self.err, True))
        self.t_out.start()
        self.t_err.start()

    def _pump(self, f, acc, watch):
        for line in iter(f.readline, b""):
            acc.append(line)
            if watch and self.marker in line:
                self.ready_ev.set()
        f.close()

    def ready(self, timeout=10):
        return self.ready_ev.wait(timeout)

    def finish(self, timeout=20):
        try:
            rc = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
            rc = -999
        self.t_out.join(5)
        self.t_err.join(5)
        return rc, b"".join(self.out), b"".join(self.err)


def summary():
    """The closing line every integration test prints, and its exit code."""
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)
