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

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
