"""The installed library, as a user's build sees it.

Installs the build into a temporary prefix (cmake --install, what `make
install PREFIX=...` runs) and checks every file of INSTALLED, the soname, and
that the shared library (nm -D) and the static one (nm -g) give exactly the
functions of mqc.h, so no symbol without the mqc_ prefix. Then builds each program of PROGRAMS (the README's
library example, and each examples/*.c with the flags of its row) each way
of WAYS (pkg-config, pkg-config --static, find_package(mqc) with mqc::mqc and
mqc::mqc_static, the amalgamation), checks what it linked, and runs it
against a private Mosquitto: each completes a QoS 2 publish and a
subscription. A program whose loop library is missing is skipped with the
package to install; an examples/*.c without a row fails. Last, a DESTDIR
install, the Debian package (make package), and the uninstall script (make
uninstall) removing all it wrote.
The build's own install_manifest.txt is put back as it was.
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
BUILD = os.environ.get("MQC_BUILD", os.path.dirname(os.environ["MQC"]))
RESULTS = {"passed": 0, "failed": 0}
CC = shutil.which("cc") or shutil.which("gcc")
VERSION = re.search(r'#define MQC_VERSION_STRING "([^"]+)"',
                    open(os.path.join(SRC, "include/mqc.h")).read()).group(1)
SOMAJOR = "0"

# Under the prefix; {libdir} is where libmqc.a went (lib, or lib/<multiarch>).
INSTALLED = [
    "bin/mqc",
    "include/mqc.h",
    "{libdir}/libmqc.a",
    "{libdir}/libmqc.so",
    f"{{libdir}}/libmqc.so.{SOMAJOR}",
    f"{{libdir}}/libmqc.so.{VERSION}",
    "{libdir}/pkgconfig/mqc.pc",
    "{libdir}/cmake/mqc/mqcConfig.cmake",
    "{libdir}/cmake/mqc/mqcConfigVersion.cmake",
    "{libdir}/cmake/mqc/mqcTargets.cmake",
    "share/man/man1/mqc.1",
    "share/man/man3/mqc.3",
] + ([f"include/{h}" for h in sorted(os.listdir(os.path.join(SRC, "adapters"))) if h.endswith(".h")]
      if os.path.isdir(os.path.join(SRC, "adapters")) else [])

README_LINES = ["connected, session present 0",
                "subscribed: 1 filter(s), first granted 0x02",
                "demo/hello: hi (QoS 2)",
                "message 1: PUBCOMP received"]
ROUNDTRIP_COUNT = 20
# The adapter examples' round trip (examples/roundtrip.h): COUNT QoS 2
# messages published to TOPIC, each printed once as it comes back.
# Built with the feature macros examples/CMakeLists.txt gives them (<uv.h>
# needs POSIX types under -std=c11).
ROUNDTRIP = {"args": ["{host}", "{port}", "{topic}", str(ROUNDTRIP_COUNT), "30"],
             "expect": [str(i) for i in range(ROUNDTRIP_COUNT)], "any_order": True,
             "cflags": ["-D_POSIX_C_SOURCE=200809L", "-D_DEFAULT_SOURCE"]}
# Each program built against the library: its source, include directories
# ({adapters}: the installed include dir, or the tree's adapters/ for the
# amalgamation), libraries, the header + package its loop library needs.
PROGRAMS = [
    {"name": "README example", "src": None, "args": [], "expect": README_LINES},
    dict(ROUNDTRIP, name="examples/poll.c", src="examples/poll.c",
         incs=["{examples}", "{adapters}"]),
    dict(ROUNDTRIP, name="examples/poll.c --epoll", src="examples/poll.c",
         incs=["{examples}", "{adapters}"], pre_args=["--epoll"]),
    dict(ROUNDTRIP, name="examples/uv.c", src="examples/uv.c", incs=["{examples}", "{adapters}"],
         libs=["-luv"], needs=("uv.h", "libuv1-dev")),
    dict(ROUNDTRIP, name="examples/ev.c", src="examples/ev.c", incs=["{examples}", "{adapters}"],
         libs=["-lev"], needs=("ev.h", "libev-dev")),
]
# (name, how it links: "pkg-config" | "cmake" | "amalgamation", static?)
WAYS = [
    ("pkg-config", "pkg-config", False),
    ("pkg-config --static", "pkg-config", True),
    ("find_package mqc::mqc", "cmake", False),
    ("find_package mqc::mqc_static", "cmake", True),
    ("amalgamation", "amalgamation", True),
]
WARN = ["-std=c11", "-Wall", "-Wextra", "-Werror"]
CMAKE_PROJECT = """cmake_minimum_required(VERSION 3.16)
project(mqc_user C)
find_package(mqc {version} REQUIRED)
add_executable(prog ${{PROG_SOURCES}})
set_target_properties(prog PROPERTIES C_STANDARD 11)
target_compile_options(prog PRIVATE -Wall -Wextra -Werror)
target_include_directories(prog PRIVATE ${{PROG_INCLUDES}})
target_link_libraries(prog PRIVATE mqc::${{MQC_TARGET}} ${{PROG_LIBS}})
"""


def check(name, cond, detail=""):
    RESULTS["passed" if cond else "failed"] += 1
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + ("" if cond else f": {detail}"))


def run(cmd, **kw):
    kw.setdefault("timeout", 300)
    return subprocess.run(cmd, capture_output=True, **kw)


def needed(exe):
    r = run(["readelf", "-d", exe])
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", r.stdout.decode())


def install(prefix, env=None):
    r = run(["cmake", "--install", BUILD, "--prefix", prefix], env=env)
    check(f"cmake --install --prefix {prefix}" + (" (DESTDIR)" if env else ""),
          r.returncode == 0, (r.stdout + r.stderr).decode()[-1500:])
    manifest = os.path.join(BUILD, "install_manifest.txt")
    return open(manifest).read().split() if os.path.exists(manifest) else []


def check_files(prefix, manifest):
    libs = [f for f in manifest if f.endswith("/libmqc.a")]
    check("the manifest lists libmqc.a", len(libs) == 1, manifest)
    if not libs:
        return None
    libdir = os.path.relpath(os.path.dirname(libs[0]), prefix)
    for path in INSTALLED:
        path = path.format(libdir=libdir)
        check(f"installed: {path}", os.path.isfile(os.path.join(prefix, path)))
    lib = os.path.join(prefix, libdir)
    check(f"libmqc.so -> libmqc.so.{SOMAJOR} -> libmqc.so.{VERSION}",
          os.readlink(os.path.join(lib, "libmqc.so")) == f"libmqc.so.{SOMAJOR}" and
          os.readlink(os.path.join(lib, f"libmqc.so.{SOMAJOR}")) == f"libmqc.so.{VERSION}")
    r = run(["readelf", "-d", os.path.join(lib, "libmqc.so")])
    check(f"soname libmqc.so.{SOMAJOR}",
          f"Library soname: [libmqc.so.{SOMAJOR}]" in r.stdout.decode(), r.stdout.decode()[:500])
    r = run([os.path.join(prefix, "bin/mqc"), "--version"])
    check("the installed mqc runs", r.returncode == 0 and VERSION in r.stdout.decode(), r)
    if shutil.which("man"):
        for section in ("1", "3"):
            r = run(["man", "-w", "-M", os.path.join(prefix, "share/man"), section, "mqc"])
            check(f"man finds mqc({section}) under the prefix",
                  r.returncode == 0 and r.stdout.decode().startswith(prefix), r)
    return lib


# (library, how nm lists what it gives a program): both give exactly mqc.h's functions.
EXPORTS = [
    ("libmqc.so", ["nm", "-D", "--defined-only"]),
    ("libmqc.a", ["nm", "-g", "--defined-only"]),
]


def public_functions():
    """The functions include/mqc.h declares (not its function-like macros)."""
    header = re.sub(r"/\*.*?\*/", "", open(os.path.join(SRC, "include/mqc.h")).read(), flags=re.S)
    macros = set(re.findall(r"#define (mqc_[a-z0-9_]+)\(", header))
    return set(re.findall(r"\b(mqc_[a-z0-9_]+)\s*\((?!\s*\*)", header)) - macros


def check_exports(lib):
    api = public_functions()
    for name, nm in EXPORTS:
        r = run(nm + [os.path.join(lib, name)])
        # "ADDRESS TYPE NAME" lines; an archive adds "member.o:" headers.
        names = [f[2] for f in (line.split() for line in r.stdout.decode().splitlines()) if len(f) == 3]
        what = " ".join(nm + [name])
        check(f"{what} lists the exports", r.returncode == 0 and len(names) > 50, names)
        foreign = [n for n in names if not n.startswith("mqc_")]
        check(f"{what}: every symbol has the mqc_ prefix ({len(names)})", not foreign, foreign)
        check(f"{name} gives every function of mqc.h", api <= set(names), sorted(api - set(names)))
        check(f"{name} gives nothing mqc.h does not declare (internal mqc_wire_*, ...)",
              set(names) <= api, sorted(set(names) - api))


def program_source(prog, tmp, port):
    """The program's source file; the README example is extracted and pointed at the broker."""
    if prog["src"]:
        return os.path.join(SRC, prog["src"])
    blocks = re.findall(r"```c\n(.*?)```", open(os.path.join(SRC, "README.md")).read(), re.S)
    check("README.md has a C example that sets opts.host",
          blocks and 'opts.host = "localhost";' in blocks[0])
    path = os.path.join(tmp, "readme_example.c")
    with open(path, "w") as f:
        f.write(blocks[0].replace('opts.host = "localhost";',
                                  f'opts.host = "127.0.0.1"; opts.port = {port};') if blocks else "")
    return path


def loop_library_missing(prog, tmp):
    if "needs" not in prog:
        return None
    header, package = prog["needs"]
    probe = os.path.join(tmp, "probe.c")
    with open(probe, "w") as f:
        f.write(f"#include <{header}>\nint main(void) {{ return 0; }}\n")
    r = run([CC, probe] + prog.get("libs", []) + ["-o", probe + ".out"])
    return None if r.returncode == 0 else f"<{header}> or {' '.join(prog['libs'])} not found (apt-get install {package})"


def build(way, prog, src, ctx):
    """Builds prog one way; returns (executable or None, what went wrong)."""
    name, kind, static = way
    out = os.path.join(ctx["tmp"], re.sub(r"\W+", "_", f"{prog['name']}_{name}"))
    incs = [i.format(examples=os.path.join(SRC, "examples"),
                     adapters=os.path.join(SRC, "adapters") if kind == "amalgamation"
                     else os.path.join(ctx["prefix"], "include")) for i in prog.get("incs", [])]
    libs = prog.get("libs", [])
    san = ctx["san"] + prog.get("cflags", [])
    srcs = [src] + prog.get("extra", [])
    if kind == "pkg-config":
        pc = run(["pkg-config", "--cflags", "--libs"] + (["--static"] if static else []) + ["mqc"],
                 env=ctx["pc_env"])
        if pc.returncode:
            return None, pc.stderr.decode()
        flags = pc.stdout.decode().split()
        if static:   # -Bstatic takes libmqc.a for -lmqc; the TLS libraries stay shared
            flags = ["-Wl,-Bstatic", "-lmqc", "-Wl,-Bdynamic"] + [f for f in flags if f != "-lmqc"]
        cmd = [CC] + WARN + san + ["-I" + i for i in incs] + srcs + flags + libs + \
              ["-Wl,-rpath," + ctx["lib"], "-o", out]
    elif kind == "amalgamation":
        cmd = [CC] + WARN + san + ["-I" + ctx["dist"]] + ["-I" + i for i in incs] + \
              srcs + [os.path.join(ctx["dist"], "mqc.c")] + libs + ctx["tls_libs"] + ["-o", out]
    else:
        proj = out + ".cmake"
        os.makedirs(proj, exist_ok=True)
        with open(os.path.join(proj, "CMakeLists.txt"), "w") as f:
            f.write(CMAKE_PROJECT.format(version=VERSION.rsplit(".", 1)[0]))
        target = "mqc_static" if static else "mqc"
        r = run(["cmake", "-S", proj, "-B", proj + "/b", "-DCMAKE_PREFIX_PATH=" + ctx["prefix"],
                 "-DMQC_TARGET=" + target, "-DPROG_SOURCES=" + ";".join(srcs), "-DPROG_INCLUDES=" + ";".join(incs),
                 "-DPROG_LIBS=" + ";".join(libs), "-DCMAKE_C_FLAGS=" + " ".join(san)])
        if r.returncode:
            return None, (r.stdout + r.stderr).decode()[-1500:]
        found = re.search(r"^mqc_DIR:PATH=(.*)$", open(proj + "/b/CMakeCache.txt").read(), re.M)
        want = os.path.join(ctx["lib"], "cmake", "mqc")
        if not found or os.path.realpath(found.group(1)) != os.path.realpath(want):
            return None, f"find_package found {found and found.group(1)}, not {want}"
        r = run(["cmake", "--build", proj + "/b"])
        if r.returncode:
            return None, (r.stdout + r.stderr).decode()[-1500:]
        shutil.copy(proj + "/b/prog", out)
        cmd = None
    if cmd:
        r = run(cmd)
        if r.returncode:
            return None, (" ".join(cmd) + "\n" + r.stderr.decode())[-1500:]
    shared = any(n.startswith("libmqc.so") for n in needed(out))
    if shared == static:
        return None, f"linked {'libmqc.so' if shared else 'no libmqc.so'}: NEEDED {needed(out)}"
    return out, ""


