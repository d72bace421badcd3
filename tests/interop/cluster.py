#!/usr/bin/env python3
"""A 3-node RabbitMQ cluster on loopback (scaffolding for the failover test of
issue 15): starts three nodes with free ports, one private epmd and one Erlang
cookie, joins nodes 2 and 3 to node 1 (rabbitmqctl -n), and checks what this
RabbitMQ version offers the MQTT plugin for sessions that survive a node:

- `mqtt.durable_queue_type = quorum` in the plugin's schema (3.10 has it): a
  clean-session-0 subscription's queue is a quorum queue, replicated to the members;
- the queue a persistent `mqc sub -c` creates is listed with type quorum and its
  members (rabbitmq-queues quorum_status).

Then the failover test (include/mqc.h, broker lists): `mqc pub -l -c` with the
nodes in the order 1, 2, 3 and `mqc sub -c` with 2, 3, 1 (so they start on
different nodes) stream 20,000 numbered QoS 1 messages at a steady rate. The node
the publisher is on is killed (SIGKILL) and started again; later the node both
are on then is killed. The stream must complete with 0 lost (QoS 1 duplicates
are allowed, and counted); each failover's time (node killed -> the client
connected elsewhere -> new messages flowing again) is printed.

    python3 tests/interop/cluster.py [--keep SECONDS] [-n N] [--rate R] [--no-failover]

Needs scripts/deps.sh interop. Prints what it found and "N passed, M failed";
exits 1 on a failure. --keep holds the cluster up (ports printed) for manual
tries before tearing it down.
"""
import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from brokers import RabbitMQ, free_port, deb_version  # noqa: E402
import features  # noqa: E402 (sets MQC, finds build/mqc)
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import failover  # noqa: E402

RESULTS = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'PASS' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""),
          flush=True)
    return ok


def schema_has_quorum():
    """The plugin's own config schema: does it know durable_queue_type quorum?"""
    for path in glob.glob("/usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins/"
                          "rabbitmq_mqtt-*/priv/schema/rabbitmq_mqtt.schema"):
        with open(path) as f:
            text = f.read()
        if "mqtt.durable_queue_type" in text and "quorum" in text:
            return path
    return None


class Cluster:
    def __init__(self, n=3):
        self.dir = tempfile.mkdtemp(prefix="mqc-rabbit-cluster-")
        epmd = free_port()
        cookie_home = os.path.join(self.dir, "home")
        os.makedirs(cookie_home)
        with open(os.path.join(cookie_home, ".erlang.cookie"), "w") as f:
            f.write("MQCINTEROPCLUSTER")
        os.chmod(os.path.join(cookie_home, ".erlang.cookie"), 0o400)
        self.nodes = []
        for i in range(n):
            d = os.path.join(self.dir, f"n{i + 1}")
            os.makedirs(d)
            node = RabbitMQ(node=f"mqc{i + 1}-{epmd}@localhost", dirname=d,
                            ports={"epmd": epmd},
                            extra_conf=["mqtt.durable_queue_type = quorum"])
            # One cookie for all: each node's HOME holds a copy.
            shutil.copy(os.path.join(cookie_home, ".erlang.cookie"),
                        os.path.join(d, "home", ".erlang.cookie"))
            self.nodes.append(node)

    def start(self):
        # One at a time: three Erlang VMs booting at once on 2 cores take longer
        # than one after another.
        for node in self.nodes:
            t = time.monotonic()
            node.start()
            print(f"started {node.node}: MQTT 127.0.0.1:{node.port}, AMQP {node.amqp_port}, "
                  f"dist {node.dist_port}, epmd {node.epmd_port} ({time.monotonic() - t:.1f} s)",
                  flush=True)

    def join(self):
        first = self.nodes[0].node
        for node in self.nodes[1:]:
            for args in (["stop_app"], ["join_cluster", first], ["start_app"]):
                r = node.ctl(*args, timeout=120)
                if r.returncode != 0:
                    return f"{node.node}: rabbitmqctl {' '.join(args)}: {r.stdout}{r.stderr}"
        return None

    def close(self):
        for node in reversed(self.nodes):
            node.stop()
        self.nodes[0].close()  # ends the shared epmd
        shutil.rmtree(self.dir, ignore_errors=True)


