#!/usr/bin/env python3
"""Writes the fuzz_decode seed corpus: valid packets of every type, both protocols.

Each seed is: control byte (bit 0: 5.0), split seed byte, then the packet.
Usage: python3 fuzz/make_corpus.py [DIR]   (default fuzz/corpus/decode)
"""
import os
import sys

MQTT = "00 04 4D 51 54 54"
V3 = {
    "connect": "10 0F " + MQTT + " 04 02 00 3C 00 03 61 62 63",
    "connect_full": "10 1B " + MQTT + " 04 EC 00 0A 00 01 63 00 01 77 00 03 62 79 65 00 01 75 00 01 70",
    "connack": "20 02 01 00",
    "publish_qos0": "30 07 00 03 61 2F 62 68 69",
    "publish_qos1": "3B 06 00 01 74 00 0A 78",
    "publish_qos2": "34 05 00 01 74 AB CD",
    "puback": "40 02 00 0A",
    "pubrec": "50 02 00 0A",
    "pubrel": "62 02 00 0A",
    "pubcomp": "70 02 00 0A",
    "subscribe": "82 0C 00 01 00 03 61 2F 2B 01 00 01 23 02",
    "suback": "90 04 00 01 01 80",
    "unsubscribe": "A2 07 00 02 00 03 61 2F 2B",
    "unsuback": "B0 02 00 02",
    "pingreq": "C0 00",
    "pingresp": "D0 00",
    "disconnect": "E0 00",
    "stream": "40 02 00 0A D0 00 30 07 00 03 61 2F 62 68 69 62 02 00 0B",
}
V5 = {
    "connect": "10 1D " + MQTT + " 05 02 00 1E 0F 11 00 00 00 3C 21 00 14 26 00 01 6B 00 01 76 00 01 63",
    "connect_will": "10 23 " + MQTT + " 05 D6 00 00 00 00 01 63 07 01 01 18 00 00 00 05 00 01 77"
                    " 00 01 78 00 01 75 00 02 70 77",
    "connack": "20 0D 00 00 0A 12 00 02 69 64 22 00 0A 24 01",
    "connack_v3_form": "20 02 00 01",
    "publish": "32 25 00 01 74 00 05 1E 01 01 02 00 00 00 64 03 00 01 6A 08 00 01 72"
               " 09 00 02 01 02 23 00 03 26 00 01 61 00 01 62 50",
    "publish_alias": "30 06 00 00 03 23 00 07",
    "publish_subids": "30 0B 00 01 74 07 0B 01 0B 80 01 0B 02",
    "puback": "40 02 00 05",
    "puback_reason": "40 09 00 05 80 05 1F 00 02 6E 6F",
    "pubrec_user": "50 0B 00 05 00 07 26 00 01 61 00 01 62",
    "pubrel": "62 03 00 05 92",
    "pubcomp": "70 04 00 05 92 00",
    "subscribe": "82 16 00 07 09 0B 05 26 00 01 61 00 01 62 00 03 61 2F 23 2E 00 01 2B 10",
    "suback": "90 0A 00 07 04 1F 00 01 78 02 00 87",
    "unsubscribe": "A2 06 00 08 00 00 01 61",
    "unsuback": "B0 05 00 08 00 00 11",
    "pingreq": "C0 00",
    "disconnect": "E0 07 8E 05 11 00 00 00 00",
    "disconnect_short": "E0 01 04",
    "auth": "F0 0A 18 08 15 00 01 6D 16 00 01 01",
    "connack_all": "20 3D 00 00 3A 11 00 00 00 0A 12 00 01 63 13 00 3C 15 00 01 6D 16 00 01 01"
                   " 1A 00 01 72 1C 00 01 73 1F 00 01 78 21 00 0A 22 00 05 24 01 25 00 27 00 00 10 00"
                   " 28 01 29 01 2A 00 26 00 00 00 00",
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "decode")
    os.makedirs(out, exist_ok=True)
    for ctl, table, tag in ((0, V3, "v3"), (1, V5, "v5")):
        for name, hexs in table.items():
            data = bytes([ctl, 0x5A]) + bytes.fromhex(hexs)
            with open(os.path.join(out, "%s_%s" % (tag, name)), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
