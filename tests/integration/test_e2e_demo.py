#!/usr/bin/env python3
"""make demo tells one story: its last progress line and its delivery report carry
the same numbers (elapsed = seconds, reconnects, resets, received, duplicates), the
non-terminal progress comes as whole lines, and it exits 0 on exactly-once delivery.

    python3 tests/integration/test_e2e_demo.py [--mqc PATH]
"""
import os
import re
import subprocess
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools")
sys.path.insert(0, TOOLS)
import e2e  # noqa: E402

PROGRESS = re.compile(r"^\s*([\d.]+) s  sent\s+(\S+)\s+acked\s+(\S+)\s+received\s+(\d+)/(\d+)"
                      r"\s+dup (\d+)\s+reconnects pub (\d+) sub (\d+)\s+resets (\d+)$")


def field(report, name):
    m = re.search(rf"^  {name}\s+(.*)$", report, re.M)
    return m.group(1) if m else ""


def main():
    client, a = e2e.client_from_args()
    checks = e2e.Checks()
    if client.kind != "mqc":
        print("the demo's own check runs with mqc only")
        return checks.report()
    argv = [sys.executable, os.path.join(TOOLS, "demo.py"), "--mqc", client.mqc, "--quick",
            "-n", str(a.n or 5000), "--seed", a.seed or "3"]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    out = r.stdout.decode(errors="replace")
    print(out)
    checks.check(r.returncode == 0, "demo --quick exits 0", f"exit {r.returncode}")
    checks.check("\r" not in out and "\x1b" not in out,
                 "not on a terminal: whole lines, no \\r or escapes")
    lines = [m for m in map(PROGRESS.match, out.splitlines()) if m]
    report = out[out.find("delivery report"):]
    if not checks.check(lines and "delivery report" in out, "progress lines and a report"):
        return checks.report()
    last = lines[-1]
    elapsed, _, acked, received, n, dups, rp, rs, resets = last.groups()
    checks.check(field(report, "seconds").startswith(f"{elapsed} "),
                 "report seconds = last progress elapsed",
                 f"{elapsed} vs {field(report, 'seconds')}")
    checks.check(field(report, "reconnects") == f"publisher {rp}, subscriber {rs}",
                 "report reconnects = last progress reconnects",
                 f"pub {rp} sub {rs} vs {field(report, 'reconnects')}")
    checks.check(field(report, "proxy resets").split()[0] == resets,
                 "report proxy resets = last progress resets",
                 f"{resets} vs {field(report, 'proxy resets')}")
    checks.check(field(report, "received").startswith(f"{received} distinct")
                 and field(report, "duplicated") == dups and received == n and acked == n,
                 "report received and duplicated = last progress, all of them",
                 f"{last.group(0)!r} vs received {field(report, 'received')!r}")
    checks.check(int(rp) + int(rs) >= 1, "the faults hit the clients",
                 f"reconnects pub {rp} sub {rs}")
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
