#!/usr/bin/env python3
"""The interop suite: the real `mqc` CLI against real brokers (Mosquitto, RabbitMQ's
MQTT plugin, ejabberd's mod_mqtt, aedes), each started here on free loopback ports.
Writes the broker x feature matrix to tests/interop/RESULTS.md (or --results).

A cell is pass, fail, or "not supported by the broker": the last only when the
broker showed it (the evidence is in the cell's note) and the limitation is listed
in the broker's LIMITS (brokers.py); an unsupported feature that is not listed
there is a failure. Exits 1 on any failure, 77 when no broker could be run.

    python3 tests/interop/run.py [--brokers mosquitto,rabbitmq,ejabberd,aedes]
                                 [-n 20000] [--results PATH] [--no-cluster]

Then (unless --no-cluster, or rabbitmq is not among --brokers) the 3-node
RabbitMQ cluster failover test of cluster.py; its figures go in the matrix file.
"""
import argparse
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import brokers  # noqa: E402
import cluster  # noqa: E402
import features as F  # noqa: E402


def rows(n):
    """(id, version, title, function, ids that must pass first)."""
    return [
        ("qos0", "311", "3.1.1 QoS 0 round trip", F.qos(0), ()),
        ("qos1", "311", "3.1.1 QoS 1 round trip", F.qos(1), ()),
        ("qos2", "311", "3.1.1 QoS 2 round trip", F.qos(2), ()),
        ("retained", "311", "3.1.1 retained message (set, get, clear)", F.retained, ()),
        ("will", "311", "3.1.1 will (kill -9: sent; DISCONNECT: not)", F.will, ()),
        ("session", "311", "3.1.1 persistent session across a client reconnect",
         F.session_reconnect, ()),
        ("restart", "311", "3.1.1 persistent session across a broker restart",
         F.session_restart, ()),
        ("stream1", "311", f"3.1.1 {n:,} QoS 1 through connection resets", F.stream(1, n), ()),
        ("stream2", "311", f"3.1.1 {n:,} QoS 2 through connection resets", F.stream(2, n),
         ("qos2",)),
        ("v5", "5", "5.0 CONNECT", F.connect_v5, ()),
        ("v5qos1", "5", "5.0 QoS 1 round trip", F.qos(1), ("v5",)),
        ("v5qos2", "5", "5.0 QoS 2 round trip", F.qos(2), ("v5",)),
        ("v5props", "5", "5.0 PUBLISH properties forwarded", F.v5_properties, ("v5",)),
        ("v5retained", "5", "5.0 retained message", F.retained, ("v5",)),
        ("v5will", "5", "5.0 will", F.will, ("v5",)),
        ("v5session", "5", "5.0 session (expiry 'never') across a client reconnect",
         F.session_reconnect, ("v5",)),
        ("v5stream2", "5", f"5.0 {n:,} QoS 2 through connection resets", F.stream(2, n),
         ("v5", "v5qos2")),
    ]


def run_broker(cls, table, n):
    """Runs every row against one broker; returns (broker info, {row id: Cell})."""
    cells = {}
    t0 = time.monotonic()
    try:
        b = cls()
    except Exception as e:  # not installed: every cell says why
        return {"name": cls.name, "version": "?", "error": str(e)}, cells
    info = {"name": b.name, "version": b.version, "limits": b.LIMITS}
    try:
        b.start()
    except Exception as e:
        info["error"] = str(e)
        b.close()
        return info, cells
    info["start"] = time.monotonic() - t0
    print(f"== {b.version} on 127.0.0.1:{b.port} (started in {info['start']:.1f} s)",
          flush=True)
    try:
        for rid, v, title, fn, needs in table:
            blocked = [d for d in needs if cells[d].status != F.PASS]
            if blocked:
                first = cells[blocked[0]]
                if first.status == F.UNSUPPORTED:
                    cells[rid] = F.Cell(F.UNSUPPORTED, f"needs {blocked[0]}, which the broker "
                                        "does not support (see that row)", first.limit)
                    cells[rid].derived_from = getattr(first, "derived_from", blocked[0])
                else:
                    cells[rid] = F.fail(f"not run: {blocked[0]} failed")
            else:
                t = time.monotonic()
                try:
                    cells[rid] = fn(b, v)
                except Exception:
                    cells[rid] = F.fail("the test raised: " + traceback.format_exc(limit=3))
                c = cells[rid]
                c.seconds = time.monotonic() - t
            c = cells[rid]
            if c.status == F.UNSUPPORTED and c.limit not in b.LIMITS:
                secs = getattr(c, "seconds", 0.0)
                cells[rid] = c = F.fail("looks unsupported, but that is no known limitation "
                                        f"of {b.name}: {c.detail}")
                c.seconds = secs
            word = {F.PASS: "PASS", F.FAIL: "FAIL", F.UNSUPPORTED: "N/S "}[c.status]
            secs = getattr(c, "seconds", 0.0)
            print(f"{word} {b.name}: {title} ({secs:.1f} s){': ' + c.detail if c.detail else ''}",
                  flush=True)
    finally:
        b.close()
    info["seconds"] = time.monotonic() - t0
    return info, cells


