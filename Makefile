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

release: deps
	$(SWIFT) build -c release

# The main job on the shipped sample: the structure of every message of an mbox, counts,
# and one part extracted.
demo: release
	.build/release/mailparse stats Corpus/sample.mbox
	.build/release/mailparse dump Corpus/sample.mbox
	.build/release/mailparse dump --json --message 4 Corpus/sample.mbox
	.build/release/mailparse extract --message 4 --part 5 --raw Corpus/sample.mbox

test: deps
	$(SWIFT) test

# The full chunk-size sweep (sizes 1, 2, 3, 7 on every corpus file), in a release test build.
test-release: deps
	MAILPARSE_FULL_SWEEP=1 $(SWIFT) test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build

# Fuzzing (Fuzz/ is its own package; see Fuzz/README.md). `make fuzz TARGET=reader SECONDS=600`
# runs one target (reader, message, headers, mbox); `make fuzz-smoke` runs each for 45 s.
TARGET ?= reader
SECONDS ?= 600
.PHONY: fuzz fuzz-smoke fuzz-seeds
fuzz:
	Fuzz/run.sh $(TARGET) $(SECONDS)

fuzz-smoke:
	Fuzz/smoke.sh 45

fuzz-seeds:
	Fuzz/make-seeds.sh
