# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
RESULTS := test-results
# Test processes per pass (pytest-xdist): one per core, at most four.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --maxprocesses=4

.PHONY: run test install install-dev migrate demo serve test-sqlite test-postgres \
	test-browser lint format messages lock check-deploy bench soak backup restore clean

## make run: create .venv, install, migrate the SQLite database, load the demo content, serve.
run: install migrate demo serve

## make test: SQLite pass, PostgreSQL pass (throwaway server), browser pass (Chromium).
test: install-dev test-sqlite test-postgres test-browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(BIN)/python manage.py load_demo

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test-sqlite: install-dev
	@mkdir -p $(RESULTS)
	$(BIN)/pytest $(XDIST) --ignore=tests/browser -m "not postgres" --junitxml=$(RESULTS)/sqlite.xml

test-postgres: install-dev
	@mkdir -p $(RESULTS)
	$(BIN)/python scripts/throwaway_postgres.py -- \
		$(BIN)/pytest $(XDIST) --ignore=tests/browser --junitxml=$(RESULTS)/postgres.xml

test-browser: install-dev
	@mkdir -p $(RESULTS)
	$(BIN)/pytest $(XDIST) tests/browser --junitxml=$(RESULTS)/browser.xml

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: update every app's English catalogue, then compile.
messages: install-dev
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests \
		--ignore=scripts --ignore=staticfiles --ignore=cities --ignore=bestpractices \
		--ignore=events --ignore=funding --ignore=members --ignore=digitalcheck
	for app in cities members bestpractices events funding digitalcheck; do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete); done
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make lock: re-resolve the pinned dependencies of pyproject.toml into the lock files.
lock: install-dev
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links -c requirements.lock -o requirements-dev.lock pyproject.toml

## make check-deploy: Django's deployment checks with production-like values.
check-deploy: install
	DEBUG=0 SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=portal.example.org CSRF_TRUSTED_ORIGINS=https://portal.example.org \
	CACHE_URL=redis://cache:6379/0 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## make bench: load test on a throwaway PostgreSQL with synthetic data at national scale and
## production settings behind gunicorn; writes bench/results/. BENCH_SCALE=small for a quick
## run; BENCH_DURATION (seconds of wrk per endpoint, default 10), BENCH_WARMUP, BENCH_SEED,
## BENCH_WORKERS, BENCH_THREADS: see scripts/bench.py.
BENCH_SCALE ?= national
bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk" \
		"(Debian/Ubuntu) or brew install wrk (macOS)."; exit 1; }
	BENCH_SCALE=$(BENCH_SCALE) REQUIRE_ALL=1 $(BIN)/python scripts/throwaway_postgres.py -- \
		$(BIN)/python scripts/bench.py

## make soak: 50 clients for 2 minutes on a mix of pages (gunicorn, production settings,
## throwaway PostgreSQL with demo content and small synthetic data); fails on any error or
## when the workers' memory grows by more than 50 %. Settings: see scripts/soak.py.
soak: install
	@command -v wrk >/dev/null || { echo "make soak needs wrk: apt-get install wrk"; exit 1; }
	REQUIRE_ALL=1 $(BIN)/python scripts/throwaway_postgres.py -- $(BIN)/python scripts/soak.py

## make backup: back up the database into BACKUP_DIR (default backups/) with a timestamp:
## pg_dump (custom format) on PostgreSQL, a gzipped JSON fixture on SQLite.
backup: install
	$(BIN)/python manage.py backup

## make restore FILE=backups/portal-….dump: replace the database's content by a backup
## (asks first; pg_restore for .dump, flush + loaddata for .json.gz).
restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/portal-<timestamp>.dump|.json.gz" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) $(RESULTS) staticfiles
