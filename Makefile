# Carbon Portal: `make run` serves the portal, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install migrate fixtures lint format bench clean serve-prod

run: fixtures
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(BIN)/pytest

setup: fixtures

install: $(VENV)/.installed

# Reinstalls only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	$(BIN)/pip install -e '.[dev,postgres]' >> $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput

fixtures: migrate
	$(PY) manage.py load_portal_fixtures

# Production-style serving: DJANGO_DEBUG=0, DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS must be set (see README).
serve-prod: fixtures
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py check --deploy --fail-level WARNING
	$(BIN)/gunicorn -c carbonportal/gunicorn.conf.py carbonportal.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles
