"""The manual pages agree with the program and the header.

mqc(1): every option `mqc CMD --help` lists is in the man page section(s) for
CMD and every option there is in the help (one row per help text below);
every command `mqc --help` names has a row and a section; every flag the
parsers accept (tools/args.c, tools/bench_lib.c) is in the help.
mqc(3): every function (and function-like macro) include/mqc.h and the
event-loop adapters (adapters/*.h) declare is named, and every mqc_ function
named is declared. Both pages format without
groff warnings. Prints "N passed, M failed" last; exits 1 on failure."""
import os
import re
import shutil
import subprocess
import sys

SRC = os.environ["MQC_SOURCE"]
MQC = os.environ["MQC"]
RESULTS = {"passed": 0, "failed": 0}

# (mqc arguments, man page sections listing exactly the options that help shows)
HELP_TEXTS = [
    (["pub", "--help"], ["PUB OPTIONS", "COMMON OPTIONS"]),
    (["sub", "--help"], ["SUB OPTIONS", "COMMON OPTIONS"]),
    (["rr", "--help"], ["RR OPTIONS", "COMMON OPTIONS"]),
    (["bench", "--help"], ["BENCH OPTIONS"]),
    (["bench", "pub", "--help"], ["BENCH OPTIONS"]),
    (["--help"], ["PUB OPTIONS", "SUB OPTIONS", "RR OPTIONS", "COMMON OPTIONS"]),
]
# (parser source, the help text that must list every flag it accepts)
PARSERS = [
    ("tools/args.c", [["pub", "--help"], ["sub", "--help"], ["rr", "--help"]]),
    ("tools/bench_lib.c", [["bench", "--help"]]),
]
OPTION = re.compile(r"(?<![\w-])(--[A-Za-z0-9][\w-]*|-[A-Za-z0-9])(?![\w])")


def check(name, cond, detail=""):
    RESULTS["passed" if cond else "failed"] += 1
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + ("" if cond else f": {detail}"))


def help_text(args):
    r = subprocess.run([MQC] + args, capture_output=True, timeout=10)
    return (r.stdout + r.stderr).decode()


def help_options(text):
    """The flags of the option lines: "  -t, --topic TOPIC   what it does"."""
    opts = set()
    for line in text.splitlines():
        m = re.match(r"^  (-[\w-]+)(?:, (--[\w-]+))?", line)
        if m:
            opts.update(o for o in m.groups() if o)
    return opts


def roff_plain(line):
    return re.sub(r"\\f[BIRP]", "", line).replace("\\-", "-")


def man_sections(path):
    """Section title -> the flags in its .TP tags (subsections included)."""
    sections, cur, tag_next = {}, None, False
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith(".SH "):
            cur = line[4:].strip().strip('"')
            sections[cur] = set()
        elif line.startswith(".TP"):
            tag_next = True
            continue
        elif tag_next and cur:
            sections[cur].update(OPTION.findall(roff_plain(line)))
        tag_next = False
    return sections


def parser_flags(path):
    text = open(os.path.join(SRC, path)).read()
    flags = set(re.findall(r'"(--?[A-Za-z][\w-]*)"', text))
    flags.update("--" + n for n in re.findall(r'\{"([\w-]+)", (?:no|required|optional)_argument', text))
    for optstring in re.findall(r'getopt_long\([^,]+, [^,]+, "([^"]+)"', text):
        flags.update("-" + c for c in optstring if c.isalnum())
    flags.discard("--help")     # how the help is reached, not necessarily in it
    return flags


def check_mqc1():
    page = os.path.join(SRC, "man/mqc.1")
    sections = man_sections(page)
    for args, names in HELP_TEXTS:
        shown = help_options(help_text(args))
        documented = set().union(*(sections.get(n, set()) for n in names))
        missing = [n for n in names if n not in sections]
        check(f"mqc.1 has the sections for `mqc {' '.join(args)}`", not missing, missing)
        check(f"`mqc {' '.join(args)}` lists options", len(shown) > 5, sorted(shown))
        check(f"every option of `mqc {' '.join(args)}` is in mqc.1 ({len(shown)})",
              shown <= documented, sorted(shown - documented))
        check(f"every option mqc.1 has for `mqc {' '.join(args)}` is in its help",
              documented <= shown, sorted(documented - shown))
    commands = re.findall(r"^(?:Usage:)?\s+mqc (\w+)", help_text(["--help"]), re.M)
    check("`mqc --help` names its commands", {"pub", "sub", "rr", "bench"} <= set(commands), commands)
    for cmd in sorted(set(commands)):
        check(f"command {cmd}: a row here and a section '{cmd.upper()} OPTIONS' in mqc.1",
              any(args[0] == cmd for args, _ in HELP_TEXTS)
              and f"{cmd.upper()} OPTIONS" in sections, sorted(sections))
    for path, helps in PARSERS:
        accepted = parser_flags(path)
        shown = set().union(*(help_options(help_text(a)) for a in helps))
        check(f"every flag {path} accepts is in its help ({len(accepted)})",
              len(accepted) > 5 and accepted <= shown, sorted(accepted - shown))


def check_mqc3():
    header = open(os.path.join(SRC, "include/mqc.h")).read()
    code = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
    # A name followed by "(" but not by "(*" (a function pointer type's return type).
    declared = set(re.findall(r"\b(mqc_[a-z0-9_]+)\s*\((?!\s*\*)", code))
    # The installed event-loop adapters (header-only; "mqc_uv__x" are their internals).
    adapters = os.path.join(SRC, "adapters")
    for name in sorted(os.listdir(adapters)) if os.path.isdir(adapters) else []:
        if name.endswith(".h"):
            text = re.sub(r"/\*.*?\*/", "", open(os.path.join(adapters, name)).read(), flags=re.S)
            declared |= {n for n in re.findall(r"^static inline [^(]*?\b(mqc_[a-z0-9_]+)\(", text, re.M)
                         if "__" not in n}
    page = roff_plain(open(os.path.join(SRC, "man/mqc.3")).read())
    named = set(re.findall(r"\b(mqc_[a-z0-9_]+)\(", page))
    check(f"mqc.h declares functions ({len(declared)})", len(declared) > 50, len(declared))
    check("every function of mqc.h and adapters/ is in mqc.3", declared <= named,
          sorted(declared - named))
    check("every mqc_ function mqc.3 names is in mqc.h or adapters/", named <= declared,
          sorted(named - declared))


def check_format():
    groff = shutil.which("groff")
    if not groff:
        print("SKIP groff warnings: groff is not installed")
        return
    for page in ("mqc.1", "mqc.3"):
        r = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", os.path.join(SRC, "man", page)],
                           capture_output=True, timeout=30)
        check(f"{page} formats without groff warnings", r.returncode == 0 and not r.stderr,
              r.stderr.decode()[:500])


def main():
    check_mqc1()
    check_mqc3()
    check_format()
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
