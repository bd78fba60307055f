# Serawai: `make run` serves the app with a Celery worker and beat; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages clean-var

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# xstatic-bootstrap (Bootstrap 5 as a Python package) still builds with pkg_resources, which
# setuptools 81 dropped: keep an older setuptools in the venv and build without isolation.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "setuptools<81" wheel
	$(BIN)/pip install --quiet --no-build-isolation -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Every command of `make run` sees one SITE_URL, so that what seed_demo issues (certificate QR
# codes, links in e-mails) points at the server it starts. DEBUG is off, as a tester from the
# office should see it: the app's own error pages, static files from whitenoise (collected
# first). `DEBUG=1 make run` brings Django's debug pages back; either can be set in the
# environment.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: export DEBUG ?= 0
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0 || true
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py seed_demo --if-empty  # prints each demo login and what to try first
	@echo "Serawai: http://$(HOST):$(PORT)/  (web, Celery worker and beat below; Ctrl-C stops all)"
	@echo "Demo logins and what to try first: above, or $(BIN)/python manage.py demo_logins"
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=$(HOST) $(BIN)/honcho -f Procfile start -p $(PORT)

# Two runs: the suite on SQLite (one pytest worker per core; a file marked with an xdist_group
# runs on one worker, so that its shared set-up, such as the live demo's seeded days, runs once),
# then tests/services on real PostgreSQL, Redis and a Celery worker process (they skip with the
# reason where those are not reachable, and fail when CI=true).
SERAWAI_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/serawai
SERAWAI_TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
export SERAWAI_TEST_DATABASE_URL SERAWAI_TEST_REDIS_URL

test: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	tmp=$$(mktemp -d) && SERAWAI_VAR_DIR=$$tmp/var $(BIN)/pytest -p no:cacheprovider -n auto --dist loadgroup \
	  --ignore=tests/services
	tmp=$$(mktemp -d) && SERAWAI_VAR_DIR=$$tmp/var DATABASE_URL=$(SERAWAI_TEST_DATABASE_URL) \
	  REDIS_URL=$(SERAWAI_TEST_REDIS_URL) $(BIN)/pytest -p no:cacheprovider tests/services

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages:
	$(BIN)/python manage.py makemessages -l en -l id --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv
