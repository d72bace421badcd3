#!/bin/sh
# Bounded memory-safety proofs of the codec's decoders with Frama-C EVA
# (see proofs/README.md). Usage: proofs/run.sh [DECODE_LEN [FRAMER_LEN]]
# Passes when EVA reports 0 alarms (no out-of-bounds access, no overflow,
# no undefined behaviour on any input in the stated bounds) and no errors.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src
dlen=${1:-4}
flen=${2:-4}
log=$(mktemp "${TMPDIR:-/tmp}/mqc-proofs.XXXXXX")
trap 'rm -f "$log"' EXIT INT TERM
command -v frama-c >/dev/null || { echo "proofs: frama-c not found (scripts/deps.sh test installs frama-c-base)" >&2; exit 1; }
failed=0

# prove NAME LEN EXTRA-CPP-FLAGS FILES...
prove() {
    name=$1 len=$2 cpp=$3
    shift 3
    start=$(date +%s)
    if ! frama-c -machdep x86_64 \
        -cpp-extra-args="-I$here/../include -I$src -DPROOF_LEN=$len $cpp" "$@" \
        -eva -eva-no-show-progress -eva-precision 11 -eva-split-return full \
        -eva-print-callstacks >"$log" 2>&1; then
        cat "$log" >&2
        echo "proofs: $name: frama-c failed" >&2
        failed=1
        return
    fi
    alarms=$(sed -n 's/^ *\([0-9]*\) alarms\{0,1\} generated.*/\1/p' "$log")
    reached=$(sed -n 's/^ *In these functions, \(.*\) coverage\./\1/p' "$log")
    echo "proofs: $name, every input up to $len bytes: $alarms alarms ($reached coverage of the functions reached), $(( $(date +%s) - start ))s"
    if [ "$alarms" != 0 ] || ! grep -q 'No errors or warnings raised' "$log"; then
        grep -A14 'eva:alarm\|\[kernel\] warning\|eva\] warning' "$log" >&2 || true
        echo "proofs: $name: NOT proven" >&2
        failed=1
    fi
}

prove "mqc_decode + iterators (3.1, 3.1.1, 5.0)" "$dlen" "" \
    "$src/codec/decode.c" "$src/codec/props.c" "$src/codec/fixed_header.c" \
    "$src/codec/utf8.c" "$src/codec/wire.c" "$here/decode_harness.c"
prove "mqc_framer_feed (two pieces, one call each)" "$flen" "-DSTEPS=STEP" \
    "$src/codec/framer.c" "$src/codec/fixed_header.c" "$src/codec/wire.c" \
    "$here/framer_harness.c"
[ "$failed" = 0 ] || exit 1
echo "proofs: ok"
