"""The client's read buffer follows the traffic (src/client/net.c): an idle
connection has none on the heap, a burst gets one, a quiet second gives it
back, and every message of the burst arrives intact across the changes of
buffer. Runs tests/integration/c/read_buffer.c, built against the library,
against a scripted broker: CONNACK, then after our SUBSCRIBE a burst of QoS 0
PUBLISHes in one write (QoS 1 too, at a small Receive Maximum, so that
input is held), then silence. Prints "N passed, M failed" last;
exits 1 on failure."""
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import cbuild  # noqa: E402
from clitest import check, summary  # noqa: E402



def varint(n):
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def publish(i, size, qos):
    pid = struct.pack(">H", i + 1) if qos else b""
    body = struct.pack(">H", 1) + b"t" + pid + bytes([i & 0xFF]) * size
    return bytes([0x30 | qos << 1]) + varint(len(body)) + body


def broker(sock, n, size, qos):
    conn, _ = sock.accept()
    conn.recv(4096)
    conn.sendall(b"\x20\x02\x00\x00")
    got = b""
    while not any(b >> 4 == 8 for b in got[:1]):  # SUBSCRIBE (its first byte)
        got = conn.recv(4096)
        if not got:
            return
    pid = got[2:4] if len(got) >= 4 else b"\x00\x01"
    conn.sendall(b"\x90\x03" + pid + b"\x00" + b"".join(publish(i, size, qos) for i in range(n)))
    conn.settimeout(10)
    try:
        while conn.recv(4096):  # until the client goes
            pass
    except OSError:
        pass
    conn.close()


def run(exe, n, size, qos=0, receive_max=0):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    t = threading.Thread(target=broker, args=(sock, n, size, qos), daemon=True)
    t.start()
    r = subprocess.run([exe, str(sock.getsockname()[1]), str(n), str(size), str(receive_max)],
                       capture_output=True, timeout=30)
    t.join(5)
    sock.close()
    return [int(x) for x in r.stdout.split()] or [-1] * 5


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-rbuf-")
    try:
        exe = os.path.join(tmp, "read_buffer")
        r = cbuild.test_program("read_buffer", exe)
        check("read_buffer.c compiles", r.returncode == 0, r.stderr)
        if r.returncode == 0:
            # 300 messages of 1000 bytes: reads fill every buffer up to 64 KiB.
            idle, burst, quiet, got, intact = run(exe, 300, 1000)
            check("idle connection: no heap read buffer", idle == 0, idle)
            check("a burst gets a heap read buffer", burst >= 1, burst)
            check("a quiet second gives it back", quiet == 0, quiet)
            check("every message of the burst arrives", got == 300, got)
            check("and intact", intact == 1, intact)
            # 40 small messages: they fit the stack buffer, no heap one at all.
            idle, burst, quiet, got, intact = run(exe, 40, 10)
            check("small traffic: never a heap read buffer", burst == 0, burst)
            check("small traffic: every message arrives intact", got == 40 and intact == 1,
                  (got, intact))
            # QoS 1 at Receive Maximum 2: the session holds most of the read
            # back; it moves from the stack to the heap and is taken later.
            idle, burst, quiet, got, intact = run(exe, 40, 10, qos=1, receive_max=2)
            check("held input: every message arrives intact", got == 40 and intact == 1,
                  (got, intact))
            check("held input: the heap buffer given back", quiet == 0, quiet)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
