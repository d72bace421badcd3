"""A burst of small packets in one TCP write, then silence: mqc sub must
deliver every one without further input from the server. Over TLS each
packet is its own record (what OpenSSL or mbed TLS read ahead and hold
once the socket is empty), over WebSocket its own frame, over wss:// a
frame per record; with the OpenSSL and the mbed TLS builds. A client that
went back to poll() with decrypted bytes or records still in its TLS
library would wait for input that never comes (sub -W ends it: exit 27).
Prints "N passed, M failed" last."""
import base64
import hashlib
import os
import socket
import ssl
import struct
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import clitest  # noqa: E402
from clitest import check, mqc, summary  # noqa: E402
import tlsbuild  # noqa: E402
import tlscerts  # noqa: E402

BURST = 300   # PUBLISH QoS 1, 15 bytes each: ~11 KB of records, under one read ahead


class Raw:
    def __init__(self, sock):
        self.sock = sock

    def recv(self):
        b = self.sock.recv(65536)
        if not b:
            raise EOFError
        return b

    def send_burst(self, chunks):
        self.sock.sendall(b"".join(chunks))


class Tls:
    """The server side over memory BIOs: each chunk of a burst is one
    record, and the whole burst leaves in one sendall."""

    def __init__(self, sock, ctx):
        self.sock = sock
        self.inc, self.out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.obj = ctx.wrap_bio(self.inc, self.out, server_side=True)
        while True:
            try:
                self.obj.do_handshake()
                break
            except ssl.SSLWantReadError:
                self._flush()
                self._fill()
        self._flush()

    def _flush(self):
        data = self.out.read()
        if data:
            self.sock.sendall(data)

    def _fill(self):
        b = self.sock.recv(65536)
        if not b:
            raise EOFError
        self.inc.write(b)

    def recv(self):
        while True:
            try:
                return self.obj.read(65536)
            except ssl.SSLWantReadError:
                self._flush()
                self._fill()
            except ssl.SSLZeroReturnError:
                raise EOFError

    def send_burst(self, chunks):
        for c in chunks:
            self.obj.write(c)
        self._flush()


def ws_frame(op, payload):
    n = len(payload)
    if n < 126:
        return bytes([0x80 | op, n]) + payload
    return bytes([0x80 | op, 126]) + struct.pack("!H", n) + payload


class Ws:
    """The server side of the WebSocket: each chunk of a burst is one frame."""

    def __init__(self, lower):
        self.lower, self.buf = lower, b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += lower.recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        key = next(ln.split(b":", 1)[1].strip() for ln in head.split(b"\r\n")
                   if ln.lower().startswith(b"sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                  .digest())
        lower.send_burst([b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept +
                          b"\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n"])

    def recv(self):
        while True:
            b = self.buf
            n, i = (b[1] & 0x7F, 2) if len(b) >= 2 else (None, 0)
            if n == 126:
                n, i = (struct.unpack("!H", b[2:4])[0], 4) if len(b) >= 4 else (None, 0)
            elif n == 127:
                n, i = (struct.unpack("!Q", b[2:10])[0], 10) if len(b) >= 10 else (None, 0)
            if n is not None and len(b) >= i + 4 + n:  # client frames are masked
                    mask, p = b[i:i + 4], b[i + 4:i + 4 + n]
                    self.buf = b[i + 4 + n:]
                    op = b[0] & 0x0F
                    if op == 8:
                        raise EOFError
                    if op in (0, 2):
                        return bytes(x ^ mask[j & 3] for j, x in enumerate(p))
                    continue
            self.buf += self.lower.recv()

    def send_burst(self, chunks):
        self.lower.send_burst([ws_frame(2, c) for c in chunks])


def packets(stream):
    """The client's MQTT packets, one at a time."""
    buf = b""
    while True:
        if len(buf) >= 2 and not buf[1] & 0x80 and len(buf) >= 2 + buf[1]:
            p, buf = buf[:2 + buf[1]], buf[2 + buf[1]:]
            yield p
            continue
        buf += stream.recv()


def publish(i):
    payload = b"m%04d" % i
    return b"\x32" + bytes([5 + len(payload)]) + b"\x00\x01b" + struct.pack("!H", i) + payload


class Server:
    """One connection: CONNACK, then at the SUBSCRIBE its SUBACK and the
    burst in one write; then only reads (the PUBACKs, DISCONNECT)."""

    def __init__(self, layers, ctx=None):
        self.layers, self.ctx = layers, ctx
        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(1)
        self.s.settimeout(30)
        self.port = self.s.getsockname()[1]
        self.acks, self.error = 0, None
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        try:
            c, _ = self.s.accept()
            c.settimeout(30)
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            st = Raw(c)
            if "tls" in self.layers:
                st = Tls(c, self.ctx)
            if "ws" in self.layers:
                st = Ws(st)
            for p in packets(st):
                if p[0] == 0x10:
                    st.send_burst([b"\x20\x02\x00\x00"])
                elif p[0] == 0x82:
                    st.send_burst([b"\x90\x03" + p[2:4] + b"\x01"] +
                                  [publish(i) for i in range(1, BURST + 1)])
                elif p[0] == 0x40:
                    self.acks += 1
                elif p[0] == 0xE0:
                    break
            c.close()
        except (EOFError, OSError) as e:
            self.error = repr(e)
        finally:
            self.s.close()


def run_case(name, layers, ctx, cafile, url):
    srv = Server(layers, ctx)
    args = ["sub", "-L", url % srv.port, "-q", "1", "-C", str(BURST), "-W", "10"]
    if "ws" in layers:
        args += ["-t", "b"]  # a ws:// URL's path is the HTTP one
    if cafile:
        args += ["--cafile", cafile]
    r = mqc(args, timeout=30)
    srv.t.join(10)
    want = b"".join(b"m%04d\n" % i for i in range(1, BURST + 1))
    check(f"{name}: all {BURST} of the burst delivered, exit 0",
          r.returncode == 0 and r.stdout == want,
          (r.returncode, len(r.stdout.splitlines()), r.stderr[-400:]))
    check(f"{name}: every one acked", srv.acks == BURST, (srv.acks, srv.error))


def cases(build, ctx, ca):
    run_case(f"{build} tcp", (), None, None, "mqtt://127.0.0.1:%d/b")
    run_case(f"{build} ws", ("ws",), None, None, "ws://127.0.0.1:%d/mqtt")
    if ctx:
        run_case(f"{build} tls", ("tls",), ctx, ca, "mqtts://localhost:%d/b")
        run_case(f"{build} wss", ("tls", "ws"), ctx, ca, "wss://localhost:%d/mqtt")


def main():
    with tempfile.TemporaryDirectory(prefix="mqc-burst-") as d:
        probe = mqc(["pub", "-L", "mqtts://127.0.0.1:1/x", "-m", "x"])
        ctx = ca = None
        if b"TLS is not built in" in probe.stderr:
            print("note: tls and wss not tested: this build has no TLS (MQC_TLS=off)")
        else:
            pki = tlscerts.Pki(os.path.join(d, "pki"))
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(pki.path("server.crt"), pki.path("server.key"))
            ca = pki.path("ca.crt")
        cases("default build", ctx, ca)
        if ctx:
            try:
                mbed = tlsbuild.mbedtls_cli()
            except RuntimeError as e:
                check("mbed TLS variant builds", False, str(e)[-800:])
                summary()
            saved, clitest.MQC = clitest.MQC, mbed
            try:
                cases("mbedtls build", ctx, ca)
            finally:
                clitest.MQC = saved
    summary()


if __name__ == "__main__":
    main()
