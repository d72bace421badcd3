#!/bin/sh
# Cross-compiles the core (codec + session + memory store) for a Cortex-M4
# with arm-none-eabi-gcc -Os and prints its size in each build variant:
#   objects: every function of the core, as a static library would ship;
#   linked:  what a firmware pays, linking scripts/size/firmware.c (which
#            makes every client-side call) with --gc-sections.
set -eu
cd "$(dirname "$0")/.."
CC=${ARM_CC:-arm-none-eabi-gcc}
SIZE=${ARM_SIZE:-arm-none-eabi-size}
NM=${ARM_NM:-arm-none-eabi-nm}
# MQC_NO_STDLIB_HEAP: a firmware passes its own mqc_mem hooks, so the C
# library heap (newlib malloc) is not linked in.
FLAGS="-Os -mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections -std=c99 -Wall -Wextra -Werror -DMQC_NO_STDLIB_HEAP -Iinclude -Isrc"
out=build-size
rm -rf "$out"
mkdir -p "$out"
echo "$($CC --version | head -1); flags: $FLAGS"
printf '%-44s %8s %8s   %s\n' "variant" "objects" "linked" "linked text by layer (codec/session/store/common)"

variant() {
    name=$1; shift
    dir="$out/$(echo "$name" | tr -c "a-z0-9.\n" _)"
    mkdir -p "$dir"
    for src in src/common/*.c src/codec/*.c src/session/*.c src/store/*.c; do
        "$CC" $FLAGS "$@" -c "$src" -o "$dir/$(echo "$src" | tr / _).o"
    done
    # shellcheck disable=SC2046
    objects=$("$SIZE" -t $(ls "$dir"/src_*.o) | tail -1 | awk '{print $1 + $2}')
    # What docs/porting.md promises the core needs from the C library (and
    # nothing from libgcc, such as a 64-bit division helper): anything else
    # the objects leave undefined fails the build.
    # shellcheck disable=SC2046
    extra=$("$NM" $(ls "$dir"/src_*.o) | awk '
        $1 == "U" { u[$2] = 1 } NF == 3 { d[$3] = 1 }
        END { for (s in u) if (!(s in d)) print s }' |
        grep -vxE 'memchr|memcmp|memcpy|memmove|memset|strlen' || true)
    if [ -n "$extra" ]; then
        echo "$name: the core needs more than docs/porting.md says:" $extra >&2
        exit 1
    fi
    "$CC" $FLAGS "$@" -c scripts/size/firmware.c -o "$dir/firmware.o"
    # shellcheck disable=SC2046
    "$CC" $FLAGS -Wl,--gc-sections -Wl,-Map="$dir/firmware.map" --specs=nano.specs \
        --specs=nosys.specs -o "$dir/firmware.elf" "$dir/firmware.o" $(ls "$dir"/src_*.o)
    python3 - "$dir/firmware.map" "$name" "$objects" <<'PY'
import re, sys
mapfile, name, objects = sys.argv[1:4]
# Only the input sections kept in the image: after this heading of the map.
body = open(mapfile).read().split("Linker script and memory map", 1)[1]
size = {}
pending = None
for line in body.splitlines():
    m = re.match(r"^ (\.(?:text|rodata|data)\S*)\s*$", line)
    if m:
        pending = m.group(1)
        continue
    m = re.match(r"^ (\.(?:text|rodata|data)\S*)?\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+\.o)\s*$", line)
    if m and (m.group(1) or pending):
        layer = re.search(r"src_(common|codec|session|store)_", m.group(3))
        if layer:
            size[layer.group(1)] = size.get(layer.group(1), 0) + int(m.group(2), 16)
    pending = None
layers = "/".join(str(size.get(l, 0)) for l in ("codec", "session", "store", "common"))
print(f"{name:44s} {objects:>8s} {sum(size.values()):8d}   {layers}")
PY
}

variant "3.1.1 + 5.0"
variant "3.1.1 + 5.0, client-only codec" -DMQC_CODEC_SERVER=0
variant "3.1.1 only" -DMQC_ENABLE_V5=0
variant "3.1.1 only, client-only codec" -DMQC_ENABLE_V5=0 -DMQC_CODEC_SERVER=0
# A firmware with no persistent storage does without durable-store support.
variant "3.1.1 + 5.0, client-only, no durable" -DMQC_CODEC_SERVER=0 -DMQC_ENABLE_DURABLE=0
variant "3.1.1 only, client-only, no durable" -DMQC_ENABLE_V5=0 -DMQC_CODEC_SERVER=0 -DMQC_ENABLE_DURABLE=0
# 5.0 without what a firmware seldom uses: topic aliases and AUTH.
variant "3.1.1 + 5.0, client, no durable/alias/AUTH" -DMQC_CODEC_SERVER=0 -DMQC_ENABLE_DURABLE=0 \
    -DMQC_ENABLE_TOPIC_ALIAS=0 -DMQC_ENABLE_AUTH=0
# ... and the application subscribes again itself after a session loss.
variant "3.1.1 only, client, no durable/renewal" -DMQC_ENABLE_V5=0 -DMQC_CODEC_SERVER=0 \
    -DMQC_ENABLE_DURABLE=0 -DMQC_ENABLE_RENEWAL=0
variant "3.1.1 + 5.0, client, none of the switches" -DMQC_CODEC_SERVER=0 -DMQC_ENABLE_DURABLE=0 \
    -DMQC_ENABLE_TOPIC_ALIAS=0 -DMQC_ENABLE_AUTH=0 -DMQC_ENABLE_RENEWAL=0
echo "sizes in bytes of code + read-only data + data; bss 0 (all state is allocated by the caller's hooks)"
