# Front door. Everything real is in CMake; this wraps the usual jobs.
BUILD      ?= build
ASAN_BUILD ?= build-asan
V311_BUILD ?= build-v311
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
PROOF_DECODE ?= 4
PROOF_FRAMER ?= 6

.PHONY: all build test unit test-asan test-v311 size fuzz demo bench clean deps model proofs

all: build

deps:
	@scripts/deps.sh build

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# Every test, then the unit and fake-broker tests again under ASan+UBSan,
# then the unit tests of the 3.1.1-only core (its 5.0 cases are skipped).
test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-v311

test-asan:
	@cmake -S . -B $(ASAN_BUILD) -DMQC_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -L 'unit|fake'

test-v311:
	@cmake -S . -B $(V311_BUILD) -DCMAKE_C_FLAGS=-DMQC_ENABLE_V5=0 -DMQC_BUILD_TOOLS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(V311_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(V311_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

# The Spin model exhaustively in its full configurations, crash-restart under
# each sync policy, the broken variants and the trace check (model/README.md).
model:
	@scripts/deps.sh model
	@$(MAKE) --no-print-directory build
	@model/check.sh all
	@model/check.sh broken $(BUILD)/tests/trace_check
	@model/check.sh trace $(BUILD)/tests/trace_check

# Bounded memory-safety proofs of the decoders (proofs/README.md: the
# decoder is proven up to 4 bytes; larger bounds leave EVA alarms).
proofs:
	@scripts/deps.sh proofs
	@proofs/run.sh $(PROOF_DECODE) $(PROOF_FRAMER)

size:
	@scripts/deps.sh size
	@scripts/size.sh

fuzz:
	@scripts/deps.sh fuzz
	@cmake -S fuzz -B build-fuzz -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@echo "fuzz targets: build-fuzz/fuzz_decode build-fuzz/fuzz_session build-fuzz/fuzz_store_log (run: scripts/fuzz.sh SECONDS)"

demo:
	@scripts/deps.sh demo
	@$(MAKE) --no-print-directory build
	@python3 tests/tools/demo.py --mqc $(BUILD)/mqc

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory build
	@bench/compare

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(V311_BUILD) build-fuzz build-size
