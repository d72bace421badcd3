"""Builds tests/tools/getaddrinfo_shim.c (LD_PRELOAD): one host name that
resolves to several loopback ports, for tests of the client's next-address
rules. env() gives the environment that turns it on."""
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def build(tmp):
    """(path of the .so, "") or (None, why it did not build)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        return None, "no C compiler"
    so = os.path.join(tmp, "getaddrinfo_shim.so")
    r = subprocess.run([cc, "-shared", "-fPIC", "-o", so,
                        os.path.join(HERE, "getaddrinfo_shim.c"), "-ldl"], capture_output=True)
    return (so, "") if r.returncode == 0 else (None, r.stderr.decode(errors="replace"))


def env(so, name, ports, base=None):
    """The environment in which name resolves to 127.0.0.1 at each port, in order."""
    e = dict(os.environ if base is None else base)
    e["LD_PRELOAD"] = so
    e["MQC_TEST_ADDRS"] = name + "=" + ",".join(f"127.0.0.1:{p}" for p in ports)
    return e