def run_program(prog, exe, broker, way):
    topic = "install/" + re.sub(r"\W+", "-", f"{way}-{prog['name']}")
    args = [a.format(host="127.0.0.1", port=broker.port, topic=topic) for a in prog["args"]]
    r = run([exe] + prog.get("pre_args", []) + args, timeout=60)
    got = r.stdout.decode().splitlines()
    if prog.get("any_order"):
        ok = sorted(got, key=lambda s: (len(s), s)) == prog["expect"]
    else:
        ok = got == prog["expect"]
    return r.returncode == 0 and ok, (r.returncode, got[:30], r.stderr.decode()[-800:])


def clash_source(tmp, api):
    """A file defining, as the program's own, every other global name of the
    build's archives (client_read, backoff_next, mqcs_emit, mqc_wire_put, ...)."""
    names = set()
    for archive in ("libmqc.a", "libmqc_core.a"):
        r = run(["nm", "-g", "--defined-only", os.path.join(BUILD, archive)])
        names.update(f[2] for f in (line.split() for line in r.stdout.decode().splitlines())
                     if len(f) == 3)
    # C names only: not the compiler's own (ASan's "__odr_asan.x", "__bss_start").
    internal = sorted(n for n in names - api if re.fullmatch(r"[A-Za-z]\w*", n))
    path = os.path.join(tmp, "own_names.c")
    with open(path, "w") as f:
        f.write("".join(f"int {n} = 1;\n" for n in internal))
    return path, len(internal)


