"""A private Mosquitto broker for tests: free loopback port, own config, own dir.

    with Mosquitto(conf=["max_inflight_messages 65534"], persistence=True) as b:
        run_client("127.0.0.1", b.port)
        b.restart()          # graceful (SIGTERM) stop, then start on the same port
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def free_port(host="127.0.0.1"):
    """A TCP port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(host, port, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listens on {host}:{port} after {timeout}s")


class Mosquitto:
    def __init__(self, conf=(), persistence=False, port=None, host="127.0.0.1", log=None):
        self.host = host
        self.port = port or free_port(host)
        self.conf = list(conf)
        self.persistence = persistence
        self.dir = tempfile.mkdtemp(prefix="mqc-mosq-")
        # Mosquitto drops root privileges to the mosquitto user: its
        # persistence directory must be writable by it, or restarts are cold.
        os.chmod(self.dir, 0o777)
        self.log_path = log or os.path.join(self.dir, "mosquitto.log")
        self.proc = None
        self._write_conf()

    def _write_conf(self):
        lines = [
            f"listener {self.port} {self.host}",
            "allow_anonymous true",
            f"log_dest file {self.log_path}",
            "log_type error",
            "log_type warning",
            "log_type notice",
        ]
        if self.persistence:
            lines += ["persistence true", f"persistence_location {self.dir}/",
                      "autosave_interval 1"]
        lines += self.conf
        self.conf_path = os.path.join(self.dir, "mosquitto.conf")
        with open(self.conf_path, "w") as f:
            f.write("\n".join(lines) + "\n")
        open(self.log_path, "a").close()
        os.chmod(self.log_path, 0o666)

    def start(self):
        self.proc = subprocess.Popen([MOSQUITTO, "-c", self.conf_path],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_port(self.host, self.port)
        except RuntimeError:
            self.stop()
            raise RuntimeError("mosquitto did not start; log:\n" + self.log())
        return self

    def stop(self, sig=signal.SIGTERM, timeout=10.0):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self, sig=signal.SIGTERM):
        self.stop(sig)
        self.start()

    def log(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
