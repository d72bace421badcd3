"""Broker lists and 5.0 Server Reference redirects against two scripted brokers
(include/mqc.h, "Broker lists and redirects").

  connack_redirect         CONNACK 0x9C + Server Reference B: the client goes to B
                           at once and delivers there (mqc_client_broker() names B)
  connack_not_followed     the same with follow_redirects 0: a final refusal, B never
                           sees a connection
  disconnect_redirect      DISCONNECT 0x9D + Server Reference B mid-publish: the
                           client resumes on B (session present 0: the message is
                           sent again, lost_policy resend)
  reference_list           "host:0  [::1 DEAD B": unreadable entries skipped, the dead
                           one moves on to B within the attempt
  connack_loop             A -> B -> A by CONNACK: stops with MQC_ERR_REDIRECT_LOOP,
                           one connection each, no storm
  disconnect_loop          A -> B -> A by DISCONNECT: the same
  old_opts_version         mqc_client_opts version 3 (before broker lists): the fields
                           after ws are not read, host:port is used
  cli_redirect             `mqc pub -V 5` follows a CONNACK redirect (the CLI turns
                           follow_redirects on)
  cli_loop                 `mqc pub` in a CONNACK loop and a DISCONNECT loop: exit 1,
                           stderr says the redirects go round in a loop
  cli_list_dead_first      `mqc pub -h DEAD -h B`: the first broker refuses TCP, the
                           same attempt moves to B (no backoff, no exit)
  cli_list_refused_first   the first broker says 0x88 server unavailable: moved on to B
  cli_list_lost            connected to A, A drops the connection with the message in
                           flight: the reconnect goes to B (the next broker), which
                           gets the message again (session present 0)
Library cases run tests/integration/c/redirect_client.c. Prints "N passed, M
failed" last."""
import os
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import cbuild  # noqa: E402
from fakebroker import *  # noqa: E402,F403

suite = Suite()
EXE = {}


def unexpected(c):
    """A connection no script expects (a retry storm, a broker it must not reach)."""
    c.note_failure("unexpected connection")
    hold(c)


def ref(b):
    return f"127.0.0.1:{b.port}"


def build_client():
    if "path" in EXE:
        return EXE["path"]
    tmp = tempfile.mkdtemp(prefix="mqc-redirect-")
    exe = os.path.join(tmp, "redirect_client")
    r = cbuild.test_program("redirect_client", exe)
    if r.returncode != 0:
        raise AssertionError(f"redirect_client.c does not build: {r.stderr.decode()[-800:]}")
    EXE["path"] = exe
    return exe


