"""The library example of README.md, compiled and run against a private
Mosquitto: it must connect, subscribe, publish at QoS 2, see its own message,
get the PUBCOMP completion, disconnect cleanly and exit 0. Keeps the
documented example true and covers mqc_client_run()/mqc_client_poll().
Prints "N passed, M failed" last; exits 1 on failure."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["MQC_SOURCE"], "tests/tools"))
import cbuild  # noqa: E402
from mosq import Mosquitto  # noqa: E402

SRC = os.environ["MQC_SOURCE"]
RESULTS = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    RESULTS["passed" if cond else "failed"] += 1
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + ("" if cond else f": {detail}"))


def main():
    cc = shutil.which("cc") or shutil.which("gcc")
    doc = open(os.path.join(SRC, "README.md")).read()
    blocks = re.findall(r"```c\n(.*?)```", doc, re.S)
    check("README.md has a C example", len(blocks) >= 1)
    if not blocks or not cc:
        print("(no C compiler)" if not cc else "")
    else:
        tmp = tempfile.mkdtemp(prefix="mqc-example-")
        try:
            with Mosquitto() as b:
                code = blocks[0].replace('opts.host = "localhost";',
                                         f'opts.host = "127.0.0.1"; opts.port = {b.port};')
                check("example sets the host where the test can point it", code != blocks[0])
                src = os.path.join(tmp, "example.c")
                exe = os.path.join(tmp, "example")
                open(src, "w").write(code)
                r = cbuild.compile_program(src, exe)
                check("example compiles with -Wall -Wextra -Werror", r.returncode == 0, r.stderr)
                if r.returncode == 0:
                    r = subprocess.run([exe], capture_output=True, timeout=20)
                    want = ["connected, session present 0",
                            "subscribed: 1 filter(s), first granted 0x02",
                            "demo/hello: hi (QoS 2)",
                            "message 1: PUBCOMP received"]
                    got = r.stdout.decode().splitlines()
                    check("example runs: connect, SUBACK, own message, PUBCOMP, exit 0",
                          r.returncode == 0 and got == want, (r.returncode, got, r.stderr))
        except subprocess.TimeoutExpired as e:
            check("example finished in time", False, repr(e))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
