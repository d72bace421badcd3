#!/bin/sh
# Model checks of model/mqc.pml (see model/README.md).
# Usage: model/check.sh reduced|full|crash|all|broken|trace [TRACE_CHECK]
#   reduced  exhaustive checks small enough for `make test`
#   full     the exhaustive configurations of `make model`
#   crash    the crash-restart variant under each sync policy
#   all      full and crash, in parallel
#   broken   the broken variants must fail with a trail; the trail,
#            replayed against the code by TRACE_CHECK, must disagree
#   trace    random simulations replayed by TRACE_CHECK must agree, and
#            an altered trace must not
set -eu

here=$(cd "$(dirname "$0")" && pwd)
pml=$here/mqc.pml
what=${1:-reduced}
tc=${2:-}
# The trace check by an absolute path (we work in a temporary directory);
# a missing one is an error, never a "disagreement".
if [ -n "$tc" ]; then
    [ -x "$tc" ] || { echo "model: $tc: no trace_check program there" >&2; exit 1; }
    tc=$(cd "$(dirname "$tc")" && pwd)/$(basename "$tc")
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/mqc-model.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"
failed=0
# pan's hash table: 2^HASH slots (the long lists have millions of states)
case $what in full|crash) HASH=${HASH:-26} ;; *) HASH=${HASH:-24} ;; esac

die() { echo "model: $*" >&2; exit 1; }
command -v spin >/dev/null || die "spin not found (scripts/deps.sh test installs it)"

# verify NAME EXPECT(pass|fail) SPIN-FLAGS...: compiles and runs pan, prints
# its figures; a failing run leaves NAME.trail.
verify() {
    name=$1 expect=$2
    shift 2
    mkdir -p "$name" && (
        cd "$name"
        spin -a "$@" "$pml" >spin.out 2>&1 || { cat spin.out; exit 1; }
        # -w: pan.c is generated code. MODEL_COLLAPSE=1 compresses states
        # losslessly (a third of the memory, twice the time).
        cc_flags="-O2 -w -DVECTORSZ=4096"
        [ "${MODEL_COLLAPSE:-0}" = 1 ] && cc_flags="$cc_flags -DCOLLAPSE"
        case " $* " in
        *" -DLIVE "*) # the ltl claim: acceptance cycles, weak fairness
            ${CC:-cc} $cc_flags -DNFAIR=3 -o pan pan.c
            ./pan -a -f -m3000000 -w$HASH >pan.out 2>&1 || true ;;
        *)
            ${CC:-cc} $cc_flags -DSAFETY -o pan pan.c
            ./pan -m3000000 -w$HASH >pan.out 2>&1 || true ;;
        esac
    ) || die "$name: spin or cc failed"
    out=$name/pan.out
    errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$out")
    [ -n "$errors" ] || { cat "$out"; die "$name: no result from pan"; }
    printf 'model: %-34s %s, %s states stored, depth %s, errors %s, %ss%s\n' "$name" \
        "$(sed -n 's/^State-vector \([0-9]* byte\).*/state vector \1/p' "$out")" \
        "$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$out")" \
        "$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' "$out")" "$errors" \
        "$(sed -n 's/^pan: elapsed time \([0-9.e+]*\) .*/\1/p' "$out")" \
        "$(grep -o 'assertion violated.*' "$out" | head -1 | sed 's/^/: /')"
    if grep -q 'max search depth too small' "$out"; then
        echo "model: $name: search depth too small: not exhaustive" >&2
        failed=1
    fi
    if [ "$expect" = pass ] && [ "$errors" != 0 ]; then
        echo "model: $name: FAILED (expected no errors)" >&2
        failed=1
    elif [ "$expect" = fail ]; then
        if [ "$errors" = 0 ] || [ ! -f "$name/mqc.pml.trail" ]; then
            echo "model: $name: expected a counter-example, got none" >&2
            failed=1
        fi
    fi
}

# replay NAME WANT(agree|disagree) SPIN-FLAGS...: the trail as a trace,
# through the trace check.
replay() {
    name=$1 want=$2
    shift 2
    [ -n "$tc" ] || die "replay needs the trace_check program"
    spin -T -t -k "$name/mqc.pml.trail" "$@" "$pml" >"$name/trace.txt" 2>&1
    if "$tc" <"$name/trace.txt" >"$name/tc.out" 2>&1; then got=agree; else got=disagree; fi
    echo "model: $name trail vs code: $got ($(tail -1 "$name/tc.out"))"
    if [ "$got" != "$want" ]; then
        echo "model: $name: the trace check should $want" >&2
        failed=1
    fi
}

# Ids in traces for the trace check must not wrap sooner than the code's.
TRACE_IDS=-DIDMAX=250

case $what in
reduced)
    verify qos2 pass
    verify qos2-window1-ids2 pass -DWIN=1 -DIDMAX=2 -DLOSSES=3
    verify qos1 pass -DQOS=1
    verify qos2-session-loss-fail pass -DSESSION_LOSS=1 -DLOST_POLICY=1
    verify qos1-session-loss-fail pass -DQOS=1 -DSESSION_LOSS=1 -DLOST_POLICY=1
    ;;
