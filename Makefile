# Courtside daily jobs. Every target is idempotent and says what it does.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CS := $(BIN)/courtside
STAMP := $(VENV)/.installed
export DO_NOT_TRACK := 1
export RUNTIME__DLTHUB_TELEMETRY := false
export ANONYMIZED_TELEMETRY := False
# The last day of the 2023-24 regular season: loaded as of that morning, its 15 games are "today".
DEMO_DATE ?= 2024-04-14
# `make run` replays the mornings before it, so predictions, scores and monitoring have history
REPLAY_DAYS ?= 7
REPLAY_FROM = $(shell $(PY) -c "import datetime as d; print(d.date.fromisoformat('$(DEMO_DATE)') - d.timedelta(days=$(REPLAY_DAYS)))")
# the season `make run` backtests walk-forward (as loaded on DEMO_DATE)
SEASON ?= 2023-24
# `make run` ends by serving the API and the dashboard in the foreground; SERVE=0 stops after the data (CI, scripts)
SERVE ?= 1

.PHONY: install run serve daily test lint docs bench clean db-stop help

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@echo ">> creating $(VENV) and installing courtside with constraints.txt"
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install (pinned by constraints.txt)

run: install  ## the main job on the bundled data: replay the mornings up to DEMO_DATE (load, build, train, predict, score), backtest SEASON, then serve (SERVE=0: don't)
	@echo ">> starting the database and applying migrations"
	$(CS) db migrate
	@echo ">> replaying the daily run from $(REPLAY_FROM) to $(DEMO_DATE) on the bundled snapshot"
	$(CS) replay --from $(REPLAY_FROM) --to $(DEMO_DATE)
	@echo ">> walk-forward backtest of $(SEASON) against home, Elo, 538 and the market (the performance pages' comparisons)"
	$(CS) backtest --season $(SEASON)
	$(CS) build --select source:ops+
	$(CS) predict --date $(DEMO_DATE)
	@if [ "$(SERVE)" != "0" ]; then $(MAKE) --no-print-directory serve; fi

serve: install  ## serve the REST API on 127.0.0.1:8001 (docs at /schema) and the dashboard on 127.0.0.1:5006 until Ctrl-C
	$(CS) serve

daily: install  ## one morning's run: make daily DATE=YYYY-MM-DD (live mode: DATE defaults to today)
	$(CS) daily $(if $(DATE),--date $(DATE),)

test: install  ## run the whole test suite (real PostgreSQL, real dbt)
	$(BIN)/pytest -q

lint: install  ## ruff (python) and sqlfluff (dbt SQL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project/models --processes 2

docs: install  ## generate and serve the dbt docs site (offline)
	$(CS) docs --serve

# Benchmarks get a home (and embedded server) of their own, loaded with every bundled season,
# so they never disturb the demo database of `make run`.
BENCH_HOME := $(CURDIR)/.courtside/bench
bench: install  ## run the benchmarks on all bundled seasons and write benchmarks/REPORT.md
	@echo ">> loading every bundled season into $(BENCH_HOME) and building it"
	COURTSIDE_HOME=$(BENCH_HOME) $(CS) db migrate
	COURTSIDE_HOME=$(BENCH_HOME) $(CS) ingest snapshot --dir data --quiet
	COURTSIDE_HOME=$(BENCH_HOME) $(CS) build
	COURTSIDE_HOME=$(BENCH_HOME) $(BIN)/python -m benchmarks.run
	COURTSIDE_HOME=$(BENCH_HOME) $(CS) db stop

db-stop:  ## stop the embedded PostgreSQL
	-@test -x $(CS) && $(CS) db stop

clean: db-stop  ## remove the venv, the embedded database, dbt output
	rm -rf $(VENV) .courtside target logs .pytest_cache .ruff_cache *.egg-info
