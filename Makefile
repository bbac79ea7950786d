# Claimtrack: `make run` serves the demo on SQLite, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

# The first Python >= 3.12 found: $PYTHON, python3.13/3.12/3.14/python3 on PATH, then pyenv's.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3.14 python3 \
	$(wildcard $(PYENV_ROOT)/versions/3.13*/bin/python3) \
	$(wildcard $(PYENV_ROOT)/versions/3.12*/bin/python3) \
	$(wildcard $(PYENV_ROOT)/versions/3.1[4-9]*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[2-9]) $(wildcard /usr/bin/python3.1[2-9])
FIND_PYTHON := for c in $(PYTHON_CANDIDATES); do \
	  command -v $$c >/dev/null 2>&1 || continue; \
	  $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$c; exit 0; }; \
	done; exit 1

.PHONY: help run test lint format check serve demo clean

help:
	@echo "make run     serve the demo (SQLite, reference article loaded) on 127.0.0.1:$(PORT)"
	@echo "make test    lint (style, import layers), checks and the whole test suite"
	@echo "             (DATABASE_URL picks PostgreSQL)"
	@echo "make serve   production server (gunicorn, config.settings.prod)"
	@echo "make format  apply ruff's formatting and fixes"

$(VENV)/.python:
	@python=$$($(FIND_PYTHON)) || { \
	  echo "Claimtrack needs Python 3.12 or newer, and none was found." >&2; \
	  echo "Install one (or set PYTHON=/path/to/python3.12) and run make again." >&2; exit 1; }; \
	echo "Using $$python ($$($$python --version))"; \
	$$python -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip && touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_reference_article
	$(PY) manage.py demo_users

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

# Tests run on every core (pytest-xdist); PYTEST_ARGS="-n 0" runs them in one process.
test: lint check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n auto $(PYTEST_ARGS)

serve: $(VENV)/.runtime
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --no-input
	PORT=$(PORT) DJANGO_SETTINGS_MODULE=config.settings.prod \
	  $(VENV)/bin/gunicorn --config gunicorn.conf.py config.wsgi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles
