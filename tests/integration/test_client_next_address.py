"""A CONNACK timeout on one resolved address tries the next address at once;
only when none is left does the client back off (include/mqc.h, the reconnect
policy). Runs tests/integration/c/next_address.c, whose host resolves (through
tests/tools/getaddrinfo_shim.c) to two loopback ports, against a listener that accepts and never answers and a
scripted broker that sends CONNACK. Prints "N passed, M failed" last."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import cbuild  # noqa: E402
from clitest import check, summary  # noqa: E402
import addrshim  # noqa: E402



class Listener:
    """Accepts connections and records them; answers CONNECT with CONNACK
    only if told to."""

    def __init__(self, answer):
        self.answer = answer
        self.accepted = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.conns = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.conns.append(conn)
            if self.answer:
                conn.recv(4096)
                conn.sendall(b"\x20\x02\x00\x00")

    def close(self):
        self.sock.close()
        for c in self.conns:
            c.close()


def run(exe, shim, first, second):
    r = subprocess.run([exe], capture_output=True, timeout=20, text=True,
                       env=addrshim.env(shim, "two-addresses.test", (first.port, second.port)))
    return r.returncode, r.stdout.splitlines()


def index_of(lines, text):
    return next((i for i, line in enumerate(lines) if text in line), None)


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-next-")
    try:
        exe = os.path.join(tmp, "next_address")
        r = cbuild.test_program("next_address", exe)
        check("next_address.c compiles", r.returncode == 0, r.stderr)
        shim, why = addrshim.build(tmp)
        check("the getaddrinfo shim builds", shim is not None, why)
        if r.returncode != 0 or shim is None:
            return

        silent, broker = Listener(answer=False), Listener(answer=True)
        rc, out = run(exe, shim, silent, broker)
        timeout_at = index_of(out, "no CONNACK within 300 ms; trying the next address")
        connected_at = index_of(out, "connected")
        backoff_at = index_of(out, "reconnecting in")
        check("silent first address, answering second: connected", rc == 0 and
              connected_at is not None, "\n".join(out))
        check("the CONNACK timeout moved on to the next address",
              timeout_at is not None and connected_at is not None and timeout_at < connected_at,
              "\n".join(out))
        check("no backoff before the second address",
              backoff_at is None or (connected_at is not None and backoff_at > connected_at),
              "\n".join(out))
        check("each address was tried once", (silent.accepted, broker.accepted) == (1, 1),
              f"accepted: silent {silent.accepted}, broker {broker.accepted}")
        silent.close()
        broker.close()

        first, second = Listener(answer=False), Listener(answer=False)
        rc, out = run(exe, shim, first, second)
        moved_at = index_of(out, "no CONNACK within 300 ms; trying the next address")
        last_at = next((i for i, line in enumerate(out)
                        if line.endswith("no CONNACK within 300 ms")), None)
        backoff_at = index_of(out, "reconnecting in")
        check("both silent: not connected", rc == 1 and index_of(out, "connected") is None,
              "\n".join(out))
        check("both silent: back off only after the last address timed out",
              None not in (moved_at, last_at, backoff_at) and moved_at < last_at < backoff_at,
              "\n".join(out))
        check("both silent: the backoff counts the attempt as failed",
              backoff_at is not None and "after 1 consecutive failures; attempt failed"
              in out[backoff_at], "\n".join(out))
        check("both silent: the first attempt tried each address once before the backoff",
              first.accepted >= 1 and second.accepted >= 1,
              f"accepted: {first.accepted}, {second.accepted}")
        first.close()
        second.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        summary()


if __name__ == "__main__":
    main()
