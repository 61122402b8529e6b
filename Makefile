# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    set up everything and serve the site on http://127.0.0.1:8000/
#   make test   lint and the whole test suite
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
# Every install comes from a lock file: exact versions with their hashes, so
# a laptop, CI and the servers run the same packages. requirements.lock is
# production's; requirements-dev.lock has the same pins plus the test and
# lint tools. `make lock` refreshes both from pyproject.toml.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
STAMP := $(VENV)/.installed-dev
PROD_STAMP := $(VENV)/.installed-prod
# `make run` is a development server: debug on, SQLite unless DATABASE_URL says otherwise.
DEV_ENV := DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run serve serve-local release test install lock migrate data superuser lint format messages clean bench lighthouse browser-tools backup restore

# The packages of LOCK, then the project itself (its dependencies are all in
# LOCK; `pip check` fails when pyproject.toml asks for more: run `make lock`).
define install_from
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check || (echo "$(1) does not match pyproject.toml: run make lock" >&2; false)
endef

$(STAMP): pyproject.toml $(DEV_LOCK)
	$(call install_from,$(DEV_LOCK))
	touch $(STAMP)

$(PROD_STAMP): pyproject.toml $(LOCK)
	$(call install_from,$(LOCK))
	touch $(PROD_STAMP)

install: $(STAMP)

# Resolve pyproject.toml again into both lock files with uv (pip-installed into
# the venv for this only), for every platform and Python 3.11+. Versions
# already locked are kept when still allowed; `make lock UPGRADE=1` takes the
# newest that pyproject.toml allows. Then `make test` installs the result.
UV_VERSION ?= 0.13.9
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal \
	--python-version 3.11 --generate-hashes $(if $(UPGRADE),--upgrade)
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(UV_COMPILE) --extra dev --output-file $(DEV_LOCK)
	$(UV_COMPILE) --constraint $(DEV_LOCK) --output-file $(LOCK)

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

data: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_initial_data

# The first administrator of a development database (asks for a name and a
# password). In production, run `manage.py createsuperuser` with the
# production environment loaded instead (see the README).
superuser: migrate
	$(DEV_ENV) $(BIN)/python manage.py createsuperuser

# The task worker (emails, periodic work) runs beside the server and stops
# with it (Ctrl+C stops both).
run: data
	$(DEV_ENV) $(BIN)/python manage.py schedule_periodic_work
	$(DEV_ENV) sh -c '$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
		trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

# Production: gunicorn with the settings from the environment (DEBUG off,
# SECRET_KEY, DATABASE_URL... see README, "Production"). `release` refuses a
# configuration `check --deploy` finds an error in (emails printed to the
# logs...), applies the migrations and collects the hashed, compressed static
# files; run it after every update, before restarting the servers.
release: $(PROD_STAMP)
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

serve: release
	$(BIN)/gunicorn --config gunicorn.conf.py

# Production tried locally: nginx with the repository's configuration and a
# self-signed certificate (https://localhost:8443/) in front of gunicorn with
# DEBUG off, and the task worker (see scripts/serve_local.py). Ctrl+C stops all.
serve-local: install
	$(BIN)/python scripts/serve_local.py

# Backups (see README, "Backups"): `make backup` writes the database (pg_dump,
# or a copy of SQLite) and MEDIA_ROOT into a new folder of BACKUP_DIR;
# `make restore BACKUP=<that folder>` puts both back (stop the site first).
backup:
	$(BIN)/python manage.py backup

restore:
	test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=<folder written by make backup>" >&2; false)
	$(BIN)/python manage.py restore "$(BACKUP)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs on one pytest-xdist worker per core (TEST_WORKERS=0: in one
# process). Each test file runs whole on one worker, so what a module sets up
# once (a deployment, collected static files) is set up once. Not loadgroup:
# with pytest 9.2 it ignores xdist_group marks (pytest-xdist issue 1386).
TEST_WORKERS ?= auto
test: lint
	DEBUG=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Refresh the .po files from the code and templates, then compile them (needs GNU gettext).
messages: install
	$(DEV_ENV) $(BIN)/python manage.py makemessages --all --no-location --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	$(BIN)/python scripts/fill_english_catalogue.py
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

# The production server (gunicorn, DEBUG off) under load, in about 6 minutes;
# figures printed and written to var/bench/ (see scripts/bench.py).
bench: install
	$(BIN)/python scripts/bench.py

# Lighthouse scores of the home, list, detail and registration pages under
# gunicorn with production settings (needs Node.js and Debian's chromium).
lighthouse: install
	bash scripts/lighthouse.sh

# What the browser tests need besides Chromium: Java and the Nu Html Checker
# (npm package vnu-jar, in the git-ignored var/node). CI runs this.
VNU_VERSION ?= 26.9.27
browser-tools:
	command -v java >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless)
	command -v npm >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm)
	test -f var/node/node_modules/vnu-jar/build/dist/vnu.jar || npm install --prefix var/node --no-save --ignore-scripts --no-audit --no-fund vnu-jar@$(VNU_VERSION)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
