# MailDoctor — every set-up step lives here. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
SHARED ?= $(abspath ../shared)
BIN_DEBUG := .build/debug/maildoctor
BIN_RELEASE := .build/release/maildoctor
# Release builds link the Swift runtime and Foundation statically: a self-contained binary that starts in
# about 13 ms instead of 21 (no dynamic symbol binding for Foundation), and libstdc++, c-ares, libedit
# and libstemmer too (scripts/static-libs: 2.5 ms less). All release builds use the same flags, since
# changing them rebuilds every module.
RELEASE := -c release --static-swift-stdlib -Xswiftc -L$(CURDIR)/scripts/static-libs

# Debian packages, by purpose.
BUILD_PACKAGES := libedit-dev libc-ares-dev libstemmer-dev
TEST_PACKAGES := tmux knot knot-dnsutils dnsutils postfix dovecot-imapd dovecot-pop3d ngircd
BENCH_PACKAGES := libsisimai-perl swaks jq valgrind

SWIFT_SOURCES := Package.swift Sources Tests Plugins

.PHONY: run build test test-swift test-transcripts bench format lint kb-lint record-transcripts deps deps-test deps-bench fuzz clean

run: deps build  ## install deps, build release, start the REPL
	@$(BIN_RELEASE)

build:
	$(SWIFT) build $(RELEASE) --product maildoctor

deps:  ## Debian packages needed to build
	@scripts/apt-install.sh $(BUILD_PACKAGES)

deps-test: deps
	@scripts/apt-install.sh $(TEST_PACKAGES)

deps-bench: deps-test
	@scripts/apt-install.sh $(BENCH_PACKAGES)
	@python3 -c "import checkdmarc" 2>/dev/null || pip install --quiet checkdmarc

test: deps-test  ## install deps and test servers, build, run every test, transcripts and lint
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-transcripts
	$(MAKE) --no-print-directory test-swift
	examples/irc-bridge/test.sh $(BIN_DEBUG)

# Knot DNS and Postfix + Dovecot run for these (scripts/with-fixtures.sh); live-check transcripts use them.
# The suites whose probes wait on one-second stage deadlines against scripted peers (faults,
# certificates, the control probe) run on their own, after the rest, so that nothing else can starve
# them of the two cores: not the heavy suites (1,000 sessions, corpora), and not the transcript
# replays (69 at once, live checks with a 3 s deadline), which run in a third process.
# Other time bounds in tests leave several times the expected time.
PROBE_SUITES = FaultTests|CertificateTests|ControlProbeTests
# The load suites (fair scheduling, shutdown under load, 400 MB inputs, 20,000 recipients) keep both
# cores busy on purpose and time what the rest still gets: each runs alone, after the others.
LOAD_SUITES = FairnessTests ServeLoadTests InputLimitTests ScalingTests
test-swift:
	MAILDOCTOR_SHARED=$(SHARED) scripts/with-fixtures.sh bash -c \
	  '$(SWIFT) test --skip-build --skip "$(PROBE_SUITES)|$(subst $(eval) ,|,$(LOAD_SUITES))|TranscriptTests" \
	  && $(SWIFT) test --skip-build --filter TranscriptTests \
	  $(foreach suite,$(LOAD_SUITES),&& $(SWIFT) test --skip-build --filter $(suite) )\
	  && $(SWIFT) test --skip-build --filter "$(PROBE_SUITES)"'

test-transcripts:
	scripts/with-fixtures.sh $(BIN_DEBUG) transcripts run Transcripts

record-transcripts:
	$(SWIFT) build --product maildoctor
	scripts/with-fixtures.sh $(BIN_DEBUG) transcripts record Transcripts

kb-lint:
	$(SWIFT) build --product maildoctor
	$(BIN_DEBUG) kb lint --kb KnowledgeBase

lint:  ## fails on any formatting difference or knowledge-base problem
	@scripts/format-check.sh $(SWIFT_SOURCES)
	@$(MAKE) --no-print-directory kb-lint

format:
	$(SWIFT) format --in-place --recursive $(SWIFT_SOURCES)

bench: deps-bench  ## benchmarks with peers measured in the same run
	$(SWIFT) build $(RELEASE) --product maildoctor
	$(SWIFT) build $(RELEASE) --product MailDoctorBench
	.build/release/MailDoctorBench kb --shared $(SHARED)
	MAILDOCTOR_SHARED=$(SHARED) bench/bounces.sh $(BIN_RELEASE)
	MAILDOCTOR_SHARED=$(SHARED) BENCH_PASSES=10 bench/bounces.sh $(BIN_RELEASE) 3
	bench/dns.sh $(BIN_RELEASE)
	bench/serve.sh $(BIN_RELEASE)
	bench/probes.sh $(BIN_RELEASE)

fuzz:
	scripts/fuzz.sh

clean:
	rm -rf .build
