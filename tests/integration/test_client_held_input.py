"""Input held back by the session (its inbound window is full of messages the
application has not acked yet) must not make an event loop spin, and a reset
peer must still be noticed while input is held. Runs tests/integration/c/
held_input.c, built against the library, with both loop styles, against a
scripted broker that sends 3 QoS 1 PUBLISHes, one more, then stays or resets.
Prints "N passed, M failed" last; exits 1 on failure."""
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

STOPPED = 5  # MQC_CLIENT_STOPPED


def publish(i):
    body = struct.pack(">H", 1) + b"t" + struct.pack(">H", i) + b"payload%d" % i
    return bytes([0x32, len(body)]) + body


def broker(sock, reset):
    conn, _ = sock.accept()
    conn.recv(4096)
    conn.sendall(b"\x20\x02\x00\x00")
    time.sleep(0.2)
    conn.sendall(publish(1) + publish(2) + publish(3))
    time.sleep(0.3)
    conn.sendall(publish(4))
    time.sleep(0.3)
    if reset:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    else:
        time.sleep(3)
    conn.close()


def run(exe, loop, reset):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    t = threading.Thread(target=broker, args=(sock, reset), daemon=True)
    t.start()
    r = subprocess.run([exe, str(sock.getsockname()[1]), loop], capture_output=True, timeout=20)
    t.join(5)
    sock.close()
    iterations, messages, state = (int(x) for x in r.stdout.split())
    return iterations, messages, state


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-held-")
    try:
        exe = os.path.join(tmp, "held_input")
        r = cbuild.test_program("held_input", exe)
        check("held_input.c compiles", r.returncode == 0, r.stderr)
        if r.returncode == 0:
            for loop in ("ext", "poll"):
                it, msgs, state = run(exe, loop, reset=False)
                # A spinning loop runs hundreds of thousands of times in 2.5 s.
                check(f"{loop} loop: no spin while input is held", it < 1000, f"{it} iterations")
                check(f"{loop} loop: 2 messages delivered, the rest held", msgs == 2, msgs)
                it, msgs, state = run(exe, loop, reset=True)
                check(f"{loop} loop: a reset peer is noticed while input is held",
                      state == STOPPED and it < 1000, f"state {state}, {it} iterations")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary()


if __name__ == "__main__":
    main()
