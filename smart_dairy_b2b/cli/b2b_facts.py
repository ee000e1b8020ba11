"""``odoo b2b_facts``: rebuild, refresh or verify the B2B analytics facts of a database."""

import argparse
import sys
from pathlib import Path

import odoo
from odoo.cli import Command
from odoo.tools import config


class B2bFacts(Command):
    """Rebuild, refresh or verify smart_dairy_b2b's analytics facts"""

    name = "b2b_facts"

    def run(self, cmdargs):
        parser = argparse.ArgumentParser(
            prog=f"{Path(sys.argv[0]).name} {self.name}",
            description="Rebuild the B2B analytics facts from the orders, refresh "
            "TimescaleDB's continuous aggregates for the days changed since their last "
            "refresh, or compare the facts with a fresh computation and list every "
            "difference. Odoo options such as -c odoo.conf and -d DATABASE come after these.",
        )
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="recompute every fact")
        action.add_argument(
            "--refresh", action="store_true", help="refresh the continuous aggregates"
        )
        action.add_argument("--verify", action="store_true", help="list the differences")
        args, odoo_args = parser.parse_known_args(cmdargs)
        config.parse_config(odoo_args)
        database = config["db_name"]
        if not database or "," in database:
            parser.error("name one database with -d DATABASE")
        if not odoo.service.db.exp_db_exist(database):
            parser.error(f"database {database!r} does not exist")
        registry = odoo.registry(database)
        if "b2b.sale.facts" not in registry:
            parser.error(f"smart_dairy_b2b is not installed in database {database!r}")
        if args.rebuild:
            with registry.cursor() as cr:  # committed on leaving: the refresh sees them
                odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["b2b.sale.facts"]._rebuild()
            sys.stdout.write(f"Rebuilt the analytics facts of {database}.\n")
        with registry.cursor() as cr:
            facts = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["b2b.sale.facts"]
            if args.rebuild or args.refresh:
                if facts._is_hypertable():
                    days = facts._refresh_rollups()
                    sys.stdout.write(f"Refreshed the continuous aggregates ({days} day(s)).\n")
                else:
                    facts._maintain_rollups()
                    sys.stdout.write(
                        "Plain PostgreSQL: the rollup tables move with every change; "
                        "merged the product rollup's delta rows.\n"
                    )
                return 0
            differences = facts._verify()
            for difference in differences:
                sys.stdout.write("{table} {key}: {problem}\n".format(**difference))
            sys.stdout.write(f"{len(differences)} difference(s).\n")
            sys.exit(1 if differences else 0)
