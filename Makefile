# The two entry points a new user needs (see README.md). Both install missing system packages.
SWIFT ?= swift
SHELL := /bin/bash

.PHONY: deps demo test test-release build release clean

# libicu-dev and zlib1g-dev are the only system packages the library needs.
deps:
	@missing=""; for p in libicu-dev zlib1g-dev pkg-config; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; fi

build: deps
	$(SWIFT) build

# The shipped executable: release, statically linked (Swift runtime, ICU, zlib), so that a process
# per message starts in about a millisecond (TOOLCHAIN.md); stripped, since an unstripped symbol
# table costs a third more page faults at start-up. BIN is where it lands.
#
# Start-up code is laid out together: every function in its own section, and the linker (gold)
# puts the sections named in Benchmarks/startup-order.txt, the functions one `dump` runs
# (Benchmarks/startup-order.sh makes the list), first, so a process faults in a few hundred KiB of
# text instead of pages spread over 8 MB.
BIN := .build/static/release/mailparse
STATIC_FLAGS := --scratch-path .build/static --static-swift-stdlib -Xswiftc -static-executable \
	-Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xlinker -licudata -Xlinker -lstdc++ -Xlinker -lm -Xlinker --strip-all \
	-Xlinker --section-ordering-file=$(CURDIR)/Benchmarks/startup-order.txt
release: deps
	@# SwiftPM does not track the ordering file: a newer list forces a relink.
	@[ ! -e $(BIN) ] || [ $(BIN) -nt Benchmarks/startup-order.txt ] || rm -f $(BIN)
	@$(SWIFT) build -c release --product mailparse $(STATIC_FLAGS) || { \
	  echo "static link failed (libstdc++ or ICU static libraries missing?): building a dynamic executable" >&2; \
	  $(SWIFT) build -c release --product mailparse && mkdir -p $(dir $(BIN)) && cp .build/release/mailparse $(BIN); }

# The main job on the shipped sample: list an mbox, convert it to a Maildir (in a fresh temporary
# directory) and back, show one message's structure, headers and text, and count everything.
demo: release
	@set -e; bin=$(BIN); dir=$$(mktemp -d /tmp/mailparse-demo.XXXXXX); \
	  set -x; \
	  $$bin list Corpus/sample.mbox; \
	  $$bin convert Corpus/sample.mbox $$dir/Maildir; \
	  $$bin convert $$dir/Maildir $$dir/back.mbox; \
	  cmp Corpus/sample.mbox $$dir/back.mbox; \
	  $$bin dump --message 4 Corpus/sample.mbox; \
	  $$bin headers --message 4 Corpus/sample.mbox; \
	  $$bin text --message 4 Corpus/sample.mbox; \
	  $$bin stats Corpus/sample.mbox; \
	  rm -rf $$dir

test: deps
	$(SWIFT) test

# The full chunk-size sweep (sizes 1, 2, 3, 7 on every corpus file), in a release test build.
test-release: deps
	MAILPARSE_FULL_SWEEP=1 $(SWIFT) test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build

# Fuzzing (Fuzz/ is its own package; see Fuzz/README.md). `make fuzz TARGET=reader SECONDS=600`
# runs one target (Fuzz/targets.txt lists them: reader, message, headers, mbox, the header
# grammars and the codecs); `ALPHABET=1` runs it in the alphabet-restricted mode, where each input
# byte stands for a MIME token. `make fuzz-smoke` runs every target briefly (about 3.5 min).
TARGET ?= reader
SECONDS ?= 600
ALPHABET ?=
.PHONY: fuzz fuzz-smoke fuzz-seeds
fuzz:
	MAILPARSE_FUZZ_ALPHABET=$(ALPHABET) Fuzz/run.sh $(TARGET) $(SECONDS)

fuzz-smoke:
	Fuzz/smoke.sh 20 10

fuzz-seeds:
	Fuzz/make-seeds.sh
