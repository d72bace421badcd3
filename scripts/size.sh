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

# What a firmware pays: link scripts/size/firmware.c (every client-side call)
# with --gc-sections and sum the sections that came from mqc's objects.
linked() {
    name=$1; shift
    dir=$(echo "$name" | tr -c "a-z0-9.\n" _)
    elf="$out/$dir.elf"
    "$CC" $FLAGS "$@" -c scripts/size/firmware.c -o "$out/$dir/firmware.o"
    # shellcheck disable=SC2046
    "$CC" $FLAGS -Wl,--gc-sections -Wl,-Map="$out/$dir.map" --specs=nano.specs \
        --specs=nosys.specs -o "$elf" "$out/$dir/firmware.o" $(ls "$out/$dir"/src_*.o)
    python3 - "$out/$dir.map" "$name" <<'PY'
import re, sys
mapfile, name = sys.argv[1], sys.argv[2]
total = {}
pending = None
lines = open(mapfile).read().split("Linker script and memory map", 1)[1].splitlines()
for line in lines:
    m = re.match(r"^ (\.(?:text|rodata|data|bss)[^\s]*)\s*$", line)
    if m:
        pending = m.group(1)
        continue
    m = re.match(r"^ (\.(?:text|rodata|data|bss)[^\s]*)?\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+\.o)\s*$", line)
    if m:
        sec = m.group(1) or pending
        pending = None
        obj = m.group(3)
        if sec is None or not re.search(r"src_(common|codec|session|store)_", obj):
            continue
        layer = re.search(r"src_(common|codec|session|store)_", obj).group(1)
        kind = "bss" if sec.startswith(".bss") else "data" if sec.startswith(".data") else "text"
        total[(layer, kind)] = total.get((layer, kind), 0) + int(m.group(2), 16)
    else:
        pending = None
text = sum(v for (l, k), v in total.items() if k == "text")
print(f"== linked into a firmware ({name}): mqc text {text} bytes, data {sum(v for (l,k),v in total.items() if k=='data')}, bss {sum(v for (l,k),v in total.items() if k=='bss')}")
for layer in ("codec", "session", "store", "common"):
    print(f"  {layer:8s} text {total.get((layer, 'text'), 0)}")
PY
}

linked "mqtt-3.1.1+5.0"
linked "mqtt-3.1.1-only" -DMQC_ENABLE_V5=0
linked "mqtt-3.1.1-only, no error text" -DMQC_ENABLE_V5=0 -DMQC_ENABLE_ERROR_TEXT=0
