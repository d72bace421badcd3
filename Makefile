# Front door. Everything real is in CMake; this wraps the usual jobs.
BUILD      ?= build
ASAN_BUILD ?= build-asan
V311_BUILD ?= build-v311
LEAN_BUILD ?= build-lean
# Where the interop suite writes its matrix (make test keeps the tree clean).
INTEROP_RESULTS ?= tests/interop/RESULTS.md
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
PROOF_DECODE ?= 8
PROOF_FRAMER ?= 8
PROOF_UTF8 ?= 24
PROOF_PROPS ?= 8
PROOF_CONNECT ?= 24
PROOF_BODY ?= 16

.PHONY: all build test unit test-asan test-v311 test-lean test-interop size fuzz demo bench clean deps install uninstall amalgamation package model proofs

all: build

deps:
	@scripts/deps.sh build

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# Every test, then the unit and fake-broker tests again under ASan+UBSan,
# then the unit tests of the 3.1.1-only core (its 5.0 cases are skipped)
# and of the core without topic aliases, AUTH and renewal (test-lean),
# then the interop suite against the other brokers.
test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-v311
	@$(MAKE) --no-print-directory test-lean
	@$(MAKE) --no-print-directory test-interop INTEROP_RESULTS=$(BUILD)/interop-RESULTS.md

# mqc against Mosquitto, RabbitMQ, ejabberd and aedes, each started by the
# suite on free loopback ports; writes the broker x feature matrix; then the
# 3-node RabbitMQ cluster failover test (INTEROP_FLAGS=--no-cluster skips it).
INTEROP_FLAGS ?=
test-interop:
	@scripts/deps.sh interop
	@$(MAKE) --no-print-directory build
	@MQC=$(abspath $(BUILD))/mqc PYTHONDONTWRITEBYTECODE=1 python3 tests/interop/run.py --results $(INTEROP_RESULTS) $(INTEROP_FLAGS)

test-asan:
	@cmake -S . -B $(ASAN_BUILD) -DMQC_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -L 'unit|fake'

test-v311:
	@cmake -S . -B $(V311_BUILD) -DCMAKE_C_FLAGS=-DMQC_ENABLE_V5=0 -DMQC_BUILD_TOOLS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(V311_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(V311_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

# The compile-time switches a firmware may turn off (5.0 topic aliases and
# AUTH, subscription renewal; src/common/config.h): their tests check what
# the core does instead.
test-lean:
	@cmake -S . -B $(LEAN_BUILD) "-DCMAKE_C_FLAGS=-DMQC_ENABLE_TOPIC_ALIAS=0 -DMQC_ENABLE_AUTH=0 -DMQC_ENABLE_RENEWAL=0" -DMQC_BUILD_TOOLS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(LEAN_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(LEAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

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

# Bounded memory-safety proofs of the decoders, every input up to the
# bounds (proofs/README.md: what is proven, larger measured bounds).
proofs:
	@scripts/deps.sh proofs
	@proofs/run.sh $(PROOF_DECODE) $(PROOF_FRAMER) $(PROOF_UTF8) $(PROOF_PROPS) $(PROOF_CONNECT) $(PROOF_BODY)

size:
	@scripts/deps.sh size
	@scripts/size.sh

fuzz:
	@scripts/deps.sh fuzz
	@cmake -S fuzz -B build-fuzz -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@echo "fuzz targets: build-fuzz/fuzz_decode build-fuzz/fuzz_session build-fuzz/fuzz_store_log build-fuzz/fuzz_ws build-fuzz/fuzz_ws_transport (run: scripts/fuzz.sh SECONDS)"

demo:
	@scripts/deps.sh demo
	@$(MAKE) --no-print-directory build
	@python3 tests/tools/demo.py --mqc $(BUILD)/mqc

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory build
	@bench/compare

# Installs the library (shared + static), mqc.h, mqc.pc, the CMake package,
# the mqc command and its manual pages under PREFIX (DESTDIR is honoured).
PREFIX ?= /usr/local
# Configured with the prefix, so that GNUInstallDirs picks its directories
# (PREFIX=/usr on Debian: lib/<multiarch>).
install: build
	@cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --install $(BUILD)

# Removes what the last install from $(BUILD) wrote (its install_manifest.txt).
uninstall:
	@cmake -DMANIFEST=$(BUILD)/install_manifest.txt -P cmake/uninstall.cmake

# A Debian package (library, header, mqc.pc, CMake package, mqc, manual
# pages under /usr) in $(BUILD)/: mqc_VERSION_ARCH.deb.
package: build
	@cd $(BUILD) && cpack -G DEB

# dist/mqc.c + dist/mqc.h (the whole library) and dist/mqc_core.c + .h
# (codec, session, stores: for firmware), generated from the tree;
# TLS=openssl (default), mbedtls or none picks mqc.c's TLS backend.
TLS ?= openssl
amalgamation:
	@python3 scripts/amalgamate.py --out dist --tls $(TLS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(V311_BUILD) build-fuzz build-size dist
