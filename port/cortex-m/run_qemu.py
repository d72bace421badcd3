#!/usr/bin/env python3
"""Runs the Cortex-M port's firmware under QEMU (mps2-an385, semihosting) and
checks what each reports:

  - test_*.elf, the unit tests of tests/unit/ built for the target: exit 0,
    "[==========] N test(s) run." with every one passed (or skipped), and N the
    same as the host build of that test reports; every tests/unit/test_*.c has
    its firmware;
  - shim_selftest.elf: the cmocka subset fails what fails (exactly 2 passed,
    1 skipped, 3 failed, exit 3, the teardown of a failed test run);
  - qos2_demo.elf: the QoS 2 exchange over the byte pipe ends "qos2 demo: ok".

Each QEMU run has a time limit, so a hang fails instead of blocking. Exit 77
(skip) when qemu-system-arm or the firmware is missing.

    python3 port/cortex-m/run_qemu.py --firmware build/port/cortex-m
        [--host-tests build/tests] [--source .] [--timeout 300]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

# A unit test of the client layer (sockets, TLS) says so; it is not built for the target.
HOST_ONLY = "MQC_TEST_HOST_ONLY"

QEMU = ["qemu-system-arm", "-M", "mps2-an385", "-cpu", "cortex-m3", "-nographic",
        "-monitor", "none", "-serial", "none",
        "-semihosting-config", "enable=on,target=native", "-kernel"]


def run(argv, timeout):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return r.returncode, r.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stdout or b"").decode(errors="replace")


def counts(out):
    """cmocka's summary lines -> (run, passed, skipped, failed); run None if absent."""
    def num(pattern):
        m = re.search(pattern, out, re.M)
        return int(m.group(1)) if m else None
    return (num(r"^\[==========\] (\d+) test\(s\) run\.$"),
            num(r"^\[  PASSED  \] (\d+) test\(s\)\.$") or 0,
            num(r"^\[  SKIPPED \] (\d+) test\(s\)\.$") or 0,
            num(r"^\[  FAILED  \] (\d+) test\(s\)\.$") or 0)


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {detail}" if detail else ""), flush=True)
        return ok


def tail(out, n=25):
    return "\n".join("  | " + line for line in out.rstrip().splitlines()[-n:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firmware", required=True)
    ap.add_argument("--host-tests")
    ap.add_argument("--source")
    ap.add_argument("--timeout", type=float, default=300)  # test_store_log: ~50 s alone
    a = ap.parse_args()
    if not shutil.which(QEMU[0]):
        print("SKIP: qemu-system-arm is not installed (scripts/deps.sh test installs it)")
        return 77
    tests = sorted(glob.glob(os.path.join(a.firmware, "test_*.elf")))
    if not tests:
        print(f"SKIP: no firmware in {a.firmware} (the port is built when arm-none-eabi-gcc "
              "is found; scripts/deps.sh test installs it)")
        return 77
    c = Checks()
    total = session_total = session_programs = 0
    if a.source:
        want = {os.path.basename(p)[:-2] for p in glob.glob(os.path.join(a.source, "tests/unit/test_*.c"))
                if HOST_ONLY not in open(p).read()}
        have = {os.path.basename(p)[:-4] for p in tests}
        c.check(want <= have, "every unit test of tests/unit/ has its firmware",
                f"missing {sorted(want - have)}")
    for elf in tests:
        name = os.path.basename(elf)[:-4]
        rc, out = run(QEMU + [elf], a.timeout)
        n, passed, skipped, failed = counts(out)
        line = f"{name}: exit {rc}, {n} test(s) run, {passed} passed, {skipped} skipped, {failed} failed"
        host = os.path.join(a.host_tests, name) if a.host_tests else None
        host_n = None
        if host and os.access(host, os.X_OK):
            _, hout = run([host], a.timeout)
            host_n = counts(hout)[0]
            line += f" (host: {host_n})"
        print(line, flush=True)
        ok = c.check(rc == 0 and n and passed + skipped == n and not failed,
                     f"{name}: passes on the target")
        if host_n is not None:
            ok &= c.check(n == host_n, f"{name}: runs as many tests as on the host",
                          f"target {n}, host {host_n}")
        if not ok:
            print(tail(out))
        total += n or 0
        if name.startswith("test_session_"):
            session_total += n or 0
            session_programs += 1
    rc, out = run(QEMU + [os.path.join(a.firmware, "shim_selftest.elf")], a.timeout)
    n, passed, skipped, failed = counts(out)
    if not c.check(rc == 3 and (n, passed, skipped, failed) == (6, 2, 1, 3)
                   and "3 failed, 1 teardown(s) run" in out,
                   "the cmocka subset fails what fails (self-test)",
                   f"exit {rc}, run {n}, passed {passed}, skipped {skipped}, failed {failed}"):
        print(tail(out))
    rc, out = run(QEMU + [os.path.join(a.firmware, "qos2_demo.elf")], a.timeout)
    last = out.rstrip().splitlines()[-1] if out.strip() else ""
    print(last)
    if not c.check(rc == 0 and last.startswith("qos2 demo: ok"),
                   "qos2 demo: a full QoS 2 exchange over the byte pipe", f"exit {rc}"):
        print(tail(out, 60))
    print(f"target: {total} unit test(s) in {len(tests)} program(s) under QEMU mps2-an385, "
          f"of them {session_total} session test(s) in {session_programs} program(s)")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
