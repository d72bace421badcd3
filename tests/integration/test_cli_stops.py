"""How `mqc pub` and `mqc sub` end when things go wrong at the end of a run,
against a tiny silent broker on loopback (3.1.1):

  signal_while_draining   pub waits for a PUBACK that never comes; SIGINT must
                          end it (exit 40, the unacknowledged message counted)
  qos0_unwritten          the broker stops reading; pub -q 0 of 30 MB must not
                          exit 0 while its bytes are still unwritten
  closed_stdout           sub's stdout is a pipe nobody reads: the write error
                          must end it with exit 1 (not SIGPIPE) and the message
                          it could not print must not be acked
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from clitest import EXIT_UNACKED, MQC, check, summary  # noqa: E402

CONNACK = bytes([0x20, 0x02, 0x00, 0x00])


class SilentBroker:
    """Accepts one client, answers CONNECT with CONNACK, then runs `then`."""

    def __init__(self, then):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.then = then
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.sock.settimeout(10)
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        conn.settimeout(10)
        try:
            self.received += conn.recv(4096)      # CONNECT (small)
            conn.sendall(CONNACK)
            self.then(self, conn)
        except OSError:
            pass
        finally:
            conn.close()

    def drain(self, conn, seconds):
        """Reads and keeps everything for `seconds` (or until closed)."""
        end = time.monotonic() + seconds
        conn.settimeout(0.1)
        while time.monotonic() < end:
            try:
                data = conn.recv(65536)
            except socket.timeout:
                continue
            if not data:
                return
            self.received += data

    def close(self):
        self.sock.close()


def signal_while_draining():
    b = SilentBroker(lambda b, conn: b.drain(conn, 8))
    p = subprocess.Popen([MQC, "pub", "-p", str(b.port), "-t", "t", "-q", "1", "-m", "x"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    t0 = time.monotonic()
    try:
        _, err = p.communicate(timeout=5)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
        rc = None
    b.close()
    check("pub waiting for a PUBACK ends on SIGINT", rc is not None,
          "still running 5 s after SIGINT")
    check(f"... with exit {EXIT_UNACKED} (messages left unacknowledged)", rc == EXIT_UNACKED,
          f"rc={rc}")
    check("... naming the unacknowledged message", b"1 of 1 messages not acknowledged" in err,
          err.decode(errors="replace"))
    check("... within the DISCONNECT wait", rc is None or time.monotonic() - t0 < 4.5)


def qos0_unwritten():
    # Stops reading after CONNACK: 30 MB cannot all be written.
    b = SilentBroker(lambda b, conn: time.sleep(6))
    with tempfile.NamedTemporaryFile() as f:
        f.write(b"\0" * 30_000_000)
        f.flush()
        try:
            r = subprocess.run([MQC, "pub", "-p", str(b.port), "-t", "t", "-q", "0", "-f", f.name],
                               capture_output=True, timeout=15)
            rc, err = r.returncode, r.stderr
        except subprocess.TimeoutExpired:
            rc, err = None, b""
    b.close()
    check("pub -q 0 with its bytes unwritten does not exit 0", rc == 1, f"rc={rc}")
    check("... and says why", b"not yet written" in err, err.decode(errors="replace"))


def closed_stdout():
    publish = bytes([0x32, 0x06, 0x00, 0x01, ord("t"), 0x00, 0x07, ord("m")])  # QoS 1, id 7

    def then(b, conn):
        b.received = b""
        b.drain(conn, 0.5)                       # SUBSCRIBE
        sub_id = b.received[2:4] if len(b.received) >= 4 else b"\0\1"
        conn.sendall(bytes([0x90, 0x03]) + sub_id + b"\x01")
        b.received = b""
        conn.sendall(publish)
        b.drain(conn, 3)

    b = SilentBroker(then)
    rfd, wfd = os.pipe()
    os.close(rfd)                                # nobody will ever read stdout
    p = subprocess.Popen([MQC, "sub", "-p", str(b.port), "-t", "t", "-q", "1"],
                         stdout=wfd, stderr=subprocess.PIPE)
    os.close(wfd)
    try:
        _, err = p.communicate(timeout=8)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
        rc = None
    b.thread.join(5)
    b.close()
    check("sub with a closed stdout exits 1, not by SIGPIPE", rc == 1, f"rc={rc}")
    check("... without acking the message it could not print",
          bytes([0x40, 0x02, 0x00, 0x07]) not in b.received, b.received.hex())


def main():
    signal_while_draining()
    qos0_unwritten()
    closed_stdout()
    summary()


if __name__ == "__main__":
    main()
