# Two commands: `make run` serves the site with the toolkit's content on SQLite at
# http://127.0.0.1:8000, and `make test` runs the whole suite. Both set everything up first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-quick lint format migrate content css superuser clean system browsers lighthouse bench cluster

setup: $(BIN)/.installed node_modules/.installed static/css/main.css static/nhsuk/.copied

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/css/main.css: $(wildcard static/scss/*.scss) node_modules/.installed
	npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps static/scss/main.scss $@

# Only the JavaScript and the assets: pointing STATICFILES_DIRS at all of dist/ would make
# collectstatic copy 1,500 files.
static/nhsuk/.copied: node_modules/.installed
	rm -rf static/nhsuk && mkdir -p static/nhsuk
	cp $(NHSUK)/nhsuk-frontend.min.js static/nhsuk/
	cp -r $(NHSUK)/assets static/nhsuk/assets
	touch $@

css: static/css/main.css

migrate: setup
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

content: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_toolkit

run: content
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

superuser: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser

# System packages the suite needs: Chromium for the browser tests, Pango and HarfBuzz for
# WeasyPrint's PDFs, poppler-utils (pdftotext) to read them back. Installed where missing and
# we can (root with apt-get); otherwise a message says what to install.
SYSTEM_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

# The Debian packages in $(1) that are missing, installed where we can (root with apt-get);
# otherwise a message says what to install.
define install_missing
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done | tr "\n" " "); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages: $$missing (install them with 'apt-get install -y $$missing' as root)." >&2; \
	  fi; \
	fi
endef

system:
	$(call install_missing,$(SYSTEM_PACKAGES))

browsers: system

# In parallel (pytest-xdist): one worker, test database and media folder per core.
# `make test PYTEST_WORKERS=0` runs the suite serially.
PYTEST_WORKERS ?= auto

test: setup system
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The suite without what takes seconds a test (browsers, PDFs, vnu, a migrated database):
# for the edit-test loop; CI runs the whole suite.
test-quick: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not slow" $(PYTEST_ARGS)

lighthouse: content system
	$(BIN)/python scripts/lighthouse.py

# Benchmarks print timings; docs/performance.md records them. Tests never assert timings.
bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Two app servers behind haproxy, sharing PostgreSQL and Redis (private instances, since the
# drills stop them): the journeys across servers and the fault drills, with their counts
# (docs/operations.md records them). haproxy and wrk are installed where missing and we can.
CLUSTER_PACKAGES := haproxy wrk redis-server postgresql

cluster: setup
	$(call install_missing,$(CLUSTER_PACKAGES))
	$(BIN)/python scripts/cluster

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules static/css/main.css static/nhsuk staticfiles var
