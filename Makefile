# Carbon Portal: `make run` serves the portal, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install migrate fixtures lint format bench clean serve-prod seed-fixtures loadtest attack

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
	$(PY) manage.py build_export
	$(BIN)/gunicorn -c carbonportal/gunicorn.conf.py carbonportal.wsgi

# fixtures/articles.json: the seed releases in fixtures/releases/ imported by
# import_releases into a fresh database, then dumped with their links and
# topics. The batch counts as retrieved on 2024-09-15 (Beijing noon): seed
# 000's "4 months ago" is then May 2024, the month of its 15 May Low Carbon
# Day. Seeds 001 and 004 name no publisher, so their sources are given.
SEED_DB := $(CURDIR)/.seed-fixtures.sqlite3
SEED := DATABASE_URL=sqlite:///$(SEED_DB) $(PY) manage.py
SEED_AT := 2024-09-15T12:00:00+08:00
SEEDS := fixtures/releases

seed-fixtures: install
	rm -f $(SEED_DB) $(SEED_DB)-wal $(SEED_DB)-shm
	$(SEED) migrate --noinput --verbosity 0
	$(SEED) load_portal_fixtures --except articles --verbosity 0
	$(SEED) import_releases --retrieved-at $(SEED_AT) \
		$(SEEDS)/000_9a506bde84895eb2.txt $(SEEDS)/002_69fc0f077d1a9c48.txt \
		$(SEEDS)/003_c28a533c3b96b736.txt
	$(SEED) import_releases --retrieved-at $(SEED_AT) \
		--source "Qinghai Provincial People's Government" $(SEEDS)/001_1a3f322c5ed1efa4.txt
	$(SEED) import_releases --retrieved-at $(SEED_AT) \
		--source "Haiyan County People's Government" $(SEEDS)/004_c178ba4a68d43143.txt
	$(SEED) dumpdata articles.article --indent 1 --output fixtures/articles.json
	rm -f $(SEED_DB) $(SEED_DB)-wal $(SEED_DB)-shm

# Throughput on the local database (SQLite unless DATABASE_URL says
# otherwise); everything it writes is rolled back.
# Benchmark at scale on SQLite and PostgreSQL, each in a database of its own
# (filled with demo releases on the first run), with production settings.
BENCH_ARTICLES ?= 100000
BENCH_SQLITE := sqlite:///$(CURDIR)/.bench/bench.sqlite3
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/carbonportal_bench
BENCH_IMPORT_SQLITE := sqlite:///$(CURDIR)/.bench/import.sqlite3
BENCH_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=benchmark-only-not-a-secret-0123456789abcdefghijklmnop \
	DJANGO_ALLOWED_HOSTS=testserver DJANGO_LOG_LEVEL=ERROR
bench: install
	mkdir -p .bench
	psql $(dir $(BENCH_POSTGRES))postgres -qc 'CREATE DATABASE $(notdir $(BENCH_POSTGRES))' 2>/dev/null || true
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	for url in $(BENCH_SQLITE) $(BENCH_POSTGRES); do \
		name=$$(echo $$url | cut -d: -f1); \
		DATABASE_URL=$$url $(BENCH_ENV) $(PY) manage.py migrate --noinput -v0 || exit 1; \
		DATABASE_URL=$$url $(BENCH_ENV) $(PY) manage.py bench_pages \
			--articles $(BENCH_ARTICLES) --json .bench/pages-$$name.json || exit 1; \
		DATABASE_URL=$$url $(BENCH_ENV) $(PY) manage.py bench_import \
			--releases 2000 --organizations 5000 || exit 1; \
	done
	@echo "Import into a database holding only the gazetteer (SQLite):"
	DATABASE_URL=$(BENCH_IMPORT_SQLITE) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_IMPORT_SQLITE) $(PY) manage.py load_portal_fixtures --except articles -v0
	DATABASE_URL=$(BENCH_IMPORT_SQLITE) $(BENCH_ENV) $(PY) manage.py bench_import \
		--releases 2000 --organizations 5000

# Load test against gunicorn on 127.0.0.1 (PostgreSQL and Redis by default): readers
# alone, then readers while an editor saves corrections (none may be lost).
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/carbonportal_load
LOAD_ARTICLES ?= 20000
LOAD_SECONDS ?= 30
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/5
loadtest: install
	mkdir -p .bench
	psql $(dir $(LOAD_DATABASE_URL))postgres -qc 'CREATE DATABASE $(notdir $(LOAD_DATABASE_URL))' 2>/dev/null || true
	$(PY) tests/load/run_load.py --database-url $(LOAD_DATABASE_URL) \
		--articles $(LOAD_ARTICLES) --duration $(LOAD_SECONDS) --connections 64 \
		--editor-saves 40 --redis-url $(LOAD_REDIS_URL) --json .bench/load.json

# The security review's attacks replayed against gunicorn in production mode (PostgreSQL, Redis).
ATTACK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/carbonportal_attack
ATTACK_REDIS_URL ?= redis://127.0.0.1:6379/8
attack: install
	psql $(dir $(ATTACK_DATABASE_URL))postgres -qc 'CREATE DATABASE $(notdir $(ATTACK_DATABASE_URL))' 2>/dev/null || true
	mkdir -p .bench
	$(PY) tests/attack/run_attack.py --database-url $(ATTACK_DATABASE_URL) \
		--redis-url $(ATTACK_REDIS_URL) --log .bench/attack-server.log

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles
