#!/bin/sh
# Bounded memory-safety proofs of the codec's decoders with Frama-C EVA
# (see proofs/README.md). Usage:
#   proofs/run.sh [DECODE_LEN [FRAMER_LEN [UTF8_LEN [PROPS_LEN [CONNECT_BODY [BODY_LEN]]]]]]
# MQC_PROOFS=e2e runs only the end-to-end proofs (decoder, UTF-8, framer),
# MQC_PROOFS=compose only the compositional ones; the default runs both.
# Passes when EVA reports 0 alarms (no out-of-bounds access, no overflow,
# no undefined behaviour on any input in the stated bounds) and no errors,
# and when mutants (a length check off by one) do get alarms.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src
dlen=${1:-8}
flen=${2:-8}
ulen=${3:-24}
plen=${4:-8}
cbody=${5:-24}
blen=${6:-16}
mode=${MQC_PROOFS:-all}
case $mode in all | e2e | compose) ;; *) echo "proofs: MQC_PROOFS=$mode: all, e2e or compose" >&2; exit 1 ;; esac
command -v frama-c >/dev/null || { echo "proofs: frama-c not found (scripts/deps.sh proofs installs frama-c-base)" >&2; exit 1; }
command -v patch >/dev/null || { echo "proofs: patch not found" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mqc-proofs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
log=$tmp/log
failed=0

# The codec's own sources, with EVA's partitioning annotations added
# (eva-splits.patch: they split states, they assume nothing). A patch that
# no longer applies exactly fails the run: src changed, update the patch.
# mqc_utf8_valid gets its own patch (eva-utf8.patch), for its own proof:
# its dynamic split cannot be evaluated where the decoder calls it on NULL.
mkdir "$tmp/codec" "$tmp/mutant" "$tmp/utf8" "$tmp/body" "$tmp/body-mutant" "$tmp/props-mutant"
cp "$src"/codec/*.c "$src"/codec/*.h "$tmp/codec/"
cp "$src/codec/utf8.c" "$tmp/utf8/"
for p in "codec eva-splits.patch" "utf8 eva-utf8.patch"; do
    set -- $p
    patch -s --fuzz=0 --no-backup-if-mismatch -d "$tmp/$1" -p1 <"$here/$2" || {
        echo "proofs: $2 does not apply to src/codec" >&2
        exit 1
    }
done
cp "$tmp"/codec/* "$tmp/mutant/"
# The body proofs (body_harness.c) add one split of their own, in a patch
# of its own (eva-body.patch): CONNECT's protocol level, so that the name
# compared with memcmp keeps its length.
cp "$tmp"/codec/* "$tmp/body/"
patch -s --fuzz=0 --no-backup-if-mismatch -d "$tmp/body" -p1 <"$here/eva-body.patch" || {
    echo "proofs: eva-body.patch does not apply to src/codec (after eva-splits.patch)" >&2
    exit 1
}
cp "$tmp"/body/* "$tmp/body-mutant/"
cp "$tmp"/codec/* "$tmp/props-mutant/"

# The mutant: take() lets a field one byte longer than what is left through.
sed 's/if (r->err || mqc_wire_left(r) < n) {/if (r->err || mqc_wire_left(r) + 1 < n) {/' \
    "$tmp/codec/wire.c" >"$tmp/mutant/wire.c"
# And mqc_utf8_valid lets a sequence run one byte past the end.
sed 's/if (end - p < n)/if (end - p + 1 < n)/' "$tmp/utf8/utf8.c" >"$tmp/utf8-mutant.c"
# mqc_wire_props_read lets a block one byte longer than what is left through.
sed 's/if (mqc_wire_left(r) < len) {/if (mqc_wire_left(r) + 1 < len) {/' \
    "$tmp/codec/props.c" >"$tmp/props-mutant/props.c"
# decode_common checks one reason code past the end of a SUBACK/UNSUBACK.
sed 's/for (i = 0; i < out->reasons.len; i++)/for (i = 0; i <= out->reasons.len; i++)/' \
    "$tmp/body/decode.c" >"$tmp/body-mutant/decode.c"
if cmp -s "$tmp/codec/wire.c" "$tmp/mutant/wire.c" || cmp -s "$tmp/utf8/utf8.c" "$tmp/utf8-mutant.c" ||
    cmp -s "$tmp/codec/props.c" "$tmp/props-mutant/props.c" ||
    cmp -s "$tmp/body/decode.c" "$tmp/body-mutant/decode.c"; then
    echo "proofs: a mutation (take() in wire.c, utf8.c, props.c, decode.c) no longer applies" >&2
    exit 1
fi

# Options per harness: the decoder relies on the patch's splits, so a small
# slevel suffices; mqc_wire_left is inlined so that a bounds check narrows
# the reader's pointer itself, not a copy of the difference.
decode_opts="-inline-calls mqc_wire_left -eva-slevel 50 -eva-ilevel 64 -eva-auto-loop-unroll 256 \
 -eva-split-return full -eva-interprocedural-splits"
utf8_opts="-eva-slevel 1 -eva-ilevel 64 -eva-auto-loop-unroll 256"
# The body proofs: as the decoder, fewer states per split (enough there),
# and splits of up to 256 values (positions in a 130-byte PUBLISH).
body_opts="-inline-calls mqc_wire_left -eva-slevel 10 -eva-ilevel 64 -eva-auto-loop-unroll 256 \
 -eva-split-return full -eva-interprocedural-splits -eva-split-limit 256"
framer_opts="-eva-slevel 100 -eva-ilevel 64 -eva-auto-loop-unroll 256 -eva-split-return full"

# eva LEN CPP-FLAGS OPTIONS FILES...: runs EVA, leaves the log in $log.
eva() {
    len=$1 cpp=$2 opts=$3
    shift 3
    # shellcheck disable=SC2086 # the options are words
    frama-c -machdep x86_64 \
        -cpp-extra-args="-I$here/../include -I$src -include $here/proof_mem.h -DPROOF_LEN=$len $cpp" \
        "$@" -eva -eva-no-show-progress $opts -eva-print-callstacks \
        -then -metrics -metrics-eva-cover >"$log" 2>&1
}

# CPU seconds (user) used so far by this script's children (frama-c), from
# `times` in this shell (not in a $(...) subshell, which has no children):
# the machine may be shared, so wall time alone says little.
cpu() {
    times >"$tmp/times"
    sed -n 2p "$tmp/times" | awk '{ split($1, m, "m"); sub("s", "", m[2]); print int(m[1] * 60 + m[2]) }' >"$tmp/cpu"
}

alarms() { sed -n 's/^ *\([0-9]*\) alarms\{0,1\} generated.*/\1/p' "$log"; }

# prove NAME LEN CPP-FLAGS OPTIONS FILES...
prove() {
    name=$1
    shift
    start=$(date +%s)
    cpu
    cpu0=$(cat "$tmp/cpu")
    if ! eva "$@"; then
        cat "$log" >&2
        echo "proofs: $name: frama-c failed" >&2
        failed=1
        return
    fi
    n=$(alarms)
    cpu
    cpu1=$(cat "$tmp/cpu")
    reached=$(sed -n 's/^ *In these functions, \([0-9]* statements reached (out of [0-9]*)\).*/\1/p' "$log")
    echo "proofs: $name, every input up to $1 bytes: $n alarms ($reached), $(( $(date +%s) - start ))s, $(( cpu1 - cpu0 ))s CPU"
    # Code EVA did not reach is not covered by the proof: say where it is.
    sed -n '/Statements analyzed by Eva/,$p' "$log" | sed -n 's/^  \([a-z_0-9]*: [0-9]* stmts out of [0-9]*\) (\([0-9.]*%\))$/\1 \2/p' |
        grep -v ' 100.0%$' | sed 's/^/proofs:   not all reached: /' || true
    # A libc precondition or an assertion (the stubs' contracts) EVA could
    # not prove is not counted among the alarms: check the statuses too.
    unproven=$(sed -n 's/^ *\(Assertions\|Preconditions\) .* \([0-9]*\) unknown *\([0-9]*\) invalid.*/\2 \3/p' "$log" |
        awk '{ n += $1 + $2 } END { print n + 0 }')
    [ "$unproven" = 0 ] || echo "proofs:   $unproven properties (assertions, libc preconditions) not proven"
    if [ "$n" != 0 ] || [ "$unproven" != 0 ] || ! grep -q 'No errors or warnings raised' "$log"; then
        grep -A14 'eva:alarm\|\[kernel\] warning\|eva\] warning\|Warning' "$log" >&2 || true
        echo "proofs: $name: NOT proven" >&2
        failed=1
    fi
}

c=$tmp/codec
if [ "$mode" != compose ]; then
prove "mqc_decode + iterators (3.1, 3.1.1, 5.0)" "$dlen" "" "$decode_opts" \
    "$c/decode.c" "$c/props.c" "$c/fixed_header.c" "$c/utf8.c" "$c/wire.c" "$here/decode_harness.c"
prove "mqc_utf8_valid" "$ulen" "" "$utf8_opts" "$tmp/utf8/utf8.c" "$here/utf8_harness.c"
# The framer needs no splits: the original sources.
prove "mqc_framer_feed (two pieces, one call each)" "$flen" "-DSTEPS=STEP" "$framer_opts" \
    "$src/codec/framer.c" "$src/codec/fixed_header.c" "$src/codec/wire.c" "$here/framer_harness.c"

fi

# The compositional proofs (README: "Composition"). The property reader
# and its iterator, over every reader of up to PROPS_LEN bytes:
s=$here/stubs.c
if [ "$mode" != e2e ]; then
prove "mqc_wire_props_read (any allowed-set)" "$plen" "-DPROOF_KEEP_PROPS -DNO_WALK" "$decode_opts" \
    "$c/props.c" "$c/wire.c" "$s" "$here/props_harness.c"
prove "mqc_wire_props_read + mqc_props_user_next" 6 "-DPROOF_KEEP_PROPS" "$decode_opts" \
    "$c/props.c" "$c/wire.c" "$s" "$here/props_harness.c"
# The fixed header alone: every header of up to 5 bytes, any body length.
prove "mqc_decode_fixed_header (1- to 4-byte Remaining Lengths)" 5 "" "$decode_opts" \
    "$src/codec/fixed_header.c" "$src/codec/wire.c" "$here/header_harness.c"
# Each body decoder through mqc_decode, its fixed header chosen, the body
# unknown; mqc_wire_props_read and mqc_utf8_valid are their stubs.
# body NAME TYPES BODY_LEN [BODY_MIN]
body() {
    hdr=2
    [ "$3" -lt 128 ] || hdr=3
    prove "body of $1 (header + body of ${4:-0}..$3 bytes)" "$(( $3 + hdr ))" \
        "-DTYPES=$2 -DBODY_LEN=$3 -DBODY_MIN=${4:-0}" "$body_opts" \
        "$tmp/body/decode.c" "$tmp/body/wire.c" "$tmp/body/fixed_header.c" "$s" "$here/body_harness.c"
}
body CONNECT 1 "$cbody"
body "SUBSCRIBE, UNSUBSCRIBE" 2 "$blen"
body PUBLISH 3 "$cbody"
body "the other types (CONNACK, acks, SUBACK, UNSUBACK, PINGs, DISCONNECT, AUTH, 0)" 0 "$blen"
body "PUBLISH with a 2-byte Remaining Length" 3 130 128

fi

# The proofs must catch bugs: each mutant reads past its input.
# caught NAME [-DCPP-FLAGS] OPTIONS FILES...: EVA at 4 bytes must report an
# out-of-bounds read.
caught() {
    name=$1 cpp=
    shift
    case $1 in -D*) cpp=$1; shift ;; esac
    start=$(date +%s)
    if eva 4 "$cpp" "$@" && [ "$(alarms)" -gt 0 ] && grep -q 'out of bounds read' "$log"; then
        echo "proofs: mutant $name, inputs up to 4 bytes: $(alarms) alarms, caught, $(( $(date +%s) - start ))s"
    else
        cat "$log" >&2
        echo "proofs: mutant $name was NOT caught" >&2
        failed=1
    fi
}
m=$tmp/mutant
if [ "$mode" != compose ]; then
caught "take() (off by one)" "$decode_opts" "$m/decode.c" "$m/props.c" "$m/fixed_header.c" \
    "$m/utf8.c" "$m/wire.c" "$here/decode_harness.c"
caught "mqc_utf8_valid (off by one)" "$utf8_opts" "$tmp/utf8-mutant.c" "$here/utf8_harness.c"
fi
if [ "$mode" != e2e ]; then
caught "mqc_wire_props_read (block length off by one)" "-DPROOF_KEEP_PROPS -DNO_WALK" "$decode_opts" \
    "$tmp/props-mutant/props.c" "$tmp/props-mutant/wire.c" "$s" "$here/props_harness.c"
caught "decode_common (SUBACK codes off by one)" "-DTYPES=0 -DBODY_LEN=2" "$body_opts" \
    "$tmp/body-mutant/decode.c" "$tmp/body-mutant/wire.c" "$tmp/body-mutant/fixed_header.c" "$s" "$here/body_harness.c"
fi
[ "$failed" = 0 ] || exit 1
echo "proofs: ok"
