#!/usr/bin/env python3
"""make demo: QoS 2 through a connection-resetting proxy, with live progress and reports.

Each round starts a private Mosquitto and the fault proxy (every connection reset
after 0.1-0.5 s, data forwarded in pieces of 1-64 bytes), runs `mqc sub -c` and
`mqc pub -l -c` through it, counts what arrives and says whether every message
arrived exactly once. Rounds: MQTT 3.1.1, then 5.0; then two crash rounds (mqc
only, MQTT 3.1.1): the publisher (`pub -l --store DIR`), then the subscriber (`sub
--store DIR --output FILE`), killed with SIGKILL every 0.3-1.0 s and restarted on the
same store, FILE checked line by line against the input (the publisher reads the
lines through a pipe at --pace lines/s, from the first line again after a restart,
so that the kills fall all along the stream); then, if
mosquitto_pub and mosquitto_sub are installed, the first 3.1.1 round with them as a
reference (informational: it never makes the demo fail). A table compares the rounds.

    python3 tests/tools/demo.py --mqc build/mqc
    python3 tests/tools/demo.py --quick                # one round, no reference
    python3 tests/tools/demo.py --quick --crash        # only the two crash rounds
    python3 tests/tools/demo.py --client mosquitto     # mosquitto_pub/sub as the client
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

NON_TTY_EVERY = 3.0        # seconds between progress lines when not on a terminal


def _pair(s, conv=float):
    lo, _, hi = s.partition(":")
    return (conv(lo), conv(hi or lo))


def vname(version):
    return "5.0" if version == "5" else version


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Progress:
    """One status line: rewritten in place on a terminal, a line every few seconds
    otherwise. The final call (d["final"]) always prints: it shows the same numbers
    as the report below it."""

    def __init__(self, stream, n):
        self.stream = stream
        self.n = n
        self.tty = stream.isatty()
        self.last_print = None
        self.shown = False

    def __call__(self, d):
        now = time.monotonic()
        final = d.get("final")
        if (not self.tty and not final and self.last_print is not None
                and now - self.last_print < NON_TTY_EVERY):
            return
        self.last_print = now
        traced = d["sent"] or d["acked"]
        sent = str(d["sent"]) if traced else "-"
        acked = str(d["acked"]) if traced else "-"
        w = len(str(self.n))
        line = (f"{d['elapsed']:5.1f} s  sent {sent:>{w}}  acked {acked:>{w}}  "
                f"received {d['received']:>{w}}/{self.n}  dup {d['dups']}  "
                f"reconnects pub {d['reconnects_pub']} sub {d['reconnects_sub']}  "
                f"resets {d['resets']}")
        if self.tty:
            # A line wider than the terminal would wrap and \r could not rewrite it.
            cols = shutil.get_terminal_size((200, 24)).columns
            self.stream.write("\r" + line[:max(20, cols - 1)] + "\x1b[K")
            self.shown = True
            if final:
                self.done()
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self):
        if self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def rname(name, r):
    return r.label or f"{name} MQTT {vname(r.version)}"


def verdict_ok(r, qos):
    # A crash round also needs its output file to be the input, byte for byte.
    exact = getattr(r, "exact", True) or qos == 1
    return (r.lost == 0 and (r.dups == 0 or qos == 1) and r.garbage == 0
            and r.pub_rc == 0 and not r.timed_out and exact)


def exit_text(rc):
    if rc is None:
        return "running"
    return f"exit {rc}" if isinstance(rc, int) and rc >= 0 else (
        f"signal {-rc}" if isinstance(rc, int) else str(rc))


def report(r, title, qos, informational=False):
    ok = verdict_ok(r, qos)
    acked = f"{r.pub_acked}" if r.pub_sent or r.pub_acked else "n/a (no -d trace)"
    sent = r.pub_sent if r.pub_sent or r.pub_acked else r.n
    ending = ""
    if r.stalled:
        ending = "\n  round         stopped: nothing moved for a while"
    elif r.timed_out:
        ending = "\n  round         stopped: its time budget ran out"
    if ok:
        verdict = "every message delivered " + ("exactly once" if qos == 2 else
                                                 "at least once")
    else:
        verdict = "DELIVERY FAILED"
        if r.timed_out and not (r.dups or r.garbage):
            verdict = "NOT FINISHED in time"
        elif r.timed_out:
            verdict += " (and not finished in time)"
        if informational:
            verdict += " (reference, informational)"
    # A round stopped early may still have been delivering: missing, maybe not lost.
    lost_label = "missing       " if r.timed_out else "lost          "
    sub = (exit_text(r.sub_rc) if r.sub_rc is not None
           else "still running at the end (as `sub -c` does), stopped by the demo")
    crash = ""
    if hasattr(r, "kills"):
        crash = (f"\n  kills         publisher {r.kills_pub}, subscriber {r.kills_sub} "
                 f"(SIGKILL every {r.kill[0]:g}-{r.kill[1]:g} s, restarted on its --store)"
                 f"\n  output file   "
                 + ("the input exactly: every line once, in order" if r.exact else
                    f"NOT the input ({r.garbage} torn or foreign lines)"))
    say(f"""
{title}
  messages      {r.n} to send, {sent} sent, {acked} acknowledged
  received      {r.distinct} distinct, {r.total} in all
  {lost_label}{r.lost}{'  e.g. ' + str(r.lost_sample) if r.lost else ''}
  duplicated    {r.dups}{'  e.g. ' + str(r.dup_sample) if r.dups else ''}
  out of order  {r.out_of_order}
  reconnects    publisher {r.reconnects_pub}, subscriber {r.reconnects_sub}
  proxy resets  {r.resets} (connections the proxy cut during the stream)
  seconds       {r.seconds:.1f} (from the publisher's start to the end of the stream)
  messages/s    {r.rate:.0f}
  publisher     {exit_text(r.pub_rc)}{ending}
  subscriber    {sub}{crash}
  verdict       {verdict}""")
    return ok


def table(rows):
    head = ("client", "MQTT", "sent", "received", "lost", "duplicated", "out of order",
            "reconnects", "seconds", "messages/s", "publisher", "round")
    cells = [head]
    for name, r in rows:
        sent = r.pub_sent if r.pub_sent or r.pub_acked else r.n
        cells.append((name, vname(r.version), str(sent), str(r.distinct), str(r.lost),
                      str(r.dups), str(r.out_of_order),
                      f"{r.reconnects_pub + r.reconnects_sub}",
                      f"{r.seconds:.1f}", f"{r.rate:.0f}",
                      exit_text(r.pub_rc),
                      "stalled, stopped" if r.stalled else
                      "budget ran out" if r.timed_out else "complete"))
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    stopped = any(r.timed_out for _, r in rows)
    for k, c in enumerate(cells):
        say("  " + "  ".join(v.ljust(widths[i]) if i in (0, 1, 10, 11) else v.rjust(widths[i])
                             for i, v in enumerate(c)).rstrip())
        if k == 0:
            say("  " + "  ".join("-" * w for w in widths))
    if stopped:
        say("  (a round stopped early counts as lost what had not arrived by then)")


def tool_version(tool):
    try:
        r = subprocess.run([tool, "--help"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = r.stdout.decode(errors="replace").splitlines()
    return next((ln.strip() for ln in lines if " version " in ln), "")


def run_round(a, client, version, budget, stall=None, label=""):
    say(f"\n== {label}: {a.n} messages, QoS {a.qos}, seed {a.seed} ==")
    progress = Progress(sys.stdout, a.n)
    broker = e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True)
    proxy = None
    try:
        broker.start()
        proxy = e2e.FaultProxy((broker.host, broker.port), seed=a.seed, reset=a.reset,
                               chunk=a.chunk).start()
        return e2e.run_stream(client, broker, proxy, n=a.n, qos=a.qos, version=version,
                              timeout=budget, on_progress=progress, debug_pub=True,
                              stall=stall, idle_after_pub_exit=3.0, label=label)
    finally:
        progress.done()
        if proxy:
            proxy.stop()
        broker.close()


def run_crash_round(a, client, victim, version, budget, label=""):
    who = "publisher" if victim == "pub" else "subscriber"
    say(f"\n== {label}: {a.n} messages, QoS {a.qos}, seed {a.seed}; the {who} is killed "
        f"with SIGKILL every {a.kill[0]:g}-{a.kill[1]:g} s and restarted on its --store ==")
    if a.pace:
        say(f"   (the publisher gets the {a.n} lines at {a.pace} a second through a pipe, "
            f"from the first again after a restart)")
    progress = Progress(sys.stdout, a.n)
    broker = e2e.Mosquitto(conf=e2e.BROKER_CONF)
    proxy = None
    try:
        broker.start()
        proxy = e2e.FaultProxy((broker.host, broker.port), seed=a.seed, reset=a.reset,
                               chunk=a.chunk).start()
        r = e2e.run_crash(client.mqc, broker, proxy, victim, n=a.n, qos=a.qos,
                          version=version, seed=a.seed, kill=a.kill, kill_for=budget,
                          timeout=budget, reconnect=a.reconnect, label=label,
                          on_progress=progress, pace=a.pace or None)
        r.kill = a.kill
        if verdict_ok(r, a.qos):
            shutil.rmtree(r.work, ignore_errors=True)
        else:
            say(f"(kept for a look: {r.work})")
        return r
    finally:
        progress.done()
        if proxy:
            proxy.stop()
        broker.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description="QoS 2 delivery through connection resets")
    ap.add_argument("--mqc", help="path of the mqc CLI (default: $MQC or build/mqc)")
    ap.add_argument("--client", choices=("mqc", "mosquitto"), default="mqc",
                    help="mqc, or mosquitto_pub/mosquitto_sub as the client under test")
    ap.add_argument("-n", "--messages", dest="n", type=int, default=50000,
                    help="messages per round (default 50000)")
    ap.add_argument("-q", "--qos", type=int, default=2, choices=(1, 2))
    ap.add_argument("-V", "--protocol", default=None, choices=("3.1.1", "5"),
                    help="one round in this MQTT version (default: 3.1.1, then 5)")
    ap.add_argument("--quick", action="store_true",
                    help="one round (MQTT 3.1.1, or -V), no reference round")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the mosquitto_pub/mosquitto_sub reference round")
    ap.add_argument("--crash", action="store_true",
                    help="only the two crash rounds (publisher killed, subscriber killed)")
    ap.add_argument("--no-crash", action="store_true", help="skip the crash rounds")
    ap.add_argument("--kill", type=_pair, default=(0.3, 1.0),
                    help="crash rounds: MIN:MAX seconds between kills (default 0.3:1.0)")
    ap.add_argument("--pace", type=int, default=5000,
                    help="crash rounds: lines a second fed to the publisher (default 5000; "
                         "0: it reads the input file at its own speed)")
    ap.add_argument("--budget", type=float, default=60.0,
                    help="seconds a round may take at most (default 60)")
    ap.add_argument("--reference-budget", type=float, default=25.0,
                    help="seconds the reference round may take at most (default 25)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--reset", type=_pair, default=(0.1, 0.5),
                    help="MIN:MAX seconds a connection lives (default 0.1:0.5)")
    ap.add_argument("--chunk", type=lambda s: _pair(s, int), default=(1, 64),
                    help="MIN:MAX bytes per forwarded piece (default 1:64)")
    ap.add_argument("--reconnect", type=_pair, default=(0.05, 0.5),
                    help="mqc --reconnect-min:--reconnect-max seconds (default 0.05:0.5)")
    a = ap.parse_args(argv)

    try:
        client = e2e.ClientKind(a.client, mqc=a.mqc, reconnect=a.reconnect)
    except RuntimeError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        if a.client == "mqc":
            print("demo: to see the reference behaviour: python3 tests/tools/demo.py "
                  "--client mosquitto", file=sys.stderr)
        return 2

    # SIGTERM ends the demo like Ctrl-C: every process it started is stopped.
    def on_term(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)

    versions = [a.protocol] if a.protocol else (["3.1.1"] if a.quick else ["3.1.1", "5"])
    name = "mqc" if client.kind == "mqc" else "mosquitto_pub/sub"
    say(f"demo: {name} streams {a.n} QoS {a.qos} messages (numbered lines, `pub -l` -> "
        f"`sub`) through a fault proxy")
    say(f"demo: the proxy resets every connection after {a.reset[0]:g}-{a.reset[1]:g} s "
        f"and forwards {a.chunk[0]}-{a.chunk[1]} bytes at a time (seed {a.seed})")
    crash = client.kind == "mqc" and (a.crash or not (a.quick or a.no_crash))
    if a.crash:
        versions = []
    if crash:
        say(f"demo: crash rounds: the publisher, then the subscriber, killed with SIGKILL "
            f"every {a.kill[0]:g}-{a.kill[1]:g} s and restarted on its --store "
            f"(MQTT {vname(a.protocol or '3.1.1')})")
    rows = []
    ok = True
    try:
        for version in versions:
            r = run_round(a, client, version, a.budget, label=f"{name} MQTT {vname(version)}")
            good = report(r, f"delivery report: {name}, MQTT {vname(version)}", a.qos)
            if not good:
                say("\nlast client output:\n" + r.tails)
            ok = ok and good
            rows.append((name, r))
        for victim in ("pub", "sub") if crash else ():
            version = a.protocol or "3.1.1"
            who = "publisher" if victim == "pub" else "subscriber"
            r = run_crash_round(a, client, victim, version, a.budget,
                                label=f"mqc MQTT {vname(version)}, {who} killed")
            good = report(r, f"delivery report: mqc, MQTT {vname(version)}, {who} killed "
                             f"{r.kills} time{'' if r.kills == 1 else 's'}", a.qos)
            if not good:
                say("\nlast client output:\n" + r.tails)
            ok = ok and good
            rows.append((f"mqc, {who} killed", r))
        if len(rows) > 1:
            say("")
            total = sum(r.n for _, r in rows)
            lost = sum(r.lost for _, r in rows)
            dups = sum(r.dups for _, r in rows)
            resets = sum(r.resets for _, r in rows)
            reconn = sum(r.reconnects_pub + r.reconnects_sub for _, r in rows)
            kills = sum(getattr(r, "kills", 0) for _, r in rows)
            say(f"summary: {name}: {total} QoS {a.qos} messages in {len(rows)} rounds "
                f"({'; '.join(rname(n, r) for n, r in rows)}), "
                f"{resets} proxy resets, "
                f"{reconn} reconnects" + (f", {kills} kills" if kills else "")
                + f": {lost} lost, {dups} duplicated: "
                + ("every message delivered " + ("exactly once" if a.qos == 2 else
                                                  "at least once") if ok
                   else "DELIVERY FAILED"))
        if client.kind == "mqc" and not (a.quick or a.no_reference or a.crash):
            rows += reference_round(a)
    except KeyboardInterrupt:
        print("\ndemo: interrupted; everything it started is stopped", file=sys.stderr)
        return 130
    if len(rows) > 1:
        say("")
        table(rows)
    return 0 if ok else 1


def reference_round(a):
    """The same 3.1.1 round with mosquitto_pub/mosquitto_sub, for comparison. Never
    fails the demo: it may lose or duplicate messages, stop, or hang (bounded)."""
    try:
        ref = e2e.ClientKind("mosquitto")
    except RuntimeError as exc:
        say(f"\nreference round skipped: {exc} (package mosquitto-clients)")
        return []
    version = tool_version("mosquitto_pub")
    say(f"\nreference: the same round with mosquitto_pub/mosquitto_sub"
        f"{' (' + version + ')' if version else ''}; informational, "
        f"at most {a.reference_budget:g} s")
    try:
        r = run_round(a, ref, "3.1.1", a.reference_budget, stall=10.0,
                      label="reference mosquitto_pub/sub MQTT 3.1.1")
    except KeyboardInterrupt:
        raise
    except Exception as exc:     # informational: report and go on
        say(f"reference round could not run: {exc}")
        return []
    report(r, "delivery report: mosquitto_pub/mosquitto_sub, MQTT 3.1.1 (reference)",
           a.qos, informational=True)
    return [("mosquitto_pub/sub", r)]


if __name__ == "__main__":
    sys.exit(main())