full)
    verify qos2-n3-losses2 pass -DN=3 -DLOSSES=2
    verify qos2-n2-losses3 pass -DLOSSES=3
    verify qos2-n3-win3-ids4-q2 pass -DN=3 -DWIN=3 -DIDMAX=4 -DMAXQ=2 -DLOSSES=1
    # QoS 1 with more losses or messages runs into qos1-stale-puback
    # (see the broken list and model/README.md).
    verify qos1-n3-losses1 pass -DQOS=1 -DN=3 -DLOSSES=1
    verify qos2-session-loss-fail-l3 pass -DSESSION_LOSS=1 -DLOST_POLICY=1 -DLOSSES=3
    verify qos2-live pass -DLIVE
    ;;
all)
    # make model: the two long lists side by side (two cores).
    sh "$here/check.sh" full & a=$!
    sh "$here/check.sh" crash & b=$!
    wait $a || failed=1
    wait $b || failed=1
    ;;
crash)
    for p in 1 0 2; do
        case $p in 0) pol=batch ;; 1) pol=always ;; 2) pol=never ;; esac
        verify "crash-$pol" pass -DCRASHES=1 -DLOSSES=1 -DSYNC=$p
    done
    verify crash-batch-power pass -DCRASHES=1 -DLOSSES=1 -DSYNC=0 -DPOWER=1
    verify crash-always-power pass -DCRASHES=1 -DLOSSES=1 -DSYNC=1 -DPOWER=1
    # By design (mqc.h): NEVER with a power loss may duplicate, and an app
    # that does not commit its effect with the store sees a redelivery.
    verify crash-never-power fail -DCRASHES=1 -DLOSSES=1 -DSYNC=2 -DPOWER=1
    verify crash-app-without-note fail -DCRASHES=1 -DLOSSES=1 -DSUB_NOTE=0
    ;;
broken)
    verify bug-release-at-publish fail -DBUG_RELEASE_AT_PUBLISH $TRACE_IDS
    replay bug-release-at-publish disagree -DBUG_RELEASE_AT_PUBLISH $TRACE_IDS
    verify bug-publish-after-pubrec fail -DBUG_PUBLISH_AFTER_PUBREC $TRACE_IDS
    replay bug-publish-after-pubrec disagree -DBUG_PUBLISH_AFTER_PUBREC $TRACE_IDS
    # MQTT's own QoS 1 ambiguity, not ours: we answer the broker's resend
    # with a second PUBACK (3.1.1 §4.3.2), the broker has reused the id on
    # the first one, and the stale second PUBACK acks its new message,
    # which is lost at the broker. The code must do what the trail says.
    verify qos1-stale-puback fail -DQOS=1 -DN=3 -DLOSSES=2 $TRACE_IDS
    replay qos1-stale-puback agree -DQOS=1 -DN=3 -DLOSSES=2 $TRACE_IDS
    # Documented (MQC_LOST_RESEND): a lost session may duplicate QoS 2.
    # The code must do exactly what the counter-example says.
    verify weak-session-loss-resend fail -DSESSION_LOSS=1 -DLOST_POLICY=0 $TRACE_IDS
    replay weak-session-loss-resend agree -DSESSION_LOSS=1 -DLOST_POLICY=0 $TRACE_IDS
    ;;
trace)
    [ -n "$tc" ] || die "trace needs the trace_check program"
    n=0
    for cfg in "" "-DQOS=1" "-DSESSION_LOSS=1" "-DSESSION_LOSS=1 -DLOST_POLICY=1" \
        "-DN=3 -DWIN=1 -DLOSSES=4" "-DN=4 -DWIN=3 -DMAXQ=2 -DLOSSES=5 -DSESSION_LOSS=1" \
        "-DN=3 -DQOS=1 -DLOSSES=4 -DSESSION_LOSS=1 -DLOST_POLICY=1"; do
        for seed in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            # shellcheck disable=SC2086
            # A run may end at an assertion (a documented duplicate under
            # session loss): the trace up to there is compared all the same.
            spin -T -n$seed -u100000 $TRACE_IDS $cfg "$pml" >sim.txt 2>&1 || true
            if ! "$tc" <sim.txt >tc.out 2>&1; then
                echo "model: simulation [$cfg] seed $seed: the code disagrees:" >&2
                cat tc.out >&2
                failed=1
            fi
            n=$((n + 1))
        done
    done
    echo "model: $n random simulations replayed against the code"
    # The check can fail: the same trace with one expectation altered
    # (the first PUBREL the publisher sends said to be a PUBLISH) must not pass.
    spin -T -n3 -u100000 $TRACE_IDS "$pml" >sim.txt 2>&1 || true
    sed '0,/^@P out PUBREL/s/^@P out PUBREL \([0-9]*\)/@P out PUBLISH \1 0 1/' sim.txt >alt.txt
    cmp -s sim.txt alt.txt && die "the altered trace is not altered"
    if "$tc" <alt.txt >tc.out 2>&1; then
        echo "model: the trace check passed an altered trace" >&2
        failed=1
    else
        echo "model: an altered trace is caught: $(tail -1 tc.out)"
    fi
    ;;
*)
    echo "usage: $0 reduced|full|crash|all|broken|trace [TRACE_CHECK]" >&2
    exit 2
    ;;
esac
[ "$failed" = 0 ] || { echo "model: $what: FAILED" >&2; exit 1; }
echo "model: $what: ok"
