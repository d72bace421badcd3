"""mqc over WebSocket against a scripted server (Python standard library),
for what real brokers do not do on demand: the exact Upgrade request, a
CONNACK split over fragments with a Ping between them (answered with its
payload), refused upgrades (404, wrong accept, another subprotocol), malformed
server frames (masked, text, reserved bits: refused by name, Close 1002 sent),
and the server's Close (echoed, reported, reconnected). Prints "N passed,
M failed" last."""
import base64
import hashlib
import os
import socket
import struct
import sys
import threading

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
from clitest import EXIT_ERROR, check, mqc, summary  # noqa: E402

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def recv_exact(c, n):
    out = b""
    while len(out) < n:
        b = c.recv(n - len(out))
        if not b:
            raise EOFError
        out += b
    return out


def read_request(c):
    data = b""
    while b"\r\n\r\n" not in data:
        b = c.recv(1)
        if not b:
            raise EOFError
        data += b
    lines = data.decode().split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return lines[0], headers


def accept_for(key):
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


def send_101(c, headers, accept=None, proto="mqtt"):
    resp = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept or accept_for(headers['sec-websocket-key'])}\r\n")
    if proto:
        resp += f"Sec-WebSocket-Protocol: {proto}\r\n"
    c.sendall((resp + "\r\n").encode())


def frame(op, payload=b"", fin=True, mask=None, rsv=0):
    b0 = (0x80 if fin else 0) | rsv | op
    n = len(payload)
    hdr = bytes([b0])
    mbit = 0x80 if mask else 0
    if n < 126:
        hdr += bytes([mbit | n])
    elif n < 65536:
        hdr += bytes([mbit | 126]) + struct.pack("!H", n)
    else:
        hdr += bytes([mbit | 127]) + struct.pack("!Q", n)
    if mask:
        payload = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
        hdr += mask
    return hdr + payload


