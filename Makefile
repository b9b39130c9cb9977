# The two commands the README gives:
#   make demo   install everything, then build the demo directory (site + PDFs) into site/
#   make test   install everything (Python packages, Debian's chromium), then run every test
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_PACKAGES := chromium chromium-driver poppler-utils fonts-dejavu-core

.PHONY: demo test setup setup-python setup-debian lint

demo: setup-python
	$(PYTHON) -m generator build

test: setup
	$(PYTHON) -m pytest

setup: setup-python setup-debian

setup-python:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt

setup-debian:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

lint:
	$(PYTHON) -m ruff check generator tests scripts
