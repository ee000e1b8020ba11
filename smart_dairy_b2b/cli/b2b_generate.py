"""``odoo b2b_generate``: a large B2B sales history, written in bulk into a database."""

import argparse
import datetime
import logging
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import odoo
from odoo.cli import Command
from odoo.tools import config

from ..dataset import bulk_writer, catalogue, market
from ..dataset.bulk_load import bulk_load
from ..dataset.master_data import ensure_master_data
from ..dataset.plan import build_plan

_logger = logging.getLogger(__name__)

# The plan's rules give counted lines proportional to its scale, up to chance: aim this much
# higher so at least the requested number comes out.
LINES_MARGIN = 1.01


def build_parser(prog="odoo b2b_generate"):
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Generate the B2B sales history of Smart Dairy Ltd. (customers, products, "
        "orders) from the dataset plan, and write the orders with PostgreSQL COPY. The "
        "database must have smart_dairy_b2b installed. Odoo options such as -c odoo.conf "
        "may follow.",
    )
    parser.add_argument("-d", "--database", required=True, help="the database to fill")
    parser.add_argument(
        "--lines", type=_positive, default=1_000_000, help="confirmed order lines (at least)"
    )
    parser.add_argument("--customers", type=_positive, default=2000, help="B2B customers")
    parser.add_argument(
        "--products",
        type=_positive,
        default=150,
        help=f"products on sale (at most {catalogue.MAX_PRODUCTS})",
    )
    parser.add_argument("--years", type=_positive, default=3, help="years of history")
    parser.add_argument("--seed", type=int, default=42, help="the plan's random seed")
    parser.add_argument(
        "--end-date",
        type=datetime.date.fromisoformat,
        help="first day without orders, YYYY-MM-DD (default: today in Dhaka)",
    )
    return parser


def parse_arguments(argv, prog="odoo b2b_generate"):
    """(our arguments, the remaining Odoo options); bad arguments exit with status 2."""
    parser = build_parser(prog)
    args, odoo_args = parser.parse_known_args(argv)
    if args.products > catalogue.MAX_PRODUCTS:
        parser.error(
            f"argument --products: the catalogue has {catalogue.MAX_PRODUCTS} products, "
            f"not {args.products}"
        )
    return args, odoo_args


def check_database(name, prog="odoo b2b_generate"):
    """Exit with status 2 unless ``name`` is a database with smart_dairy_b2b installed."""
    parser = build_parser(prog)
    if not odoo.service.db.exp_db_exist(name):
        parser.error(f"database {name!r} does not exist")
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute("SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'")
        installed = cr.fetchone()
        if installed:
            cr.execute(
                "SELECT 1 FROM ir_module_module WHERE name = %s AND state = 'installed'",
                ["smart_dairy_b2b"],
            )
            installed = cr.fetchone()
    if not installed:
        parser.error(f"smart_dairy_b2b is not installed in database {name!r}")


def generate(env, lines, customers, products, years, seed, end_date):
    """Create what the plan needs, write its orders; returns (orders, lines, counted lines)."""
    started = time.monotonic()
    sized = build_plan(
        seed, end_date, months=12 * years, customers=customers, products=products, tiers=False
    )
    plan = sized.scaled(lines / sized.expected_counted_lines() * LINES_MARGIN)
    _logger.info(
        "Plan ready in %.0f s (%.0f s CPU)", time.monotonic() - started, time.process_time()
    )
    data = ensure_master_data(env, plan)
    _logger.info(
        "Master data ready in %.0f s (%.0f s CPU)", time.monotonic() - started, time.process_time()
    )
    counted = 0

    def specs():
        nonlocal counted
        for number, order in enumerate(plan.orders(), 1):
            if order.state == "sale":
                counted += len(order.lines)
            if not number % 20000:
                _logger.info("%d orders (%.0f s)", number, time.monotonic() - started)
            yield data.order_spec(order)

    with bulk_load(env):
        orders, written = bulk_writer.write_orders(env, specs())
    _logger.info(
        "Orders written in %.0f s (%.0f s CPU)", time.monotonic() - started, time.process_time()
    )
    return orders, written, counted


class B2bGenerate(Command):
    """Generate a large B2B sales history (smart_dairy_b2b)"""

    name = "b2b_generate"

    def run(self, cmdargs):
        prog = f"{Path(sys.argv[0]).name} {self.name}"
        args, odoo_args = parse_arguments(cmdargs, prog)
        config.parse_config([*odoo_args, "-d", args.database])
        check_database(args.database, prog)
        end_date = args.end_date or datetime.datetime.now(ZoneInfo(market.TIMEZONE)).date()
        started = time.monotonic()
        with odoo.registry(args.database).cursor() as cr:  # commits when done
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            orders, lines, counted = generate(
                env,
                args.lines,
                args.customers,
                args.products,
                args.years,
                args.seed,
                end_date,
            )
        with odoo.registry(args.database).cursor() as cr:  # sees the committed orders
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["b2b.sale.facts"]._maintain_rollups()
            env["b2b.analytics.model.fit"]._cron_refit()  # the parameters of the new history
        sys.stdout.write(
            f"{orders} orders, {lines} lines ({counted} in confirmed orders) written to "
            f"{args.database} in {time.monotonic() - started:.0f} s.\n"
        )


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return value