def run_lib(a, follow, timeout=8):
    """The C client against broker a; returns (rc, stdout lines)."""
    try:
        r = subprocess.run([build_client(), "127.0.0.1", str(a.port), str(follow)],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        raise AssertionError(f"redirect_client still running after {timeout}s "
                             f"(a reconnect storm?):\n{out[-1500:]}")
    return r.returncode, r.stdout.splitlines()


def context(lines, *brokers):
    return "\n  client:\n    " + "\n    ".join(lines[-40:]) + "".join(
        f"\n  transcript {b.name}:\n{b.transcript()}" for b in brokers)


def settle(*brokers):
    """A storm would show up as more connections shortly after the client stopped."""
    time.sleep(0.5)
    for b in brokers:
        if b.failures:
            raise AssertionError("; ".join(b.failures))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def two(scripts_a, scripts_b):
    return (FakeBroker(scripts_a, extra=unexpected, name="A"),
            FakeBroker(scripts_b, extra=unexpected, name="B"))


def one_each(a, b, *context_args):
    require((len(a.conns), len(b.conns)) == (1, 1),
            f"expected one connection each, saw A {len(a.conns)}, B {len(b.conns)}", *context_args)


def delivering(c, version=None):
    """Accepts the connection and acks the one QoS 1 message."""
    c.expect(CONNECT, **({"version": version} if version else {}))
    c.send(connack(0))
    p = c.expect(PUBLISH, qos=1, payload="x")
    c.send(puback(p.id))
    c.wait_closed(3)


def delivering5(c):
    delivering(c, V5)


def redirecting(reference, by_disconnect=False, code=None):
    """A 5.0 broker that sends the client to reference() (called when the
    client arrives, so two brokers can name each other): in its CONNACK, or by
    DISCONNECT once the message arrived."""
    def script(c):
        c.expect(CONNECT, version=V5)
        props = {"server_reference": reference()}
        if by_disconnect:
            c.send(connack(0))
            c.expect(PUBLISH, qos=1, payload="x")
            c.send(disconnect(code or 0x9D, props=props))
            c.close()
        else:
            c.send(connack(0, code or 0x9C, props=props))
            c.wait_closed(3)
    return script


def redirect_loop(by_disconnect):
    """A -> B -> A: by CONNACK 0x9D or by DISCONNECT 0x9C (the other code of
    each way, as the first-redirect cases use the first)."""
    code = 0x9C if by_disconnect else 0x9D
    a, b = two([], [])
    a.scripts = [redirecting(lambda: ref(b), by_disconnect, code)]
    b.scripts = [redirecting(lambda: ref(a), by_disconnect, code)]
    return a, b


@suite.case
def connack_redirect():
    b = FakeBroker([delivering5], extra=unexpected, name="B")
    a = FakeBroker([redirecting(lambda: ref(b))], extra=unexpected, name="A")
    with a, b:
        rc, out = run_lib(a, 1)
        a.wait_scripts(3)
        b.wait_scripts(3)
        settle(a, b)
        require(rc == 0, "expected the message delivered on B and a clean stop" + context(out, a, b))
        require(f"connected to {ref(b)} session present 0" in out,
                "mqc_client_broker() must name B after the redirect" + context(out, a, b))
        require(any("following the server reference" in line for line in out),
                "on_log must say it follows the reference" + context(out, a, b))
        one_each(a, b)


@suite.case
def connack_not_followed():
    b = FakeBroker([], extra=unexpected, name="B")
    a = FakeBroker([redirecting(lambda: ref(b))], extra=unexpected, name="A")
    with a, b:
        rc, out = run_lib(a, 0)
        a.wait_scripts(3)
        settle(a, b)
        require(rc == 1 and "stopped: connection refused by the server" in out,
                "follow_redirects 0: 0x9C is a final refusal" + context(out, a, b))
        require(f"reference: {ref(b)}" in out,
                "the reference is still reported (mqc_client_server_reference())" + context(out, a))
        require(len(b.conns) == 0 and len(a.conns) == 1,
                f"B must see no connection and A one, saw A {len(a.conns)}, B {len(b.conns)}")


@suite.case
def disconnect_redirect():
    b = FakeBroker([delivering5], extra=unexpected, name="B")
    a = FakeBroker([redirecting(lambda: ref(b), by_disconnect=True)], extra=unexpected, name="A")
    with a, b:
        rc, out = run_lib(a, 1)
        a.wait_scripts(3)
        b.wait_scripts(3)
        settle(a, b)
        require(rc == 0 and f"connected to {ref(b)} session present 0" in out,
                "expected the message sent again on B and acked there" + context(out, a, b))
        one_each(a, b)


@suite.case
def reference_list():
    """Several servers in one reference: unreadable ones are skipped, a dead one
    moves on to the next within the same attempt."""
    dead = free_port()
    b = FakeBroker([delivering5], extra=unexpected, name="B")
    a = FakeBroker([redirecting(lambda: f"host:0  [::1 127.0.0.1:{dead} {ref(b)}")],
                   extra=unexpected, name="A")
    with a, b:
        rc, out = run_lib(a, 1)
        b.wait_scripts(3)
        settle(a, b)
        unread = [line for line in out if "cannot read" in line]
        require(rc == 0 and f"connected to {ref(b)} session present 0" in out,
                "the last server of the reference must take over" + context(out, a, b))
        require(len(unread) == 2, "'host:0' and '[::1' are unreadable: skipped, said so"
                + context(out))
        require(any(f"broker 127.0.0.1:{dead} failed" in line and
                    "the server it referred to" in line for line in out),
                "the dead server moves on to the next one it names" + context(out))


def loop_case(by_disconnect):
    a, b = redirect_loop(by_disconnect)
    with a, b:
        rc, out = run_lib(a, 1)
        a.wait_scripts(3)
        b.wait_scripts(3)
        settle(a, b)
        require(rc == 1 and "stopped: server redirects go round in a loop" in out,
                "A -> B -> A must stop with MQC_ERR_REDIRECT_LOOP" + context(out, a, b))
        require(any("redirect loop" in line for line in out), "on_log must say why" + context(out))
        one_each(a, b)


@suite.case
def connack_loop():
    loop_case(False)


@suite.case
def disconnect_loop():
    loop_case(True)


@suite.case
def old_opts_version():
    with FakeBroker([delivering5], extra=unexpected, name="A") as a:
        rc, out = run_lib(a, "v3")
        a.wait_scripts(3)
        settle(a)
        require(rc == 0 and f"connected to {ref(a)} session present 0" in out,
                "a version 3 caller connects to its host:port as before" + context(out, a))


def pub(args, timeout=8, topic=("-t", "t/list")):
    c = Client("pub", args + ["-d", "-i", "listed", "-q", "1", "-m", "x"] + list(topic) + RECONNECT)
    try:
        c.wait(timeout)
    finally:
        c.stop()
    return c


def v5_pub(a):
    return pub(["-V", "mqttv5", "-h", "127.0.0.1", "-p", str(a.port)])


@suite.case
def cli_redirect():
    b = FakeBroker([delivering], extra=unexpected, name="B")
    a = FakeBroker([redirecting(lambda: ref(b))], extra=unexpected, name="A")
    with a, b:
        cl = v5_pub(a)
        b.wait_scripts(3)
        settle(a, b)
        require(cl.rc == 0, "mqc pub must follow the redirect and deliver on B", b, cl)
        one_each(a, b)


@suite.case
def cli_loop():
    for by_disconnect in (False, True):
        a, b = redirect_loop(by_disconnect)
        with a, b:
            cl = v5_pub(a)
            settle(a, b)
            err = cl.stderr.decode("utf-8", "replace")
            how = "DISCONNECT" if by_disconnect else "CONNACK"
            require(cl.rc == 1 and "server redirects go round in a loop" in err,
                    f"a {how} redirect loop: exit 1 and the reason on stderr", b, cl)
            one_each(a, b, b, cl)


@suite.case
def cli_list_dead_first():
    dead = free_port()
    with FakeBroker([delivering], extra=unexpected, name="B") as b:
        cl = pub(["-h", f"127.0.0.1:{dead}", "-h", f"127.0.0.1:{b.port}"])
        b.wait_scripts(3)
        settle(b)
        err = cl.stderr.decode("utf-8", "replace")
        require(cl.rc == 0, "the list's second broker must take over within the attempt", b, cl)
        require(f"trying the next broker 127.0.0.1:{b.port}" in err and "reconnecting in" not in err,
                "-d must say it moves on, with no backoff in between", b, cl)


@suite.case
def cli_list_refused_first():
    def refusing(c):
        c.expect(CONNECT)
        c.send(connack(0, 3))  # 3.1.1 server unavailable: may heal, so not final
        c.wait_closed(3)

    a, b = two([refusing], [delivering])
    with a, b:
        cl = pub(["-h", ref(a), "-h", ref(b)])
        a.wait_scripts(3)
        b.wait_scripts(3)
        settle(a, b)
        require(cl.rc == 0, "a refusal that may heal moves on to the next broker", b, cl)
        one_each(a, b, b, cl)


@suite.case
def cli_list_lost():
    def dropping(c):
        c.expect(CONNECT)
        c.send(connack(0))
        c.expect(PUBLISH, qos=1, payload="x")
        c.close()  # no PUBACK: the message is in flight

    a, b = two([dropping], [delivering])
    with a, b:
        cl = pub(["-L", f"mqtt://{ref(a)}/t/list", "-L", f"mqtt://{ref(b)}/t/list"], topic=())
        a.wait_scripts(3)
        b.wait_scripts(3)
        settle(a, b)
        err = cl.stderr.decode("utf-8", "replace")
        require(cl.rc == 0, "the message must be delivered on B after A dropped", b, cl)
        require(f"connected to {ref(b)} (session present 0" in err,
                "-d must say it is connected to B now, session present 0", b, cl)
        one_each(a, b, b, cl)


if __name__ == "__main__":
    sys.exit(suite.run())
