#!/bin/sh
# Cross-compiles the core (codec + session + memory store) for a Cortex-M4
# and prints text/data/bss: once with 3.1.1 and 5.0, once 3.1.1-only.
set -eu
cd "$(dirname "$0")/.."
CC=${ARM_CC:-arm-none-eabi-gcc}
SIZE=${ARM_SIZE:-arm-none-eabi-size}
FLAGS="-Os -mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections -std=c99 -Wall -Wextra -Werror -Iinclude -Isrc"
out=build-size
rm -rf "$out"

build() {
    name=$1; shift
    dir=$(echo "$name" | tr -c "a-z0-9.\n" _)
    mkdir -p "$out/$dir"
    for src in src/common/*.c src/codec/*.c src/session/*.c src/store/*.c; do
        [ -f "$src" ] || continue
        obj="$out/$dir/$(echo "$src" | tr / _).o"
        "$CC" $FLAGS "$@" -c "$src" -o "$obj"
    done
    echo "== $name"
    # shellcheck disable=SC2046
    "$SIZE" -t $(ls "$out/$dir"/*.o) | tail -1 | awk '{printf "text %s  data %s  bss %s  (total %s bytes)\n", $1, $2, $3, $4}'
    for layer in codec session store common; do
        objs=$(ls "$out/$dir"/src_"$layer"_*.o 2>/dev/null || true)
        [ -n "$objs" ] || continue
        # shellcheck disable=SC2086
        "$SIZE" -t $objs | tail -1 | awk -v l="$layer" '{printf "  %-8s text %s\n", l, $1}'
    done
}

build "mqtt-3.1.1+5.0"
build "mqtt-3.1.1-only" -DMQC_ENABLE_V5=0
build "mqtt-3.1.1-only, no error text" -DMQC_ENABLE_V5=0 -DMQC_ENABLE_ERROR_TEXT=0