def check_programs(ctx):
    rows = {p["src"] for p in PROGRAMS if p["src"]}
    examples = os.path.join(SRC, "examples")
    present = sorted(f"examples/{n}" for n in os.listdir(examples) if n.endswith(".c")) \
        if os.path.isdir(examples) else []
    for path in present:
        check(f"{path} has a row in PROGRAMS (its flags and expected output)", path in rows)
    own, count = clash_source(ctx["tmp"], ctx["api"])
    check(f"the library has internal global names to clash with ({count})", count > 20, count)
    # The installed libraries hide them; the amalgamation, one file of the tree, does not.
    clash = dict(PROGRAMS[0], name=f"README example defining the library's {count} internal names",
                 extra=[own], ways=[w for w in WAYS if w[1] != "amalgamation"])
    with Mosquitto() as broker:
        for prog in PROGRAMS + [clash]:
            if prog["src"] and prog["src"] not in present:
                print(f"note {prog['name']}: not in this tree")
                continue
            missing = loop_library_missing(prog, ctx["tmp"])
            if missing:
                print(f"SKIP {prog['name']}, every way: {missing}")
                continue
            src = program_source(prog, ctx["tmp"], broker.port)
            for way in prog.get("ways", WAYS):
                exe, why = build(way, prog, src, ctx)
                check(f"{prog['name']} builds via {way[0]}", exe is not None, why)
                if exe:
                    ok, detail = run_program(prog, exe, broker, way[0])
                    check(f"{prog['name']} via {way[0]}: QoS 2 publish and subscription complete",
                          ok, detail)


def check_destdir(tmp):
    stage = os.path.join(tmp, "stage")
    manifest = install("/opt/mqc-test", env=dict(os.environ, DESTDIR=stage))
    pcs = [stage + f for f in manifest if f.endswith("/mqc.pc")]
    pc = pcs[0] if pcs else os.path.join(stage, "opt/mqc-test/lib/pkgconfig/mqc.pc")
    check("DESTDIR: everything lands under DESTDIR (the manifest names it without)",
          manifest and all(f.startswith("/opt/mqc-test/") and os.path.lexists(stage + f)
                           for f in manifest), manifest[:5])
    check("DESTDIR: mqc.pc names the prefix, not DESTDIR",
          os.path.exists(pc) and "prefix=/opt/mqc-test\n" in open(pc).read())
    return manifest