def read_frame(c):
    """(fin, opcode, payload, masked) of one client frame, unmasked."""
    b0, b1 = recv_exact(c, 2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack("!H", recv_exact(c, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", recv_exact(c, 8))[0]
    mask = recv_exact(c, 4) if b1 & 0x80 else b"\0\0\0\0"
    p = recv_exact(c, n)
    return b0 >> 7, b0 & 0x0F, bytes(b ^ mask[i & 3] for i, b in enumerate(p)), bool(b1 & 0x80)


class Client:
    """The client side as the server sees it: its frames and MQTT packets."""

    def __init__(self, c):
        self.c = c
        self.buf = b""
        self.frames = []        # (fin, opcode, payload, masked)

    def next_frame(self):
        f = read_frame(self.c)
        self.frames.append(f)
        return f

    def packet(self):
        """The next MQTT packet from binary frames (control frames recorded)."""
        while True:
            if len(self.buf) >= 2:
                n, mult, i = 0, 1, 1
                while i < len(self.buf) and i < 5:
                    n += (self.buf[i] & 0x7F) * mult
                    mult *= 128
                    if not self.buf[i] & 0x80:
                        break
                    i += 1
                if i < len(self.buf) and len(self.buf) >= i + 1 + n:
                    p, self.buf = self.buf[:i + 1 + n], self.buf[i + 1 + n:]
                    return p
            fin, op, payload, _ = self.next_frame()
            if op in (0, 2):
                self.buf += payload


class Server:
    """Accepts connections and runs script(conn, index) on each, in a thread."""

    def __init__(self, script):
        self.s = socket.socket()
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(8)
        self.port = self.s.getsockname()[1]
        self.script = script
        self.seen = []          # what each script run saw (dicts)
        self.ended = threading.Semaphore(0)  # one release per finished script run
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        i = 0
        while True:
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            c.settimeout(10)
            seen = {}
            self.seen.append(seen)
            try:
                self.script(c, i, seen)
            except Exception as e:  # the client's side shows up in the checks
                seen["error"] = repr(e)
            finally:
                c.close()
                self.ended.release()
            i += 1

    def close(self):
        """Stops accepting, once the runs that began have ended (the client
        has exited by then, so its side of each is over)."""
        for _ in range(len(self.seen)):
            self.ended.acquire(timeout=10)
        self.s.close()


def pub(port, extra=()):
    return mqc(["pub", "-d", "-L", f"ws://127.0.0.1:{port}/mqtt", "-t", "t", "-m", "hello",
                "-q", "1", "--connect-timeout", "5", "--reconnect-min", "0.1"] + list(extra))


def connack_fragmented(c, i, seen):
    """A good server that splits the CONNACK over fragments, pings between them,
    and answers PUBLISH with PUBACK in two frames."""
    seen["request"], seen["headers"] = read_request(c)
    send_101(c, seen["headers"])
    cl = Client(c)
    seen["connect"] = cl.packet()
    c.sendall(frame(2, b"\x20", fin=False) + frame(9, b"abc") + frame(0, b"\x02", fin=False) +
              frame(0, b"\x00\x00"))
    p = cl.packet()
    seen["publish"] = p
    pid = p[-7:-5]  # "t" topic: 30|len, 0001 't', id, "hello"
    c.sendall(frame(2, b"\x40\x02" + pid[:1]) + frame(2, pid[1:]) + frame(10, b"unsolicited"))
    seen["disconnect"] = cl.packet()
    while True:
        fin, op, payload, _ = cl.next_frame()
        if op == 8:
            seen["close"] = payload
            c.sendall(frame(8, payload))
            break
    seen["frames"] = cl.frames


def test_good_server():
    srv = Server(connack_fragmented)
    r = pub(srv.port)
    srv.close()
    check("fragmented CONNACK with a ping between: pub exits 0", r.returncode == 0,
          (r.returncode, r.stderr[-600:]))
    seen = srv.seen[0] if srv.seen else {}
    h = seen.get("headers", {})
    check("request line", seen.get("request") == "GET /mqtt HTTP/1.1", seen.get("request"))
    check("Host with the port", h.get("host") == f"127.0.0.1:{srv.port}", h)
    check("Upgrade, Connection, Version 13, subprotocol mqtt",
          h.get("upgrade") == "websocket" and h.get("connection") == "Upgrade" and
          h.get("sec-websocket-version") == "13" and h.get("sec-websocket-protocol") == "mqtt", h)
    key = h.get("sec-websocket-key", "")
    check("Sec-WebSocket-Key is 16 base64 bytes", len(base64.b64decode(key + "==")) >= 16, key)
    frames = seen.get("frames", [])
    check("every client frame masked", frames and all(f[3] for f in frames), frames)
    pongs = [f[2] for f in frames if f[1] == 10]
    check("the ping answered with its payload", pongs == [b"abc"], pongs)
    check("PUBLISH then DISCONNECT (e0 00) in binary frames",
          seen.get("publish", b"")[:1] == b"\x32" and seen.get("disconnect") == b"\xe0\x00",
          (seen.get("publish"), seen.get("disconnect")))
    check("a Close 1000 at the end", seen.get("close") == b"\x03\xe8", seen.get("close"))
    check("server script ran clean", "error" not in seen, seen.get("error"))
    # A second client on another key: the keys differ.
    srv2 = Server(connack_fragmented)
    pub(srv2.port)
    srv2.close()
    key2 = srv2.seen[0].get("headers", {}).get("sec-websocket-key") if srv2.seen else None
    check("a new Sec-WebSocket-Key per connection", key2 and key2 != key, (key, key2))


def refusing(answer):
    def script(c, i, seen):
        _, headers = read_request(c)
        answer(c, headers)
        try:
            while True:
                fin, op, payload, _ = read_frame(c)
                if op == 8:
                    seen["close"] = payload
        except (EOFError, OSError):
            pass
    return script


def test_refusals():
    cases = [
        ("HTTP 404", lambda c, h: c.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
         b"WebSocket upgrade refused: HTTP/1.1 404 Not Found"),
        ("wrong accept", lambda c, h: send_101(c, h, accept="AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
         b"wrong Sec-WebSocket-Accept"),
        ("another subprotocol", lambda c, h: send_101(c, h, proto="mqttv3.1"),
         b"the server chose subprotocol mqttv3.1"),
    ]
    for name, answer, want in cases:
        srv = Server(refusing(answer))
        r = pub(srv.port)
        srv.close()
        check(f"{name}: exit 1 with the reason", r.returncode == EXIT_ERROR and want in r.stderr,
              (r.returncode, r.stderr[-600:]))


def bad_frame(data):
    def answer(c, h):
        send_101(c, h)
        read_frame(c)               # CONNECT
        c.sendall(data)
    return refusing(answer)


def test_bad_frames():
    cases = [
        ("masked server frame", frame(2, b"\x20\x02\x00\x00", mask=b"\x01\x02\x03\x04"),
         b"masked WebSocket frame from the server", b"\x03\xea"),
        ("text frame", frame(1, b"\x20\x02\x00\x00"), b"text frame", b"\x03\xea"),
        ("reserved bits", frame(2, b"\x20\x02\x00\x00", rsv=0x40), b"reserved bits", b"\x03\xea"),
        ("reserved opcode", frame(3, b""), b"reserved opcode", b"\x03\xea"),
        ("control frame over 125 bytes", frame(9, b"x" * 126), b"over 125 bytes", b"\x03\xea"),
    ]
    for name, data, want, close in cases:
        srv = Server(bad_frame(data))
        r = pub(srv.port)
        srv.close()
        check(f"{name}: exit 1 with the reason", r.returncode == EXIT_ERROR and want in r.stderr,
              (r.returncode, r.stderr[-600:]))
        got = srv.seen[0].get("close") if srv.seen else None
        check(f"{name}: Close 1002 sent", got == close, got)


def closing_then_good(c, i, seen):
    """First connection: CONNACK, then Close 1001 "going away"; then a good server."""
    if i > 0:
        return connack_fragmented(c, i, seen)
    _, headers = read_request(c)
    send_101(c, headers)
    cl = Client(c)
    cl.packet()
    c.sendall(frame(2, b"\x20\x02\x00\x00") + frame(8, b"\x03\xe9going away"))
    try:
        while True:
            fin, op, payload, _ = cl.next_frame()
            if op == 8:
                seen["close"] = payload
                break
    except (EOFError, OSError):
        pass


def test_server_close():
    srv = Server(closing_then_good)
    r = pub(srv.port)
    srv.close()
    check("server Close: reported with code and reason",
          b"the server closed the WebSocket (1001: going away)" in r.stderr, r.stderr[-800:])
    got = srv.seen[0].get("close") if srv.seen else None
    check("server Close: echoed with its code", got == b"\x03\xe9", got)
    check("server Close: reconnects and delivers (exit 0)", r.returncode == 0 and len(srv.seen) >= 2,
          (r.returncode, len(srv.seen), r.stderr[-600:]))


def main():
    test_good_server()
    test_refusals()
    test_bad_frames()
    test_server_close()
    summary()


if __name__ == "__main__":
    main()