def failover_test(c, n, rate):
    """The stream through two node failures (see the module comment)."""
    names = [f"127.0.0.1:{node.port}" for node in c.nodes]
    s = failover.Stream(os.environ["MQC"], names, names[1:] + names[:1], n=n, rate=rate,
                        reconnect=(0.2, 2.0))
    s.precreate()
    restarted = {}

    def node_of(addr):
        return c.nodes[names.index(addr)]

    def kill_pub_node(st):
        node = node_of(st.pubw.current())
        st.stop_broker(st.pubw.current(), lambda: node.stop(signal.SIGKILL))
        print(f"killed {node.node} (the publisher's node); starting it again", flush=True)

        def again():
            t = time.monotonic()
            try:
                node.start()
                restarted[node.node] = time.monotonic() - t
            except RuntimeError as e:
                restarted[node.node] = e
        restarted["thread"] = threading.Thread(target=again, daemon=True)
        restarted["thread"].start()

    def kill_current_node(st):
        # The killed node must be back first: two of three down is no quorum.
        restarted["thread"].join(90)
        back = {k: v for k, v in restarted.items() if k != "thread"}
        print(f"restarted: {back}", flush=True)
        node = node_of(st.subw.current())
        st.stop_broker(st.subw.current(), lambda: node.stop(signal.SIGKILL))
        print(f"killed {node.node} (the subscriber's node; the publisher's: "
              f"{st.pubw.current()})", flush=True)

    t0 = time.monotonic()
    s.run(triggers=[(n // 5, kill_pub_node), (3 * n // 5, kill_current_node)],
          timeout=n / rate + 150)
    print(f"failover stream: {s.summary()} ({time.monotonic() - t0:.0f} s)", flush=True)
    for f in s.failovers:
        print("  " + f.describe(), flush=True)
    if os.environ.get("FAILOVER_TIMELINE"):
        print(s.timeline(), flush=True)
        for node in c.nodes:
            mqtt = [ln for ln in node.log().splitlines() if "mqtt" in ln.lower()]
            print(f"  {node.node} log, MQTT lines:\n    " + "\n    ".join(mqtt[-40:]), flush=True)
    for w in (s.pubw, s.subw):
        print(f"  {w.name} connections: " + ", ".join(
            f"{b} (session present {sp}{', session lost' if lost else ''})"
            for _, b, sp, lost in w.conns), flush=True)
    check(len(s.failovers) == 2, "two nodes killed mid-stream",
          f"{len(s.failovers)}\n{s.tails}")
    check(s.pub_rc == 0, "the publisher had every message acknowledged (exit 0)",
          f"rc {s.pub_rc}\n{s.tails}")
    check(s.lost == 0, f"0 lost of {n} QoS 1 messages through both failovers "
          f"({s.tally.dups} duplicates)", f"lost {s.lost}, e.g. {s.tally.lost_sample()}")
    for f in s.failovers:
        check(bool(f.clients) and set(f.reconnected) == {w.name for w in f.clients} and
              all(b != f.what for _, b, _ in f.reconnected.values()),
              f"every client on {f.what} moved to another node", f.describe())
    sub_moves = [sp for t, _, sp, _ in s.subw.conns[1:]]
    check(bool(sub_moves) and all(sp == 1 for sp in sub_moves),
          "the subscriber's session was resumed on the new node (session present 1)",
          f"session present after each move: {sub_moves}")
    return s


def run(n=20000, rate=300, keep=0.0, do_failover=True):
    """The whole script; returns (failures, figures): figures is a dict with the
    failover stream's numbers (empty when it did not run)."""
    RESULTS["passed"] = RESULTS["failed"] = 0
    figures = {}
    t_all = time.monotonic()
    print(f"RabbitMQ {deb_version('rabbitmq-server')}", flush=True)
    schema = schema_has_quorum()
    check(schema is not None, "the MQTT plugin's schema has mqtt.durable_queue_type quorum",
          "not in this version: MQTT sessions can only be classic queues")
    c = Cluster()
    t0 = time.monotonic()
    try:
        c.start()
        err = c.join()
        check(err is None, "nodes 2 and 3 joined node 1", err or "")
        r = c.nodes[0].ctl("cluster_status", "--formatter", "json")
        running = [n.node for n in c.nodes if n.node in r.stdout]
        check(r.returncode == 0 and len(running) == 3, "cluster_status lists 3 nodes",
              r.stdout[-500:] + r.stderr[-500:])
        print(f"cluster formed in {time.monotonic() - t0:.1f} s", flush=True)
        # A persistent MQTT session on node 2; its queue must be a quorum queue with
        # members on all three nodes.
        n2 = c.nodes[1]
        cid = "mqc-cluster-probe"
        r = features.mqc(["sub", "-p", str(n2.port), "-c", "-i", cid, "-q", "1", "-t",
                          "cluster/probe", "-E"], timeout=30)
        check(r.returncode == 0, "mqc sub -c -q 1 -E on node 2", r.stderr.decode()[-300:])
        r = n2.ctl("list_queues", "name", "type", "durable", "--formatter", "json")
        line = [q for q in r.stdout.split("},") if cid in q]
        check(bool(line) and re.search(r'"type":\s*"quorum"', line[0]) is not None,
              "the session's queue is a quorum queue", r.stdout[-500:])
        if line:
            print("  list_queues: {" + line[0].strip("[]{}\n ") + "}", flush=True)
        if line:
            qname = line[0].split('"name":"', 1)[1].split('"', 1)[0]
            q = subprocess.run(["/usr/lib/rabbitmq/bin/rabbitmq-queues", "-n", n2.node,
                                "quorum_status", qname, "--formatter", "json"],
                               env=n2.env(), capture_output=True,
                               text=True, timeout=60)
            members = sum(n.node in q.stdout for n in c.nodes)
            print("\n".join("  " + ln for ln in q.stdout.splitlines()), flush=True)
            check(q.returncode == 0 and members == 3, f"quorum queue {qname} has 3 members",
                  q.stdout[-800:] + q.stderr[-300:])
        figures["formed"] = time.monotonic() - t0
        if do_failover:
            s = failover_test(c, n, rate)
            figures.update(n=n, rate=rate, lost=s.lost, dups=s.tally.dups,
                           failovers=[f.describe() for f in s.failovers],
                           flowing=[f.first_new_after for f in s.failovers])
        if keep:
            print(f"holding the cluster for {keep:.0f} s: MQTT ports "
                  + ", ".join(str(node.port) for node in c.nodes), flush=True)
            time.sleep(keep)
    finally:
        c.close()
    figures["seconds"] = time.monotonic() - t_all
    print(f"cluster test: {figures['seconds']:.0f} s in all", flush=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return RESULTS["failed"], figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=float, default=0.0)
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--rate", type=int, default=300)
    ap.add_argument("--no-failover", action="store_true")
    a = ap.parse_args()
    failed, _ = run(a.n, a.rate, a.keep, not a.no_failover)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
