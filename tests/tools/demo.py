#!/usr/bin/env python3
"""make demo: QoS 2 through a connection-resetting proxy, with live progress and a report.

Starts a private Mosquitto and the fault proxy (resets every 0.1-0.5 s, data in
pieces of 1-64 bytes), runs `mqc sub -c` and `mqc pub -l -c` through it, counts
what arrives, and says whether every message arrived exactly once.

    python3 tests/tools/demo.py --mqc build/mqc
    python3 tests/tools/demo.py --client mosquitto     # the reference: mosquitto_pub/sub
"""
import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402


def _pair(s, conv=float):
    lo, _, hi = s.partition(":")
    return (conv(lo), conv(hi or lo))


class Progress:
    """One status line, rewritten in place on a terminal, every few seconds otherwise."""

    def __init__(self, stream, n):
        self.stream = stream
        self.n = n
        self.tty = stream.isatty()
        self.last_print = 0.0
        self.width = 0

    def __call__(self, d):
        now = time.monotonic()
        if not self.tty and now - self.last_print < 2.0:
            return
        self.last_print = now
        sent = str(d["sent"]) if d["sent"] or d["acked"] else "-"
        acked = str(d["acked"]) if d["sent"] or d["acked"] else "-"
        line = (f"{d['elapsed']:5.1f} s  sent {sent:>6}  acked {acked:>6}  "
                f"received {d['received']:>6}/{self.n}  dup {d['dups']}  "
                f"reconnects pub {d['reconnects_pub']} sub {d['reconnects_sub']}  "
                f"resets {d['resets']}")
        if self.tty:
            pad = max(0, self.width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self):
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description="QoS 2 delivery through connection resets")
    ap.add_argument("--mqc", help="path of the mqc CLI (default: $MQC or build/mqc)")
    ap.add_argument("--client", choices=("mqc", "mosquitto"), default="mqc",
                    help="mqc, or mosquitto_pub/mosquitto_sub as the reference")
    ap.add_argument("-n", type=int, default=20000, help="messages (default 20000)")
    ap.add_argument("-q", "--qos", type=int, default=2, choices=(1, 2))
    ap.add_argument("-V", "--protocol", default="3.1.1", choices=("3.1.1", "5"))
    ap.add_argument("--budget", type=float, default=30.0, help="seconds to give up after")
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

    print(f"demo: {a.n} messages, QoS {a.qos}, MQTT {a.protocol}, client {client}",
          file=sys.stderr)
    print(f"demo: proxy resets every connection after {a.reset[0]:g}-{a.reset[1]:g} s and "
          f"forwards {a.chunk[0]}-{a.chunk[1]} bytes at a time (seed {a.seed})",
          file=sys.stderr)
    progress = Progress(sys.stderr, a.n)
    broker = e2e.Mosquitto(conf=e2e.BROKER_CONF, persistence=True)
    proxy = None
    try:
        broker.start()
        proxy = e2e.FaultProxy((broker.host, broker.port), seed=a.seed, reset=a.reset,
                               chunk=a.chunk).start()
        r = e2e.run_stream(client, broker, proxy, n=a.n, qos=a.qos, version=a.protocol,
                           timeout=a.budget, on_progress=progress, debug_pub=True,
                           label=f"demo {client.kind}")
        progress.done()
    except KeyboardInterrupt:
        progress.done()
        print("demo: interrupted", file=sys.stderr)
        return 130
    finally:
        if proxy:
            proxy.stop()
        broker.close()

    ok = r.lost == 0 and (r.dups == 0 or a.qos == 1) and r.pub_rc == 0
    acked = f"{r.pub_acked}" if r.pub_sent or r.pub_acked else "n/a (no -d trace)"
    print(f"""
delivery report ({client})
  sent          {r.n}
  acknowledged  {acked}
  received      {r.distinct} distinct, {r.total} in all
  lost          {r.lost}{'  e.g. ' + str(r.lost_sample) if r.lost else ''}
  duplicated    {r.dups}{'  e.g. ' + str(r.dup_sample) if r.dups else ''}
  out of order  {r.out_of_order}
  reconnects    publisher {r.reconnects_pub}, subscriber {r.reconnects_sub} \
(proxy resets {r.resets})
  seconds       {r.seconds:.1f}
  messages/s    {r.rate:.0f}
  publisher     {'exit 0' if r.pub_rc == 0 else 'exit ' + str(r.pub_rc)}{' (budget ran out)' if r.timed_out else ''}
  verdict       {'every message delivered ' + ('exactly once' if a.qos == 2 else 'at least once') if ok else 'DELIVERY FAILED'}""")
    if not ok:
        print("\nlast client output:\n" + r.tails)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
