#!/usr/bin/env python3
"""make demo tells one story: each round's last progress line and its delivery report
carry the same numbers (elapsed = seconds, reconnects, resets, received, duplicates),
the non-terminal progress comes as whole lines, and it exits 0 on exactly-once
delivery; the same for its two crash rounds (publisher killed, subscriber killed, run
small with --quick --crash), whose reports show the kills and the output file.

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


def check_round(checks, name, text):
    """One round's last progress line against its delivery report."""
    lines = [m for m in map(PROGRESS.match, text.splitlines()) if m]
    report = text[text.find("delivery report"):]
    if not checks.check(lines and "delivery report" in text,
                        f"{name}: progress lines and a report"):
        return None
    last = lines[-1]
    elapsed, _, acked, received, n, dups, rp, rs, resets = last.groups()
    checks.check(field(report, "seconds").startswith(f"{elapsed} "),
                 f"{name}: report seconds = last progress elapsed",
                 f"{elapsed} vs {field(report, 'seconds')}")
    checks.check(field(report, "reconnects") == f"publisher {rp}, subscriber {rs}",
                 f"{name}: report reconnects = last progress reconnects",
                 f"pub {rp} sub {rs} vs {field(report, 'reconnects')}")
    checks.check(field(report, "proxy resets").split()[0] == resets,
                 f"{name}: report proxy resets = last progress resets",
                 f"{resets} vs {field(report, 'proxy resets')}")
    # A crash round has no -d trace (the publisher is killed): acked shows "-".
    checks.check(field(report, "received").startswith(f"{received} distinct")
                 and field(report, "duplicated") == dups and received == n
                 and acked in (n, "-"),
                 f"{name}: report received and duplicated = last progress, all of them",
                 f"{last.group(0)!r} vs received {field(report, 'received')!r}")
    checks.check(int(rp) + int(rs) >= 1, f"{name}: the faults hit the clients",
                 f"reconnects pub {rp} sub {rs}")
    return report


def run_demo(client, extra):
    argv = [sys.executable, os.path.join(TOOLS, "demo.py"), "--mqc", client.mqc,
            "--quick"] + extra
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    out = r.stdout.decode(errors="replace")
    print(out)
    return r.returncode, out


def main():
    client, a = e2e.client_from_args()
    checks = e2e.Checks()
    if client.kind != "mqc":
        print("the demo's own check runs with mqc only")
        return checks.report()
    rc, out = run_demo(client, ["-n", str(a.n or 5000), "--seed", a.seed or "3"])
    checks.check(rc == 0, "demo --quick exits 0", f"exit {rc}")
    checks.check("\r" not in out and "\x1b" not in out,
                 "not on a terminal: whole lines, no \\r or escapes")
    check_round(checks, "quick", out)
    # The crash rounds, small: 3000 lines at 1500/s, so each round lasts ~2 s and
    # its first kill (at most 1 s after a start) falls inside it.
    rc, out = run_demo(client, ["--crash", "-n", "3000", "--pace", "1500",
                                "--seed", a.seed or "3"])
    checks.check(rc == 0, "demo --quick --crash exits 0", f"exit {rc}")
    rounds = out.split("\n== ")[1:]
    checks.check(len(rounds) == 2, "two crash rounds", f"{len(rounds)} rounds")
    for text in rounds:
        who = "publisher" if "publisher killed" in text.splitlines()[0] else "subscriber"
        report = check_round(checks, f"crash, {who} killed", text)
        if report is None:
            continue
        m = re.search(r"^  kills\s+publisher (\d+), subscriber (\d+)", report, re.M)
        kp, ks = map(int, m.groups()) if m else (0, 0)
        checks.check((kp if who == "publisher" else ks) >= 1 and
                     (ks if who == "publisher" else kp) == 0,
                     f"crash, {who} killed: the report shows the {who}'s kills, only",
                     f"kills publisher {kp}, subscriber {ks}")
        checks.check("the input exactly: every line once, in order" in report
                     and "exactly once" in field(report, "verdict"),
                     f"crash, {who} killed: the output file is the input",
                     field(report, "output file"))
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
