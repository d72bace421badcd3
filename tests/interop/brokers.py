"""The brokers of the interop suite, each started by the test on free loopback ports,
in its own temp dir, with no systemd. Python 3 stdlib only.

Every broker has: name, host, port, version, auth (mqc flags it needs), start(),
stop(), restart() (same port, state kept where the broker keeps it), log() and
close(); and LIMITS: feature -> what the broker is known not to do. A feature the
suite finds unsupported counts as a broker limitation only if it is listed there
(and the suite shows the evidence); anything else is a failure.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from mosq import Mosquitto, free_port, wait_port  # noqa: E402

NPM_DIR = os.environ.get("MQC_NPM_DIR") or os.path.join(
    os.path.expanduser("~"), ".cache", "mqc-npm")


def deb_version(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                       text=True)
    return r.stdout.strip() if r.returncode == 0 else "not installed"


def _tail(path, n=40):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


class _Proc:
    """Shared process handling: a broker in its own process group."""

    start_timeout = 60.0

    def _spawn(self, argv, env=None, cwd=None, user=None):
        self.out_path = os.path.join(self.dir, "stdout.log")
        out = open(self.out_path, "ab")
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                     stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True, user=user, group=user,
                                     extra_groups=[] if user else None)
        out.close()
        try:
            self._wait_ready()
        except RuntimeError as e:
            self.stop()
            raise RuntimeError(f"{self.name} did not start: {e}\n{self.log()[-3000:]}")

    def _wait_ready(self):
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with {self.proc.returncode}")
            try:
                wait_port(self.host, self.port, timeout=0.5)
                return
            except RuntimeError:
                pass
        raise RuntimeError(f"port {self.port} not open after {self.start_timeout} s")

    def stop(self, sig=signal.SIGTERM, timeout=30.0):
        """sig to the whole group, then wait until every process of it is gone (a
        shell wrapper dies at once, the Erlang VM behind it shuts down in order)."""
        if not self.proc:
            return
        pgid = self.proc.pid
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.proc.poll()  # reaps the leader; the others are reparented
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # whatever the group still has
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None

    def restart(self):
        self.stop()
        self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


class MosquittoBroker:
    name = "mosquitto"
    LIMITS = {}

    def __init__(self):
        # e2e.BROKER_CONF: a large window and an unlimited queue (mqtt-rules.md).
        self.b = Mosquitto(conf=["max_inflight_messages 65534", "max_queued_messages 0"],
                           persistence=True)
        self.host, self.port, self.auth = self.b.host, self.b.port, []
        self.version = "Mosquitto " + deb_version("mosquitto")

    def start(self):
        self.b.start()
        return self

    def stop(self):
        self.b.stop()

    def restart(self):
        self.b.restart()

    def log(self):
        return self.b.log()

    def close(self):
        self.b.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


class RabbitMQ(_Proc):
    """rabbitmq-server with the rabbitmq_mqtt plugin, a private node, epmd and
    cookie (HOME), its AMQP, MQTT, distribution and epmd ports all free ones."""
    name = "rabbitmq"
    SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"  # as root, without the su wrapper
    CTL = "/usr/lib/rabbitmq/bin/rabbitmqctl"
    LIMITS = {
        "qos2": "RabbitMQ's MQTT plugin has no QoS 2: it grants QoS 1 to a QoS 2 "
                "subscription and answers a QoS 2 PUBLISH with PUBACK",
        "v5": "RabbitMQ before 3.13 speaks MQTT 3.1 and 3.1.1 only",
    }

    def __init__(self, node=None, ports=None, dirname=None, extra_conf=()):
        self.host = "127.0.0.1"
        self.dir = dirname or tempfile.mkdtemp(prefix="mqc-rabbit-")
        p = ports or {}
        self.port = p.get("mqtt") or free_port()
        self.amqp_port = p.get("amqp") or free_port()
        self.dist_port = p.get("dist") or free_port()
        self.epmd_port = p.get("epmd") or free_port()
        self.node = node or f"mqc{self.port}@localhost"
        self.auth = []
        self.proc = None
        self.version = "RabbitMQ " + deb_version("rabbitmq-server")
        for d in ("home", "mnesia", "log"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        self.conf = os.path.join(self.dir, "rabbitmq.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join([
                f"listeners.tcp.default = 127.0.0.1:{self.amqp_port}",
                f"mqtt.listeners.tcp.default = 127.0.0.1:{self.port}",
                "mqtt.allow_anonymous = true",
                "loopback_users = none",
                # The default disk alarm (50 MB free) blocks publishers on a full
                # CI disk: say so in the log rather than hang silently.
                "disk_free_limit.absolute = 10MB",
            ] + list(extra_conf)) + "\n")
        self.plugins = os.path.join(self.dir, "enabled_plugins")
        with open(self.plugins, "w") as f:
            f.write("[rabbitmq_mqtt].\n")

    def env(self):
        e = dict(os.environ)
        e.update({
            "HOME": os.path.join(self.dir, "home"),  # the Erlang cookie lives here
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.amqp_port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "ERL_EPMD_PORT": str(self.epmd_port),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "RABBITMQ_MNESIA_BASE": os.path.join(self.dir, "mnesia"),
            "RABBITMQ_LOG_BASE": os.path.join(self.dir, "log"),
            "RABBITMQ_CONFIG_FILE": self.conf,
            "RABBITMQ_ENABLED_PLUGINS_FILE": self.plugins,
            "RABBITMQ_PID_FILE": os.path.join(self.dir, "rabbit.pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS":
                "-kernel inet_dist_use_interface {127,0,0,1}",
        })
        return e

    def start(self):
        self._spawn([self.SERVER], env=self.env())
        return self

    def ctl(self, *args, timeout=60):
        return subprocess.run([self.CTL, "-n", self.node] + list(args), env=self.env(),
                              capture_output=True, text=True, timeout=timeout)

    def log(self):
        return _tail(os.path.join(self.dir, "log", self.node + ".log"), 100000)

    def close(self):
        self.stop()
        # The private epmd outlives the node: end it too.
        subprocess.run(["epmd", "-port", str(self.epmd_port), "-kill"], env=self.env(),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Ejabberd(_Proc):
    """ejabberd with only mod_mqtt listening, its own config, spool and logs; run
    by ejabberdctl foreground (as the ejabberd user), no epmd (ERL_DIST_PORT)."""
    name = "ejabberd"
    LIMITS = {
        "restart": "ejabberd's mod_mqtt keeps sessions and subscriptions in Mnesia RAM "
                   "tables (mqtt_session, mqtt_sub; only retained messages, mqtt_pub, go "
                   "to disc): a restart ends every session",
    }
    EVIDENCE = {"restart": r"Mnesia \S+ table 'mqtt_(session|sub)'"}

    def __init__(self):
        self.host = "127.0.0.1"
        self.dir = tempfile.mkdtemp(prefix="mqc-ejabberd-")
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        self.dist_port = free_port()
        self.node = f"mqc{self.port}@localhost"
        # mod_mqtt logs a client in as an XMPP user: anonymous auth takes any name
        # and password, but a CONNECT without them is refused (CONNACK 5 / 0x87).
        self.auth = ["-u", "mqc", "-P", "mqc"]
        self.user = "ejabberd"  # ejabberdctl would su to it, in a session of its own
        self.proc = None
        self.version = "ejabberd " + deb_version("ejabberd")
        for d in ("spool", "log"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        self.conf = os.path.join(self.dir, "ejabberd.yml")
        with open(self.conf, "w") as f:
            f.write(f"""hosts:
  - localhost
