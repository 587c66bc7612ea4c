# Two commands for a new machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
# `make run` starts the background worker of the periodic jobs next to the web server (core/embedded.py);
# EMBEDDED_WORKER=no serves the web only.
EMBEDDED_WORKER ?= yes
# Two test processes on this two-core machine; TEST_ARGS adds pytest options (e.g. TEST_ARGS="-k plan").
TEST_WORKERS ?= 2
TEST_ARGS ?=

.PHONY: install run migrate demo test journeys lint format worker beat bench chaos backup restore messages clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# The embedded default: SQLite under var/, Celery in-process for web requests, mail written to var/mail/,
# and one background process (a Celery worker with beat embedded, core/embedded.py) that runs the periodic
# jobs of core/schedules.py through message files under var/celery/, no Redis needed. Links in e-mails
# point at http://$(HOST):$(PORT) unless PORTAL_BASE_URL is set. Ctrl-C stops both processes: the trap
# stops the worker by the pid this shell started (also in var/celery/worker.pid), never by name, and
# waits for it to end (the worker waits for its beat child, danvan/celery.py).
run: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo "Cổng Dân vận khéo: http://$(HOST):$(PORT)/  (tài khoản trình diễn: README.md, mật khẩu dvk-demo-2020)"
	@worker=""; \
	stop() { trap - EXIT INT TERM; [ -n "$$worker" ] || return 0; kill -TERM "$$worker" 2>/dev/null; wait "$$worker" 2>/dev/null; }; \
	trap stop EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	if [ "$(EMBEDDED_WORKER)" != "no" ]; then $(BIN)/python -m core.embedded & worker=$$!; fi; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise; browser journeys included.
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(TEST_ARGS)

# Only the Chromium journeys of every issue, together (they also run inside `make test`).
journeys: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) tests/e2e $(TEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-like background processes (need REDIS_URL).
worker: install
	$(BIN)/celery -A danvan worker -l info -c 2

beat: install
	$(BIN)/celery -A danvan beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler

# Backup of the database and uploaded files into var/backups/<time>/ (manifest with row counts and checksums).
backup: install
	$(BIN)/python manage.py backup_portal

# Restore into a NEW database: make restore BACKUP=var/backups/<time> TARGET="--target-url postgres://…/empty_db"
restore: install
	$(BIN)/python manage.py restore_portal $(BACKUP) $(TARGET)

# Faults of the real services (private PostgreSQL and Redis instances started for the run): Redis
# stopped during a report submission, a worker killed while rendering a PDF, PostgreSQL restarted.
chaos: install
	$(BIN)/python chaos/run.py

messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=".venv/*" --ignore="var/*" --ignore="tests/*"
	$(BIN)/python manage.py compilemessages -l en --ignore=".venv/*"

clean:
	rm -rf var/danvan.sqlite3* var/mail var/media var/static var/celery

# National-scale benchmark on PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432): two
# databases rebuilt (2020 national list; Tuyên Quang alone), data generated, gunicorn on loopback,
# 4 concurrent clients; prints the table and writes var/bench/results.json (see bench/run.py).
bench: install
	$(BIN)/python bench/run.py
