"""The amalgamation (scripts/amalgamate.py, `make amalgamation`): written
from the tree, the same bytes every time, with the TLS backend the build
has (and each other one); dist/mqc.c builds alone with
-Wall -Wextra -Werror in each row of COMPILES (compilers, standards, build
knobs); dist/mqc_core.c has nothing of the client and builds freestanding
for Cortex-M; a static name in two files is refused; and the unit tests of tests/unit, compiled against dist/mqc.c
instead of the tree's libraries (tests/amalgamation/CMakeLists.txt), pass.
Prints "N passed, M failed" last; exits 1 on failure."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ["MQC_SOURCE"]
BUILD = os.environ.get("MQC_BUILD", os.path.dirname(os.environ["MQC"]))
RESULTS = {"passed": 0, "failed": 0}
BACKENDS = ("openssl", "mbedtls", "none")


def build_tls():
    """The TLS backend the build was configured with (CMake MQC_TLS; off = none)."""
    cache = os.path.join(BUILD, "CMakeCache.txt")
    m = os.path.exists(cache) and re.search(r"^MQC_TLS:STRING=(\w+)$", open(cache).read(), re.M)
    tls = m.group(1) if m else "openssl"
    return "none" if tls == "off" else tls


TLS = build_tls()

# (compiler, file, flags): each must compile dist/<file> with no other input;
# tls-X/ holds the amalgamation written with --tls X (X's headers must be installed).
STRICT = ["-Wall", "-Wextra", "-Werror"]
COMPILES = [
    ("cc", "mqc.c", STRICT),
    ("cc", "mqc.c", STRICT + ["-std=c11", "-pedantic", "-Wshadow", "-Wstrict-prototypes",
                              "-Wmissing-prototypes", "-O2"]),
    ("cc", "mqc.c", STRICT + ["-DMQC_ENABLE_V5=0"]),
    ("cc", "mqc.c", STRICT + ["-DMQC_CODEC_SERVER=0", "-DMQC_ENABLE_DURABLE=0",
                              "-DMQC_ENABLE_ERROR_TEXT=0"]),
    ("clang", "mqc.c", STRICT),
    ("cc", "tls-none/mqc.c", STRICT),
    ("cc", "tls-mbedtls/mqc.c", STRICT),
    ("cc", "tls-openssl/mqc.c", STRICT),
    ("cc", "mqc_core.c", STRICT + ["-std=c99", "-pedantic"]),
    ("cc", "mqc_core.c", STRICT + ["-std=c99", "-ffreestanding", "-DMQC_NO_STDLIB_HEAP"]),
    ("arm-none-eabi-gcc", "mqc_core.c", STRICT + ["-std=c99", "-pedantic", "-ffreestanding",
                                                  "-mcpu=cortex-m4", "-mthumb", "-Os",
                                                  "-DMQC_NO_STDLIB_HEAP"]),
    ("arm-none-eabi-gcc", "mqc_core.c", STRICT + ["-std=c99", "-ffreestanding", "-mcpu=cortex-m0",
                                                  "-mthumb", "-Os", "-DMQC_ENABLE_V5=0",
                                                  "-DMQC_NO_STDLIB_HEAP"]),
]
# Calls of the POSIX runtime that must not be in the core-only pair.
POSIX_NAMES = ["socket", "getaddrinfo", "poll", "clock_gettime", "mqc_client_", "fsync", "open"]


def check(name, cond, detail=""):
    RESULTS["passed" if cond else "failed"] += 1
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + ("" if cond else f": {detail}"))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=kw.pop("timeout", 300), **kw)


def amalgamate(out, tls=TLS):
    r = run([sys.executable, os.path.join(SRC, "scripts/amalgamate.py"), "--out", out, "--tls", tls])
    check(f"amalgamate.py writes {out}", r.returncode == 0, r.stderr.decode())
    return {n: open(os.path.join(out, n), "rb").read() for n in sorted(os.listdir(out))}


def check_generation(tmp):
    first = amalgamate(os.path.join(tmp, "a"))
    second = amalgamate(os.path.join(tmp, "b"))
    check("it writes mqc.c, mqc.h, mqc_core.c, mqc_core.h",
          sorted(first) == ["mqc.c", "mqc.h", "mqc_core.c", "mqc_core.h"], sorted(first))
    check(f"mqc.c names its TLS backend ({TLS})", f"TLS backend: {TLS}".encode() in first.get("mqc.c", b""))
    check("the same bytes every time", first == second)
    header = open(os.path.join(SRC, "include/mqc.h"), "rb").read()
    check("dist/mqc.h is include/mqc.h under a 'generated' banner",
          first.get("mqc.h", b"").endswith(header) and b"Do not edit" in first["mqc.h"])
    core_h = first.get("mqc_core.h", b"").decode()
    check("dist/mqc_core.h declares the core, not the client",
          "mqc_session_new(" in core_h and "mqc_store_mem_new(" in core_h
          and not re.search(r"\b(mqc_client_\w+|mqc_store_file_open)\(", core_h))
    full, core = first.get("mqc.c", b"").decode(), first.get("mqc_core.c", b"").decode()
    for layer in ("client", "transport"):
        for path in sorted(os.listdir(os.path.join(SRC, "src", layer))):
            if path.endswith(".c"):
                other = re.fullmatch(r"tls_(\w+)\.c", path) and path != f"tls_{TLS}.c" \
                    and path[4:-2] in BACKENDS
                mark = f"/* ---- src/{layer}/{path} ---- */"
                check(f"mqc.c {'leaves out' if other else 'holds'} src/{layer}/{path}",
                      (mark in full) != bool(other))
    for layer in ("common", "codec", "session", "store"):
        for path in sorted(os.listdir(os.path.join(SRC, "src", layer))):
            if path.endswith(".c"):
                mark = f"/* ---- src/{layer}/{path} ---- */"
                check(f"mqc.c and mqc_core.c hold src/{layer}/{path}", mark in full and mark in core)
    used = [n for n in POSIX_NAMES if re.search(r"\b" + re.escape(n) + (r"" if n.endswith("_") else r"\s*\("), core)]
    check("mqc_core.c calls nothing of POSIX", not used and "src/client/" not in core, used)
    check("no quoted include is left but the unit's own header",
          re.findall(r'#\s*include\s+"([^"]+)"', full) == ["mqc.h"]
          and re.findall(r'#\s*include\s+"([^"]+)"', core) == ["mqc_core.h"])
    for tls in BACKENDS:
        amalgamate(os.path.join(tmp, "a", "tls-" + tls), tls)
    return os.path.join(tmp, "a")


def check_refuses_clash(tmp):
    """A copy of the tree with one static name in two files: the script refuses it."""
    tree = os.path.join(tmp, "tree")
    for d in ("scripts", "include", "src"):
        shutil.copytree(os.path.join(SRC, d), os.path.join(tree, d))
    for path in ("src/codec/utf8.c", "src/store/store_mem.c"):
        with open(os.path.join(tree, path), "a") as f:
            f.write("\nstatic int clash_probe;\n")
    r = run([sys.executable, os.path.join(tree, "scripts/amalgamate.py"), "--out",
             os.path.join(tmp, "clash")])
    err = r.stderr.decode()
    check("a static name in two files is refused, naming both",
          r.returncode != 0 and "clash_probe" in err and "src/codec/utf8.c" in err
          and "src/store/store_mem.c" in err, (r.returncode, err))


def check_compiles(dist, tmp):
    for compiler, name, flags in COMPILES:
        what = f"{compiler} {' '.join(flags)} -c dist/{name}"
        cc = shutil.which(compiler)
        if not cc:
            print(f"SKIP {what}: {compiler} is not installed (scripts/deps.sh size installs it)")
            continue
        header = {"tls-openssl": "openssl/ssl.h", "tls-mbedtls": "mbedtls/ssl.h"}.get(os.path.dirname(name))
        if header and run([cc, "-E", "-x", "c", "-"], input=f"#include <{header}>\n".encode()).returncode:
            print(f"SKIP {what}: <{header}> is not installed")
            continue
        r = run([cc] + flags + ["-c", os.path.join(dist, name), "-o", os.path.join(tmp, "x.o")])
        check(what, r.returncode == 0, r.stderr.decode()[-1500:])


def check_unit_tests(dist, tmp):
    build = os.path.join(tmp, "unit-build")
    r = run(["cmake", "-S", os.path.join(SRC, "tests/amalgamation"), "-B", build,
             "-DMQC_SOURCE=" + SRC, "-DMQC_DIST=" + dist, "-DMQC_TLS=" + TLS])
    check("the amalgamation's unit-test build configures", r.returncode == 0, r.stderr.decode())
    if r.returncode:
        return
    r = run(["cmake", "--build", build, "-j", "2"], timeout=900)
    check("the unit tests build against dist/mqc.c", r.returncode == 0,
          (r.stdout + r.stderr).decode()[-2000:])
    if r.returncode:
        return
    # What it compiled: dist/mqc.c and the tests, never a source of the tree's libraries.
    compiled = [e["file"] for e in json.load(open(os.path.join(build, "compile_commands.json")))]
    tree_libs = [f for f in compiled if os.path.realpath(f).startswith(os.path.realpath(SRC) + "/src/")]
    check("it compiles dist/mqc.c and no file of src/",
          os.path.join(dist, "mqc.c") in compiled and not tree_libs, tree_libs)
    units = sorted(n[:-2] for n in os.listdir(os.path.join(SRC, "tests/unit"))
                   if n.startswith("test_") and n.endswith(".c"))
    for name in units:
        link = open(os.path.join(build, "CMakeFiles", f"{name}.dir", "link.txt")).read()
        check(f"{name} links the amalgamation's object and no library of the tree",
              "mqc_amalgamated.dir" in link and "mqc.c.o" in link and "libmqc" not in link, link)
    r = run(["ctest", "--output-on-failure", "-j", "2"], cwd=build, timeout=900)
    out = r.stdout.decode()
    m = re.search(r"(\d+)% tests passed, (\d+) tests failed out of (\d+)", out)
    check(f"the {len(units)} unit tests pass against the amalgamation",
          r.returncode == 0 and m and m.group(2) == "0" and int(m.group(3)) == len(units),
          out[-3000:])
    if m:
        print(f"     ({m.group(0)})")


def check_make_target(tmp):
    """make amalgamation writes dist/ in the tree: ignored by git (it is generated)."""
    r = run(["git", "-C", SRC, "check-ignore", "-q", "dist/mqc.c"])
    check("dist/ is git-ignored", r.returncode == 0)


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-amalg-")
    try:
        dist = check_generation(tmp)
        check_refuses_clash(tmp)
        check_compiles(dist, tmp)
        check_unit_tests(dist, tmp)
        check_make_target(tmp)
    except subprocess.TimeoutExpired as e:
        check("finished in time", False, repr(e))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
