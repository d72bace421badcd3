"""Compiling a test's own C program against the build under test (MQC_BUILD).

One place knows what a program linking libmqc.a statically needs: the TLS
backend the build was configured with (CMake MQC_TLS) plus libcrypto, which
the SCRAM helper uses whatever the backend, and the sanitizer flags of a
MQC_SANITIZE=ON build, whose objects need the sanitizer runtimes."""
import os
import re
import shutil
import subprocess

SRC = os.environ.get("MQC_SOURCE", os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
BUILD = os.environ.get("MQC_BUILD", os.path.join(SRC, "build"))

TLS_LIBS = {"openssl": ["-lssl", "-lcrypto"],
            "mbedtls": ["-lmbedtls", "-lmbedx509", "-lmbedcrypto", "-lcrypto"],
            "none": ["-lcrypto"]}


def _cache(key):
    path = os.path.join(BUILD, "CMakeCache.txt")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        m = re.search(r"^%s:\w+=(.*)$" % re.escape(key), f.read(), re.M)
    return m.group(1) if m else None


def tls_backend():
    """openssl, mbedtls or none, as src/transport/tls_<backend>.c was chosen."""
    v = _cache("MQC_TLS") or "openssl"
    return {"off": "none"}.get(v, v)


def sanitizer_flags():
    return ["-fsanitize=address,undefined"] if _cache("MQC_SANITIZE") == "ON" else []


def link_libs():
    return ["-L" + BUILD, "-lmqc", "-lmqc_core"] + TLS_LIBS[tls_backend()]


def compile_program(sources, exe, extra=()):
    """cc -std=c11 -Wall -Wextra -Werror SOURCES -o EXE against the build;
    returns the subprocess.CompletedProcess (bytes output)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if isinstance(sources, str):
        sources = [sources]
    cmd = ([cc, "-std=c11", "-Wall", "-Wextra", "-Werror"] + sanitizer_flags() +
           ["-I" + os.path.join(SRC, "include")] + list(extra) + list(sources) +
           link_libs() + ["-o", exe])
    return subprocess.run(cmd, capture_output=True, timeout=120)


def test_program(name, exe):
    """tests/integration/c/NAME.c compiled to EXE."""
    return compile_program(os.path.join(SRC, "tests", "integration", "c", name + ".c"), exe)
