"""MQTT over WebSocket against two real servers started here: a private
Mosquitto with a websockets listener (next to its TCP one) and aedes (Node.js,
ws) from npm, 3.1.1 and 3.1 only. QoS 0/1/2 round trips with exact payloads over ws:// (both CLI
forms: -L ws://host:port/path and -h/-p --ws-path), a 200 KB message (many
frames out), WebSocket and TCP clients of one broker talking to each other,
and wss:// when the build has TLS; the mbed TLS build (SHA-1 and TLS from
mbed TLS) for ws:// and wss:// too. Prints "N passed, M failed" last."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import aedes  # noqa: E402
import tlsbuild  # noqa: E402
import tlscerts  # noqa: E402
from clitest import EXIT_ERROR, Sub, check, mqc, summary  # noqa: E402
from mosq import Mosquitto, free_port, wait_port  # noqa: E402

PAYLOADS = [["-m", "hello websocket"], ["-n"]]


def roundtrip(name, sub_conn, pub_conn, v="mqttv311", qos=(0, 1, 2), big=None):
    """Each QoS: a subscriber and a publisher on their own connection kinds."""
    for q in qos:
        topic = f"ws/{name}/{v}/{q}".replace(" ", "_")
        pubs = PAYLOADS + ([["-f", big]] if big else [])
        s = Sub(sub_conn + ["-V", v, "-t", topic, "-q", "2", "-C", str(len(pubs)),
                            "-F", "%q|%l|%x"])
        ready = s.ready()
        check(f"{name} {v} q{q}: subscriber ready", ready, b"".join(s.err)[-800:])
        if not ready:
            s.finish(1)
            continue
        want = b""
        for extra in pubs:
            r = mqc(["pub"] + pub_conn + ["-V", v, "-t", topic, "-q", str(q)] + extra)
            check(f"{name} {v} q{q}: pub {extra[0]} exits 0", r.returncode == 0, r.stderr[-800:])
            data = (b"hello websocket" if extra[0] == "-m" else b"" if extra[0] == "-n"
                    else open(big, "rb").read())
            want += f"{q}|{len(data)}|{data.hex()}\n".encode()
        rc, out, err = s.finish()
        check(f"{name} {v} q{q}: subscriber exits 0", rc == 0, (rc, err[-800:]))
        check(f"{name} {v} q{q}: exact payloads", out == want, (out[:300], want[:300]))


def mosquitto_part(big):
    wsport = free_port()
    conf = [f"listener {wsport} 127.0.0.1", "protocol websockets"]
    with Mosquitto(conf=conf) as b:
        wait_port("127.0.0.1", wsport)
        url = ["-L", f"ws://127.0.0.1:{wsport}/mqtt"]
        wspath = ["-h", "127.0.0.1", "-p", str(wsport), "--ws-path", "/mqtt"]
        tcp = ["-h", "127.0.0.1", "-p", str(b.port)]
        for v in ("mqttv311", "mqttv5"):
            roundtrip("mosquitto ws", url, wspath, v=v, big=big if v == "mqttv5" else None)
        roundtrip("mosquitto tcp->ws", url, tcp, qos=(1,))
        roundtrip("mosquitto ws->tcp", tcp, wspath, qos=(2,))
        # The trace says which transport carried it.
        r = mqc(["pub", "-d"] + url + ["-t", "ws/trace", "-m", "x"])
        check("mosquitto ws: pub -d connects through the WebSocket", r.returncode == 0 and
              b"connecting to 127.0.0.1:%d" % wsport in r.stderr, r.stderr[-800:])
        # An MQTT port is not a WebSocket server: the upgrade fails with a reason.
        r = mqc(["pub", "-L", f"ws://127.0.0.1:{b.port}/mqtt", "-t", "x", "-m", "x",
                 "--connect-timeout", "3"])
        check("ws:// to the plain MQTT port: exit 1, the upgrade named",
              r.returncode == EXIT_ERROR and b"WebSocket upgrade" in r.stderr,
              (r.returncode, r.stderr[-800:]))


def aedes_part(big):
    why = aedes.available()
    check("aedes available (scripts/npm-deps.sh)", why is None, why)
    if why:
        return
    with aedes.Aedes() as b:
        url = ["-L", f"ws://127.0.0.1:{b.port}/"]
        wspath = ["-h", "127.0.0.1", "-p", str(b.port), "--ws-path", "/any/path?x=1"]
        # aedes 0.51 speaks 3.1.1 (and 3.1), not 5.0.
        roundtrip("aedes ws", url, wspath, big=big)
        roundtrip("aedes ws", wspath, url, v="mqttv31", qos=(2,))


def wss_part(d):
    probe = mqc(["pub", "-L", "wss://127.0.0.1:1/", "-t", "x", "-m", "x"])
    if b"TLS is not built in" in probe.stderr:
        print("note: wss:// not tested: this build has no TLS (MQC_TLS=off)")
        return
    # Mosquitto runs as its own user: it must read the PKI's files.
    pki = tlscerts.broker_pki(d)
    cert, key, ca = pki.path("server.crt"), pki.path("server.key"), pki.path("ca.crt")
    wsport = free_port()
    conf = [f"listener {wsport} 127.0.0.1", "protocol websockets",
            f"certfile {cert}", f"keyfile {key}"]
    with Mosquitto(conf=conf):
        wait_port("127.0.0.1", wsport)
        url = ["-L", f"wss://localhost:{wsport}/mqtt", "--cafile", ca]
        roundtrip("mosquitto wss", url, url)
        roundtrip("mosquitto wss", url, ["-h", "localhost", "-p", str(wsport), "--ws-path", "/mqtt",
                                         "--cafile", ca], v="mqttv5", qos=(2,))
        # TLS checks the name below the WebSocket as for mqtts://.
        r = mqc(["pub", "-L", f"wss://localhost:{wsport}/mqtt", "--cafile", pki.path("other_ca.crt"),
                 "-t", "x", "-m", "x"])
        check("mosquitto wss: an unknown CA is refused with the reason",
              r.returncode == EXIT_ERROR and b"certificate" in r.stderr, (r.returncode, r.stderr[-500:]))
    if aedes.available() is None:
        with aedes.Aedes(tls=(cert, key)) as b:
            url = ["-L", f"wss://127.0.0.1:{b.port}/mqtt", "--cafile", ca]
            roundtrip("aedes wss", url, url)


def mbedtls_part(d):
    """The mbed TLS build: SHA-1 for the accept key and TLS for wss from mbed TLS."""
    if not os.path.isdir(os.path.join(d, "pki")):
        return  # no TLS in this build: wss_part said so
    import clitest
    try:
        mbed = tlsbuild.mbedtls_cli()
    except RuntimeError as e:
        check("mbed TLS variant builds", False, str(e)[-800:])
        return
    def pki(name):
        return os.path.join(d, "pki", name)
    wsport, wssport = free_port(), free_port()
    conf = [f"listener {wsport} 127.0.0.1", "protocol websockets",
            f"listener {wssport} 127.0.0.1", "protocol websockets",
            f"certfile {pki('server.crt')}", f"keyfile {pki('server.key')}"]
    saved, clitest.MQC = clitest.MQC, mbed
    try:
        with Mosquitto(conf=conf):
            wait_port("127.0.0.1", wsport)
            wait_port("127.0.0.1", wssport)
            url = ["-L", f"ws://127.0.0.1:{wsport}/mqtt"]
            roundtrip("mbedtls build ws", url, url, qos=(2,))
            url = ["-L", f"wss://localhost:{wssport}/mqtt", "--cafile", pki("ca.crt")]
            roundtrip("mbedtls build wss", url, url, qos=(1, 2))
    finally:
        clitest.MQC = saved


def main():
    with tempfile.TemporaryDirectory(prefix="mqc-ws-") as d:
        big = os.path.join(d, "big.bin")
        with open(big, "wb") as f:
            f.write(os.urandom(200000))
        mosquitto_part(big)
        aedes_part(big)
        wss_part(d)
        mbedtls_part(d)
    summary()


if __name__ == "__main__":
    main()