def check_uninstall(prefix, manifest, what, env=None):
    listing = os.path.join(os.path.dirname(prefix), "manifest-" + what)
    with open(listing, "w") as f:
        f.write("\n".join(manifest) + "\n")
    r = run(["cmake", "-DMANIFEST=" + listing, "-P", os.path.join(SRC, "cmake/uninstall.cmake")],
            env=env)
    left = [os.path.join(d, f) for d, _, files in os.walk(prefix) for f in files]
    check(f"uninstall ({what}) removes every file it installed",
          r.returncode == 0 and manifest and not left, (r.stderr.decode()[-500:], left))


def check_debian_package(tmp):
    """The cpack Debian package (make package): every file of INSTALLED under /usr."""
    if not shutil.which("dpkg-deb") or not shutil.which("cpack"):
        print("SKIP the Debian package: dpkg-deb or cpack is not installed")
        return
    out = os.path.join(tmp, "deb")
    r = run(["cpack", "-G", "DEB", "-B", out], cwd=BUILD)
    debs = [f for f in os.listdir(out) if f.endswith(".deb")] if os.path.isdir(out) else []
    check("cpack -G DEB makes one package", r.returncode == 0 and len(debs) == 1,
          (r.stdout + r.stderr).decode()[-1500:])
    if len(debs) != 1:
        return
    deb = os.path.join(out, debs[0])
    fields = run(["dpkg-deb", "-f", deb, "Package", "Version"]).stdout.decode()
    check("it is mqc " + VERSION, f"Package: mqc\nVersion: {VERSION}\n" in fields, fields)
    listing = run(["dpkg-deb", "-c", deb]).stdout.decode()
    files = {line.split()[5].lstrip(".") for line in listing.splitlines() if len(line.split()) >= 6}
    libs = [f for f in files if f.endswith("/libmqc.a")]
    libdir = os.path.relpath(os.path.dirname(libs[0]), "/usr") if libs else "lib"
    want = {"/usr/" + p.format(libdir=libdir) for p in INSTALLED}
    check("it holds every installed file under /usr", want <= files, sorted(want - files))
    root = os.path.join(out, "root")
    run(["dpkg-deb", "-x", deb, root])
    pc = os.path.join(root, "usr", libdir, "pkgconfig/mqc.pc")
    check("its mqc.pc names prefix /usr", os.path.exists(pc) and "prefix=/usr\n" in open(pc).read())


def main():
    tmp = tempfile.mkdtemp(prefix="mqc-install-")
    manifest_path = os.path.join(BUILD, "install_manifest.txt")
    saved = open(manifest_path, "rb").read() if os.path.exists(manifest_path) else None
    try:
        prefix = os.path.join(tmp, "prefix")
        manifest = install(prefix)
        lib = check_files(prefix, manifest)
        if lib:
            check_exports(lib)
            dist = os.path.join(tmp, "dist")
            tls = cbuild.tls_backend()
            tls_libs = cbuild.TLS_LIBS[tls]
            r = run([sys.executable, os.path.join(SRC, "scripts/amalgamate.py"), "--out", dist,
                     "--tls", tls])
            check("the amalgamation is written", r.returncode == 0, r.stderr.decode())
            ctx = {"tmp": tmp, "prefix": prefix, "lib": lib, "dist": dist, "san": cbuild.sanitizer_flags(),
                   "api": public_functions(), "tls_libs": tls_libs,
                   "pc_env": dict(os.environ, PKG_CONFIG_PATH=os.path.join(lib, "pkgconfig"))}
            r = run(["pkg-config", "--modversion", "mqc"], env=ctx["pc_env"])
            check("pkg-config --modversion mqc", r.stdout.decode().strip() == VERSION, r)
            check_programs(ctx)
        check_uninstall(prefix, manifest, "prefix")
        check_debian_package(tmp)
        stage = os.path.join(tmp, "stage")
        check_uninstall(stage, check_destdir(tmp), "DESTDIR", env=dict(os.environ, DESTDIR=stage))
    except subprocess.TimeoutExpired as e:
        check("finished in time", False, repr(e))
    finally:
        if saved is None:
            if os.path.exists(manifest_path):
                os.remove(manifest_path)
        else:
            with open(manifest_path, "wb") as f:
                f.write(saved)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
