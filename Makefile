# Two commands for a new machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
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

# The embedded default: SQLite under var/, Celery in-process, mail written to var/mail/.
run: demo
	@echo "Cổng Dân vận khéo: http://$(HOST):$(PORT)/  (tài khoản trình diễn: README.md, mật khẩu dvk-demo-2020)"
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
	rm -rf var/danvan.sqlite3* var/mail var/media var/static

# National-scale benchmark on PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432): two
# databases rebuilt (2020 national list; Tuyên Quang alone), data generated, gunicorn on loopback,
# 4 concurrent clients; prints the table and writes var/bench/results.json (see bench/run.py).
bench: install
	$(BIN)/python bench/run.py
