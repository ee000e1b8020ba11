# smart_dairy_b2b — the two commands: `make run` and `make test`.
.PHONY: run test lint venv postgres clean facts-verify facts-rebuild facts-refresh

run:  ## set everything up (Odoo 17 into .venv when missing) and serve Odoo on http://localhost:8069 (admin/admin)
	@bash scripts/run.sh

test:  ## run every test: tier 1 (pytest) and tier 2 (Odoo, browser tours included)
	@bash scripts/test.sh

lint:  ## ruff, ruff-format, pylint-odoo and prettier, as OCA repositories run them
	@bash scripts/lint.sh

venv:
	@bash scripts/ensure-venv.sh

postgres:
	@bash scripts/ensure-postgres.sh

clean:  ## stop the private PostgreSQL cluster and remove .venv and .local
	-@[ -f .local/pgdata/PG_VERSION ] && { [ "$$(id -u)" = 0 ] && runuser -u postgres -- pg_ctl -D .local/pgdata stop || pg_ctl -D .local/pgdata stop; }
	rm -rf .venv .local

DB ?= smart_dairy
facts-verify:  ## compare the analytics facts of DB with a fresh computation
	@.venv/bin/python -m odoo --addons-path=. b2b_facts --verify -c odoo.conf -d $(DB) --log-level=warn

facts-rebuild:  ## recompute the analytics facts of DB from its orders
	@.venv/bin/python -m odoo --addons-path=. b2b_facts --rebuild -c odoo.conf -d $(DB) --log-level=warn

facts-refresh:  ## TimescaleDB: refresh DB's continuous aggregates for the pending days
	@.venv/bin/python -m odoo --addons-path=. b2b_facts --refresh -c odoo.conf -d $(DB) --log-level=warn
