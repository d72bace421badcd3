"""A throwaway PKI for the TLS tests, made with the openssl command.

    pki = Pki(dir)           # ca, other_ca, server (localhost, 127.0.0.1),
                             # expired, wrong_name, client, client_enc (password)
    pki.path("server.crt")

Every certificate is an EC P-256 one (fast to make). The expired one is
issued by `openssl ca` with dates in the past (no clock tricks).
"""
import os
import subprocess

CLIENT_KEY_PASSWORD = "mqc-secret"


def _run(args, cwd):
    r = subprocess.run(["openssl"] + args, cwd=cwd, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("openssl %s failed: %s" % (" ".join(args), r.stderr.decode()))


def broker_pki(parent):
    """A Pki in PARENT/pki that Mosquitto can read: the broker runs as its own
    user, so PARENT (a temporary directory of the test's), the PKI directory
    and its files are made world-readable."""
    os.chmod(parent, 0o755)
    pki = Pki(os.path.join(parent, "pki"))
    os.chmod(pki.dir, 0o755)
    for f in os.listdir(pki.dir):
        os.chmod(pki.path(f), 0o644)
    return pki


class Pki:
    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self._ca("ca", "mqc test CA")
        self._ca("other_ca", "mqc other CA")
        self._leaf("server", "localhost", "DNS:localhost,IP:127.0.0.1", server=True)
        self._leaf("wrong_name", "wrong.example", "DNS:wrong.example", server=True)
        # One name each: a broker list checks each broker against its own name.
        self._leaf("name_only", "localhost", "DNS:localhost", server=True)
        self._leaf("ip_only", "127.0.0.1", "IP:127.0.0.1", server=True)
        self._leaf("client", "mqc-client", None, server=False)
        self._expired("expired", "localhost", "DNS:localhost,IP:127.0.0.1")
        # PEM encryption (DEK-Info AES-256-CBC): what both OpenSSL and
        # mbed TLS 2.28 decrypt (its PKCS#8 knows DES ciphers only).
        _run(["pkey", "-in", "client.key", "-traditional", "-aes256", "-passout",
              "pass:" + CLIENT_KEY_PASSWORD, "-out", "client_enc.key"], self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def _key(self, name):
        _run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-out", name + ".key"], self.dir)

    def _ca(self, name, cn):
        self._key(name)
        _run(["req", "-x509", "-new", "-key", name + ".key", "-out", name + ".crt",
              "-days", "2", "-subj", "/CN=" + cn,
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign"], self.dir)

    def _ext(self, name, san, server):
        lines = ["basicConstraints=CA:FALSE",
                 "extendedKeyUsage=" + ("serverAuth" if server else "clientAuth")]
        if san:
            lines.append("subjectAltName=" + san)
        path = name + ".ext"
        with open(os.path.join(self.dir, path), "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def _leaf(self, name, cn, san, server):
        self._key(name)
        _run(["req", "-new", "-key", name + ".key", "-out", name + ".csr",
              "-subj", "/CN=" + cn], self.dir)
        _run(["x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
              "-CAcreateserial", "-out", name + ".crt", "-days", "2",
              "-extfile", self._ext(name, san, server)], self.dir)

    def _expired(self, name, cn, san):
        """Valid 2020-01-01 to 2020-01-02: `openssl ca` takes explicit dates."""
        self._key(name)
        _run(["req", "-new", "-key", name + ".key", "-out", name + ".csr",
              "-subj", "/CN=" + cn], self.dir)
        cadir = os.path.join(self.dir, "ca_db")
        os.makedirs(cadir, exist_ok=True)
        open(os.path.join(cadir, "index.txt"), "w").close()
        with open(os.path.join(cadir, "serial"), "w") as f:
            f.write("1000\n")
        conf = os.path.join(self.dir, "ca.cnf")
        with open(conf, "w") as f:
            f.write("[ca]\ndefault_ca=mqc\n[mqc]\n"
                    f"dir={cadir}\ndatabase=$dir/index.txt\nserial=$dir/serial\n"
                    "new_certs_dir=$dir\ndefault_md=sha256\npolicy=anything\n"
                    "unique_subject=no\ncopy_extensions=none\n"
                    "[anything]\ncommonName=supplied\n"
                    f"[ext]\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                    f"subjectAltName={san}\n")
        _run(["ca", "-batch", "-config", conf, "-in", name + ".csr", "-out", name + ".crt",
              "-cert", "ca.crt", "-keyfile", "ca.key", "-extensions", "ext",
              "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext"],
             self.dir)
