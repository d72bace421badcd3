#!/bin/sh
# Runs every built fuzz target for SECONDS each (one job), on a scratch copy
# of its seed corpus, and prints the executions per target.
# Usage: scripts/fuzz.sh SECONDS   (after `make fuzz`)
# Seeds: fuzz/corpus/<name without fuzz_>/ (never written to). Crashes land
# in build-fuzz/artifacts/.
set -eu

secs=${1:?usage: scripts/fuzz.sh SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build-fuzz"
[ -d "$bin" ] || { echo "fuzz: no $bin: run make fuzz first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mqc-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$bin/artifacts"

status=0
found=0
for target in "$bin"/fuzz_*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    found=1
    name=$(basename "$target")
    seeds="$root/fuzz/corpus/${name#fuzz_}"
    corpus="$work/$name"
    mkdir -p "$corpus"
    if [ -d "$seeds" ]; then
        cp -R "$seeds"/. "$corpus"/
    fi
    log="$work/$name.log"
    if "$target" "$corpus" -max_total_time="$secs" -print_final_stats=1 \
        -artifact_prefix="$bin/artifacts/$name-" >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
        tail -n 40 "$log" >&2
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "$name: $result, ${execs:-?} executions in ${secs}s, corpus $(ls "$corpus" | wc -l) inputs"
done
[ "$found" = 1 ] || { echo "fuzz: no fuzz targets in $bin" >&2; exit 2; }
exit $status
