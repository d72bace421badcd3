"""The 5.0 session features against a private Mosquitto, through mqc pub/sub
as they are: topic aliases from the client (the first PUBLISH of a topic
carries it with an alias, later ones the alias alone; Mosquitto accepts them
and delivers every message under its topic), the subscription identifier
sent in SUBSCRIBE and reported with each message. Prints "N passed, M
failed" last; exits 1 on failure."""
import os
import sys

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from mosq import Mosquitto  # noqa: E402
from clitest import Sub, check, mqc, summary  # noqa: E402

N = 20


def aliases_and_subscription_ids(b):
    port = str(b.port)
    s = Sub(["-p", port, "-V", "mqttv5", "-t", "al/#", "-q", "1", "-C", str(2 * N),
             "-D", "subscribe", "subscription-identifier", "42", "-F", "%S|%t|%p"])
    ready = s.ready()
    check("sub ready", ready, b"".join(s.err))
    if not ready:
        s.finish(1)
        return
    lines = b"".join(f"{i}\n".encode() for i in range(N))
    sent = []
    for topic in ("al/x", "al/y"):
        r = mqc(["pub", "-p", port, "-V", "mqttv5", "-t", topic, "-q", "1", "-l", "-d"],
                stdin=lines)
        check(f"pub {topic} exit 0", r.returncode == 0, r.stderr[-800:])
        sent.append(r.stderr.decode(errors="replace"))
    rc, out, err = s.finish()
    want = b"".join(f"42|{t}|{i}\n".encode() for t in ("al/x", "al/y") for i in range(N))
    check("every message delivered under its topic, with subscription id 42",
          rc == 0 and out == want, (rc, out[-400:], err[-400:]))
    for topic, trace in zip(("al/x", "al/y"), sent):
        pubs = [ln for ln in trace.splitlines() if "sent PUBLISH" in ln]
        check(f"{topic}: {N} PUBLISHes, the first with the topic, the rest aliased (empty topic)",
              len(pubs) == N and f"'{topic}'" in pubs[0]
              and all("''" in ln for ln in pubs[1:]), pubs[:3])
        check(f"{topic}: Mosquitto took the aliases (no DISCONNECT from it)",
              "received DISCONNECT" not in trace and "connection lost" not in trace, trace[-600:])


def main():
    with Mosquitto() as b:
        aliases_and_subscription_ids(b)


if __name__ == "__main__":
    main()
    summary()
