# The two commands the README gives:
#   make demo   install everything, then build the demo directory (site + PDFs) into site/
#   make test   install everything (Python packages, Debian's chromium), then run every test
#
# Everything runs from a virtual environment in .venv, made from the system Python: Debian 12 and
# Ubuntu 23.04+ mark /usr/bin/python3 as externally managed (PEP 668), so pip may not install into
# it. Debian's python3-venv is installed first when the system Python has no venv module.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What a build needs (fonts, braille, speech, audio encoding) and what the tests add (a browser,
# PDF tools).
DEBIAN_RUNTIME := fonts-dejavu-core liblouis-bin liblouis-data espeak-ng ffmpeg libjs-lunr
DEBIAN_TEST := chromium chromium-driver poppler-utils sox
DEBIAN_PACKAGES := $(DEBIAN_RUNTIME) $(DEBIAN_TEST)

.PHONY: demo test test-fast setup setup-python setup-dev setup-debian setup-debian-runtime lint

demo: setup-python setup-debian-runtime
	$(PY) -m generator build

# The tests run in TEST_JOBS worker processes (pytest-xdist); the demo is still built once per run
# (tests/conftest.py). TEST_JOBS=0 runs them in this one process.
TEST_JOBS ?= 2

test: setup
	$(PY) -m pytest -n $(TEST_JOBS)

test-fast: setup-dev setup-debian-runtime
	$(PY) -m pytest -n $(TEST_JOBS) -m "not browser and not pdf"

setup: setup-dev setup-debian

# what a build needs (requirements.txt), then the tests and tooling (requirements-dev.txt)
setup-python: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then \
	  echo "Installing Debian's python3-venv (the system Python has no venv module)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

setup-debian:
	@$(MAKE) --no-print-directory _apt PACKAGES="$(DEBIAN_PACKAGES)"

setup-debian-runtime:
	@$(MAKE) --no-print-directory _apt PACKAGES="$(DEBIAN_RUNTIME)"

_apt:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

lint: setup-dev
	$(PY) -m ruff check .
