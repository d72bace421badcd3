"""A private aedes broker (Node.js, from npm) with a WebSocket listener, for
the WebSocket tests: a second MQTT-over-WebSocket server next to Mosquitto.

    with Aedes() as b:                      # ws://127.0.0.1:b.port/
        run_client("127.0.0.1", b.port)
    with Aedes(tls=(certfile, keyfile)):    # wss://

aedes and ws are installed by scripts/npm-deps.sh (make test runs it) into
$MQC_NPM_DIR or ~/.cache/mqc-npm, outside the tree; available() says why not.
"""
import os
import shutil
import subprocess
import threading

# Node's part: aedes.handle() on each WebSocket (subprotocol "mqtt"), on an
# http or https server; prints "listening PORT" once it accepts.
_SERVER_JS = r"""
const [port, cert, key] = process.argv.slice(1);
const fs = require('fs');
const aedes = require('aedes')();
const { WebSocketServer, createWebSocketStream } = require('ws');
const server = cert
  ? require('https').createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) })
  : require('http').createServer();
const wss = new WebSocketServer({
  server,
  handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
});
wss.on('connection', (ws) => aedes.handle(createWebSocketStream(ws)));
server.listen(Number(port), '127.0.0.1', () => {
  console.log('listening ' + server.address().port);
});
process.on('SIGTERM', () => process.exit(0));
"""


def npm_dir():
    return os.environ.get("MQC_NPM_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mqc-npm")


def available():
    """None when aedes can start, else why not (for the test's FAIL line)."""
    if not shutil.which("node"):
        return "node not installed (scripts/deps.sh test)"
    mods = os.path.join(npm_dir(), "node_modules")
    for pkg in ("aedes", "ws"):
        if not os.path.isdir(os.path.join(mods, pkg)):
            return f"{pkg} not in {mods} (run scripts/npm-deps.sh)"
    return None


class Aedes:
    def __init__(self, tls=None):
        self.host = "127.0.0.1"
        self.port = None
        self.tls = tls
        self.proc = None
        self.lines = []

    def start(self, timeout=20.0):
        argv = ["node", "-e", _SERVER_JS, "0"] + (list(self.tls) if self.tls else [])
        env = dict(os.environ, NODE_PATH=os.path.join(npm_dir(), "node_modules"))
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     env=env)
        ready = threading.Event()

        def pump():
            for raw in self.proc.stdout:
                line = raw.decode(errors="replace").rstrip()
                self.lines.append(line)
                if line.startswith("listening "):
                    self.port = int(line.split()[1])
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise RuntimeError("aedes did not start: " + "\n".join(self.lines[-20:]))
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