loglevel: info
listen:
  -
    port: {self.port}
    ip: "127.0.0.1"
    module: mod_mqtt
    backlog: 1000
auth_method: [anonymous]
anonymous_protocol: login_anon
modules:
  mod_mqtt:
    # The default 5000 would drop the backlog of a subscriber that is offline
    # during a 20,000-message stream.
    max_queue: unlimited
""")
        # Our own ctl config: the packaged one names /etc/ejabberd/ejabberd.yml.
        self.ctl_conf = os.path.join(self.dir, "ejabberdctl.cfg")
        with open(self.ctl_conf, "w") as f:
            f.write('ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"\n')
        subprocess.run(["chown", "-R", "ejabberd:", self.dir], check=False)

    def argv(self, cmd):
        return ["ejabberdctl", "--config", self.conf, "--ctl-config", self.ctl_conf,
                "--spool", os.path.join(self.dir, "spool"),
                "--logs", os.path.join(self.dir, "log"), "--node", self.node, cmd]

    def start(self):
        env = dict(os.environ, ERL_DIST_PORT=str(self.dist_port), HOME=self.dir)
        self._spawn(self.argv("foreground"), env=env, cwd=self.dir, user=self.user)
        return self

    def log(self):
        return _tail(os.path.join(self.dir, "log", "ejabberd.log"), 100000)

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


AEDES_SERVER = r"""
// Written by tests/interop/brokers.py: aedes on 127.0.0.1:PORT, in-memory persistence.
const aedes = require('aedes')();
const net = require('net');
const port = Number(process.argv[2]);
const server = net.createServer(aedes.handle);
aedes.on('clientError', (c, e) => console.log('clientError', c && c.id, e.message));
aedes.on('connectionError', (c, e) => console.log('connectionError', c && c.id, e.message));
server.listen(port, '127.0.0.1', () => console.log('aedes listening on', port));
process.on('SIGTERM', () => aedes.close(() => server.close(() => process.exit(0))));
"""


class Aedes(_Proc):
    """aedes (npm, installed by scripts/deps.sh interop) with its default in-memory
    persistence, from a server.js written here."""
    name = "aedes"
    LIMITS = {
        "restart": "aedes keeps sessions in the persistence it is given; the suite "
                   "runs it with the in-memory one (no persistence package is "
                   "installed), so a restart starts with no sessions",
        "qos2-resets": "aedes 0.51 breaks QoS 2 when connections drop (docs/brokers.md "
                       "has the traces): it answers session present 0 when a "
                       "clean-session-0 publisher (no subscriptions) reconnects, and "
                       "messages of that publisher it had taken (PUBREC) never reach the "
                       "subscriber; after a subscriber reconnects it resends QoS 2 "
                       "messages whose exchange had completed (PUBCOMP), with DUP 0",
        "v5": "aedes 0.x speaks MQTT 3.1 and 3.1.1 only",
    }

    def __init__(self):
        self.host = "127.0.0.1"
        self.dir = tempfile.mkdtemp(prefix="mqc-aedes-")
        self.port = free_port()
        self.auth = []
        self.proc = None
        pkg = os.path.join(NPM_DIR, "node_modules", "aedes", "package.json")
        try:
            with open(pkg) as f:
                self.version = "aedes " + json.load(f)["version"]
        except OSError:
            raise RuntimeError(f"aedes not installed in {NPM_DIR} (run scripts/deps.sh interop)")
        node = subprocess.run(["node", "--version"], capture_output=True, text=True)
        self.version += f" (Node.js {node.stdout.strip()})"
        self.script = os.path.join(self.dir, "server.js")
        with open(self.script, "w") as f:
            f.write(AEDES_SERVER)

    def start(self):
        env = dict(os.environ, NODE_PATH=os.path.join(NPM_DIR, "node_modules"))
        self._spawn(["node", self.script, str(self.port)], env=env)
        return self

    def log(self):
        return _tail(self.out_path, 60)

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


ALL = {"mosquitto": MosquittoBroker, "rabbitmq": RabbitMQ, "ejabberd": Ejabberd,
       "aedes": Aedes}
