#!/bin/sh
# Bounded memory-safety proofs of the codec's decoders with Frama-C EVA
# (see proofs/README.md). Usage: proofs/run.sh [DECODE_LEN [FRAMER_LEN [UTF8_LEN]]]
# Passes when EVA reports 0 alarms (no out-of-bounds access, no overflow,
# no undefined behaviour on any input in the stated bounds) and no errors,
# and when mutants (a length check off by one) do get alarms.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src
dlen=${1:-8}
flen=${2:-8}
ulen=${3:-16}
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
mkdir "$tmp/codec" "$tmp/mutant" "$tmp/utf8"
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

# The mutant: take() lets a field one byte longer than what is left through.
sed 's/if (r->err || mqc_wire_left(r) < n) {/if (r->err || mqc_wire_left(r) + 1 < n) {/' \
    "$tmp/codec/wire.c" >"$tmp/mutant/wire.c"
# And mqc_utf8_valid lets a sequence run one byte past the end.
sed 's/if (end - p < n)/if (end - p + 1 < n)/' "$tmp/utf8/utf8.c" >"$tmp/utf8-mutant.c"
if cmp -s "$tmp/codec/wire.c" "$tmp/mutant/wire.c" || cmp -s "$tmp/utf8/utf8.c" "$tmp/utf8-mutant.c"; then
    echo "proofs: a mutation (take() in wire.c, utf8.c) no longer applies" >&2
    exit 1
fi

# Options per harness: the decoder relies on the patch's splits, so a small
# slevel suffices; mqc_wire_left is inlined so that a bounds check narrows
# the reader's pointer itself, not a copy of the difference.
decode_opts="-inline-calls mqc_wire_left -eva-slevel 50 -eva-ilevel 64 -eva-auto-loop-unroll 256 \
 -eva-split-return full -eva-interprocedural-splits"
utf8_opts="-eva-slevel 1 -eva-ilevel 64 -eva-auto-loop-unroll 256"
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

alarms() { sed -n 's/^ *\([0-9]*\) alarms\{0,1\} generated.*/\1/p' "$log"; }

# prove NAME LEN CPP-FLAGS OPTIONS FILES...
prove() {
    name=$1
    shift
    start=$(date +%s)
    if ! eva "$@"; then
        cat "$log" >&2
        echo "proofs: $name: frama-c failed" >&2
        failed=1
        return
    fi
    n=$(alarms)
    reached=$(sed -n 's/^ *In these functions, \([0-9]* statements reached (out of [0-9]*)\).*/\1/p' "$log")
    echo "proofs: $name, every input up to $1 bytes: $n alarms ($reached), $(( $(date +%s) - start ))s"
    # Code EVA did not reach is not covered by the proof: say where it is.
    sed -n '/Statements analyzed by Eva/,$p' "$log" | sed -n 's/^  \([a-z_0-9]*: [0-9]* stmts out of [0-9]*\) (\([0-9.]*%\))$/\1 \2/p' |
        grep -v ' 100.0%$' | sed 's/^/proofs:   not all reached: /' || true
    if [ "$n" != 0 ] || ! grep -q 'No errors or warnings raised' "$log"; then
        grep -A14 'eva:alarm\|\[kernel\] warning\|eva\] warning\|Warning' "$log" >&2 || true
        echo "proofs: $name: NOT proven" >&2
        failed=1
    fi
}

c=$tmp/codec
prove "mqc_decode + iterators (3.1, 3.1.1, 5.0)" "$dlen" "" "$decode_opts" \
    "$c/decode.c" "$c/props.c" "$c/fixed_header.c" "$c/utf8.c" "$c/wire.c" "$here/decode_harness.c"
prove "mqc_utf8_valid" "$ulen" "" "$utf8_opts" "$tmp/utf8/utf8.c" "$here/utf8_harness.c"
# The framer needs no splits: the original sources.
prove "mqc_framer_feed (two pieces, one call each)" "$flen" "-DSTEPS=STEP" "$framer_opts" \
    "$src/codec/framer.c" "$src/codec/fixed_header.c" "$src/codec/wire.c" "$here/framer_harness.c"

# The proofs must catch bugs: each mutant reads past its input.
# caught NAME FILES...: EVA at 4 bytes must report an out-of-bounds read.
caught() {
    name=$1
    shift
    start=$(date +%s)
    if eva 4 "" "$@" && [ "$(alarms)" -gt 0 ] && grep -q 'out of bounds read' "$log"; then
        echo "proofs: mutant $name, inputs up to 4 bytes: $(alarms) alarms, caught, $(( $(date +%s) - start ))s"
    else
        cat "$log" >&2
        echo "proofs: mutant $name was NOT caught" >&2
        failed=1
    fi
}
m=$tmp/mutant
caught "take() (off by one)" "$decode_opts" "$m/decode.c" "$m/props.c" "$m/fixed_header.c" \
    "$m/utf8.c" "$m/wire.c" "$here/decode_harness.c"
caught "mqc_utf8_valid (off by one)" "$utf8_opts" "$tmp/utf8-mutant.c" "$here/utf8_harness.c"
[ "$failed" = 0 ] || exit 1
echo "proofs: ok"
