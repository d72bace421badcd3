"""Watches what a broker sends a client, for one deviation from the QoS 2
protocol: a PUBLISH re-sent (DUP=1) with a packet id whose PUBREL the broker
has already sent, and with no new PUBLISH (DUP=0) under that id in between.
MQTT 3.1.1 and 5.0 §4.3.3: the sender MUST NOT re-send the PUBLISH once it
has sent the PUBREL; the receiver, once it has sent PUBCOMP, MUST treat a
PUBLISH with that id as a new message. So such a resend is delivered again
by any correct client, and a test must know which duplicates came so.

Mosquitto 2.0.11 does it after two reconnects in a row during which it did
not get to re-send a PUBREL: db__message_reconnect_reset_outgoing() turns
mosq_ms_wait_for_pubcomp into mosq_ms_resend_pubrel, and at the next
reconnect every state but wait_for_pubcomp, resend_pubrel among them, into
mosq_ms_publish_qos2 (seen under load with a long in-flight list; see
docs/brokers.md)."""
import struct

PUBLISH, PUBREL = 3, 6


class Stream:
    """One broker-to-client byte stream, parsed packet by packet."""

    def __init__(self, audit, client_id, level):
        self.audit = audit
        self.client_id = client_id
        self.v5 = level == 5
        self.buf = bytearray()
        self.broken = False

    def feed(self, data):
        """Never raises: bytes it cannot parse end its watch of this stream."""
        if self.broken:
            return
        try:
            self._feed(data)
        except (IndexError, struct.error):
            self.broken = True

    def _feed(self, data):
        self.buf += data
        buf, pos = self.buf, 0
        while True:
            n = len(buf) - pos
            if n < 2:
                break
            rem, mult, i = 0, 1, pos + 1
            while i < len(buf) and i < pos + 5:
                b = buf[i]
                rem += (b & 0x7F) * mult
                mult *= 128
                i += 1
                if not b & 0x80:
                    break
            else:
                break          # the length is not complete yet
            if buf[i - 1] & 0x80 or len(buf) < i + rem:
                break
            self.packet(buf[pos], bytes(buf[i:i + rem]))
            pos = i + rem
        del buf[:pos]

    def packet(self, first, body):
        kind = first >> 4
        if kind == PUBREL and len(body) >= 2:
            self.audit.released(self.client_id).add(struct.unpack_from("!H", body)[0])
        elif kind == PUBLISH and (first >> 1) & 3 == 2:
            tlen = struct.unpack_from("!H", body)[0]
            pos = 2 + tlen
            pid = struct.unpack_from("!H", body, pos)[0]
            pos += 2
            if self.v5:
                plen, mult = 0, 1
                while True:
                    b = body[pos]
                    pos += 1
                    plen += (b & 0x7F) * mult
                    mult *= 128
                    if not b & 0x80:
                        break
                pos += plen
            released = self.audit.released(self.client_id)
            if first & 0x08 and pid in released:
                # The exchange is open again: its further resends are plain ones.
                self.audit.violations.append((self.client_id, pid, body[pos:]))
            released.discard(pid)


class Audit:
    """Per client id, across its connections: the ids whose PUBREL went out."""

    def __init__(self):
        self._released = {}
        self.violations = []   # (client id, packet id, payload bytes)

    def released(self, client_id):
        return self._released.setdefault(client_id, set())

    def stream(self, client_id, level):
        return Stream(self, client_id, level)

    def payloads(self, client_id):
        return [p for c, _, p in self.violations if c == client_id]
