"""The rollups through real commits: a back-dated change shows in the next call, the
rollup cron (with TimescaleDB, the continuous aggregates' refresh) changes no answer,
and `odoo b2b_facts --verify` finds the stored facts and rollups equal to a fresh
computation afterwards. Runs on whichever path the test database has."""

import configparser
import time
from pathlib import Path

import psycopg2
import pytest

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
DAY = "2025-01-15"  # an old day: with TimescaleDB, already materialized by the install


def _month_kpis(admin):
    service = "b2b.analytics.service"
    kpis = admin.call(service, "get_executive_dashboard", "2025-01-01", "2025-01-31", "none")
    return {name: kpi["value"] for name, kpi in kpis["kpis"].items()}


def _pending_days(db):
    """With TimescaleDB, the days whose aggregates await a refresh; None on plain tables."""
    conf = configparser.ConfigParser()
    conf.read(ROOT / "odoo.conf")
    options = conf["options"]
    connection = psycopg2.connect(
        host=options["db_host"],
        port=options["db_port"],
        user=options["db_user"],
        password=options["db_password"],
        dbname=db,
    )
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT to_regclass('b2b_rollup_pending') IS NOT NULL")
            if not cr.fetchone()[0]:
                return None
            cr.execute("SELECT DISTINCT date::text FROM b2b_rollup_pending")
            return {day for (day,) in cr.fetchall()}
    finally:
        connection.close()


def _run_rollup_cron(world, rpc_error):
    """Run the rollup cron now; the server's own cron thread may be running it at the
    same moment (then this waits and runs it again) until no day is pending."""
    cron = world.admin.ref("smart_dairy_b2b.b2b_rollup_maintenance_cron")
    deadline = time.monotonic() + 60
    while True:
        try:
            world.admin.call("ir.cron", "method_direct_trigger", [cron])
        except rpc_error:  # locked by the cron thread running it
            pass
        if not _pending_days(world.db) or time.monotonic() > deadline:
            return
        time.sleep(1)


def test_back_dated_order_then_rollup_cron_then_verify(world, rpc_error, b2b_facts):
    admin = world.admin
    _run_rollup_cron(world, rpc_error)  # the install's days settle
    before = _month_kpis(admin)
    partner = admin.call("b2b.customer", "read", [world.customer_a], ["partner_id"])[0]
    product = admin.call("product.product", "search", [("sale_ok", "=", True)], limit=1)[0]
    order = admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner["partner_id"][0],
            "company_id": world.company_id,
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 7})],
        },
    )
    admin.call("sale.order", "action_confirm", [order])
    admin.call("sale.order", "write", [order], {"date_order": f"{DAY} 06:00:00"})
    untaxed = admin.call("sale.order", "read", [order], ["amount_untaxed"])[0]["amount_untaxed"]

    moved = _month_kpis(admin)  # the very next call
    assert moved["orders"] == before["orders"] + 1
    assert moved["revenue"] == pytest.approx(before["revenue"] + untaxed)
    pending = _pending_days(world.db)
    assert pending is None or DAY in pending

    _run_rollup_cron(world, rpc_error)
    assert _month_kpis(admin) == moved
    assert not _pending_days(world.db)  # refreshed: read from the aggregates again

    result = b2b_facts("--verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 difference(s)."

    admin.call("sale.order", "action_cancel", [order], context={"disable_cancel_warning": True})
    assert _month_kpis(admin) == before
    _run_rollup_cron(world, rpc_error)
    assert _month_kpis(admin) == before