def markdown(table, results, n, total, cluster_figures=None):
    names = [info["name"] for info, _ in results]
    out = ["# Interop matrix", "",
           "Generated by `tests/interop/run.py` (`make test-interop`); do not edit by hand.",
           f"The real `mqc` CLI against each broker; streams of {n:,} messages go through the",
           "fault proxy (every connection reset after 0.1-0.5 s, data cut in 1-64 byte pieces).",
           "See docs/brokers.md for what each limitation means for mqc.", "",
           "| broker | version | time |", "| --- | --- | --- |"]
    for info, _ in results:
        t = f"{info['seconds']:.0f} s" if "seconds" in info else "not run"
        out.append(f"| {info['name']} | {info['version']} | {t} |")
    out += ["", "| feature | " + " | ".join(names) + " |",
            "| --- |" + " --- |" * len(names)]
    notes = []
    note_of = {}  # (broker, row id) -> note number
    for rid, _, title, _, _ in table:
        row = [title]
        for info, cells in results:
            c = cells.get(rid)
            if c is None:
                row.append("not run")
                continue
            word = {F.PASS: "pass", F.FAIL: "**fail**", F.UNSUPPORTED: "not supported"}[c.status]
            src = getattr(c, "derived_from", None)
            if c.status == F.UNSUPPORTED and (info["name"], src) in note_of:
                word += f" (as [{note_of[info['name'], src]}])"
            elif c.status != F.PASS:
                notes.append((info["name"], title, c))
                note_of[info["name"], rid] = len(notes)
                word += f" [{len(notes)}]"
            row.append(word)
        out.append("| " + " | ".join(row) + " |")
    out += ["", "\"not supported (as [k])\": the row needs a feature the broker does not have; "
            "note k says which.", "", "## Notes", ""]
    for info, _ in results:
        if "error" in info:
            out.append(f"- {info['name']} could not be run: {info['error']}")
    for i, (name, title, c) in enumerate(notes, 1):
        why = ""
        if c.status == F.UNSUPPORTED:
            why = next(info["limits"][c.limit] for info, _ in results if info["name"] == name)
            why = f"{why}. Seen: "
        detail = " ".join(c.detail.split())
        out.append(f"{i}. {name}, {title}: {why}{detail}")
    if cluster_figures is not None:
        out += ["", "## RabbitMQ cluster failover (tests/interop/cluster.py)", ""]
        f = cluster_figures
        if "lost" not in f:
            out.append(f"Did not run to the end ({f.get('error', 'see the log')}).")
        else:
            out += [f"Three nodes, quorum queues; `mqc pub -l -c` and `mqc sub -c` given all "
                    f"three; {f['n']:,} QoS 1 messages at {f['rate']}/s; the publisher's node "
                    f"killed, restarted, then the node both were on killed. Lost "
                    f"{f['lost']}, duplicated {f['dups']}; cluster formed and checked in "
                    f"{f['formed']:.0f} s, the whole test {f['seconds']:.0f} s.", ""]
            out += [f"- {d}" for d in f["failovers"]]
    out += ["", f"Whole run: {total:.0f} s.", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--brokers", default="mosquitto,rabbitmq,ejabberd,aedes")
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--no-cluster", action="store_true")
    a = ap.parse_args()
    t0 = time.monotonic()
    table = rows(a.n)
    results = [run_broker(brokers.ALL[name], table, a.n) for name in a.brokers.split(",")]
    cluster_failed, figures = 0, None
    if not a.no_cluster and "rabbitmq" in a.brokers.split(","):
        try:
            cluster_failed, figures = cluster.run(n=a.n)
        except Exception as e:  # a cluster that cannot form is a failure, said so
            traceback.print_exc()
            cluster_failed, figures = 1, {"error": f"{type(e).__name__}: {e}"}
    total = time.monotonic() - t0
    with open(a.results, "w") as f:
        f.write(markdown(table, results, a.n, total, figures))
    failed = sum(c.status == F.FAIL for _, cells in results for c in cells.values())
    passed = sum(c.status == F.PASS for _, cells in results for c in cells.values())
    unsup = sum(c.status == F.UNSUPPORTED for _, cells in results for c in cells.values())
    errors = [info for info, _ in results if "error" in info]
    for info in errors:
        print(f"FAIL {info['name']} could not be run: {info['error']}", flush=True)
    print(f"matrix written to {a.results} ({total:.0f} s)")
    if figures is not None:
        print(f"cluster failover: {cluster_failed} failed", flush=True)
    print(f"{passed} passed, {failed + len(errors) + cluster_failed} failed, {unsup} skipped")
    return 1 if failed or errors or cluster_failed else 0


if __name__ == "__main__":
    sys.exit(main())
