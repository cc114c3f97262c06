# Thin targets: the logic lives in scripts/*.sh
SHELL := /bin/bash
DB ?= meeting_minutes_demo
TEST_DB ?= meeting_minutes_test
export DB TEST_DB

.PHONY: help bootstrap run test lint benchmark compare-peer load cron-race screenshots clean-db

help:
	@echo "make run        Odoo + meeting_minutes + demo data on http://localhost:8069 (admin/admin)"
	@echo "make test       the whole test suite (fresh database $(TEST_DB))"
	@echo "make bootstrap  prepare Odoo 18.0, venv, PostgreSQL, wkhtmltopdf (run by run/test)"
	@echo "make lint       linters (scripts/lint.sh)"
	@echo "make benchmark  crons and form on 5,000 generated meetings (scripts/benchmark.sh)"
	@echo "make compare-peer opening a meeting against the peer community_meetings 18.0 (scripts/compare_peer.sh)"
	@echo "make load       50 concurrent users on a copy of the benchmark db, 8 workers; PDF over HTTP; cron race (scripts/load.sh)"
	@echo "make cron-race  two processes run the four crons at once: each record done once (scripts/cron_race.sh)"
	@echo "make screenshots PNGs of the screens in en and zh_CN, as the demo users, in docs/screenshots/"
	@echo "make clean-db   drop the databases $(DB) and $(TEST_DB)"

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	@bash scripts/run.sh

test: bootstrap
	@bash scripts/test.sh

lint:
	@if [ -f scripts/lint.sh ]; then bash scripts/lint.sh; else echo "[lint] scripts/lint.sh not written yet" >&2; exit 1; fi

benchmark: bootstrap
	@bash scripts/benchmark.sh

compare-peer: bootstrap
	@bash scripts/compare_peer.sh

load: bootstrap
	@bash scripts/load.sh

cron-race: bootstrap
	@bash scripts/cron_race.sh

screenshots: bootstrap
	@bash scripts/screenshots.sh

clean-db:
	@bash scripts/clean-db.sh
