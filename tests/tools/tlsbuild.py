"""The mbed TLS variant of the mqc CLI for the TLS tests: configured and built
(MQC_TLS=mbedtls) in MQC_BUILD/tls-mbedtls, under a lock, so tests running in
parallel share one build. libmqc.so is built too: it links with
--no-undefined, so a library the backend leaves out fails here."""
import fcntl
import os
import subprocess


def mbedtls_cli():
    src, build = os.environ["MQC_SOURCE"], os.environ["MQC_BUILD"]
    out = os.path.join(build, "tls-mbedtls")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, ".build-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for cmd in (["cmake", "-S", src, "-B", out, "-DMQC_TLS=mbedtls",
                     "-DMQC_BUILD_TESTS=OFF"],
                    ["cmake", "--build", out, "-j", "2", "--target", "mqc_cli", "mqc_shared"]):
            r = subprocess.run(cmd, capture_output=True)
            if r.returncode != 0:
                raise RuntimeError("%s failed:\n%s%s" % (" ".join(cmd), r.stdout.decode(),
                                                         r.stderr.decode()))
    return os.path.join(out, "mqc")
