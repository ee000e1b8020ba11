"""The demo: Smart Dairy Ltd. and 18 months of its B2B business up to today (Dhaka time).

The orders go through the bulk writer (``bulk_writer``, checked equal to ORM orders by
``tests/test_dataset.py``); the invoices and payments of the last months through the ORM
(``accounting``).
"""

import datetime
import logging
import time
from zoneinfo import ZoneInfo

from odoo import Command

from . import accounting, bulk_writer, market, targets
from .bulk_load import bulk_load
from .master_data import (
    HEAD_OF_SALES,
    PORTAL_LOGIN,
    PORTAL_PASSWORD,
    SALESPERSON_PASSWORD,
    TRADING_NAME,
    company_logo,
    ensure_master_data,
)
from .plan import SMART_DAIRY, TRADING, build_plan

_logger = logging.getLogger(__name__)

DEMO_SEED = 2024
DEMO_MONTHS = 18
DEMO_CUSTOMERS = 250  # Smart Dairy's (the trading company's three come on top)
# The plan runs to the end of tomorrow: tomorrow's orders are quotations still open, and of
# today's only those placed by now are there.
PLANNED_DAYS_AHEAD = 2
DEMO_LANG = "en_GB"  # dates as 02/12/2026


def load_demo(env):
    """Smart Dairy with 18 months of orders up to now, invoices and payments."""
    started = time.monotonic()
    now = env.cr.now()  # naive UTC, as date_order
    today = datetime.datetime.now(ZoneInfo(market.TIMEZONE)).date()
    plan = build_plan(
        DEMO_SEED,
        today + datetime.timedelta(days=PLANNED_DAYS_AHEAD),
        months=DEMO_MONTHS,
        customers=DEMO_CUSTOMERS,
        keep_orders=True,
    )
    planned = time.monotonic()
    data = ensure_master_data(env, plan)
    _present(env, data)
    _bangladeshi_locale(env, data)
    prepared = time.monotonic()
    with bulk_load(env):
        orders, lines = bulk_writer.write_orders(
            env,
            (
                data.order_spec(order)
                for order in plan.orders()
                if order.date_order <= now or order.state in ("draft", "sent")
            ),
        )
        written = time.monotonic()
    loaded = time.monotonic()
    invoices, payments = accounting.invoice_and_collect(env, data, plan, today)
    # the model's parameters on the loaded history, before the follow-ups read the churn
    env["b2b.analytics.model.fit"]._cron_refit()
    collected = time.monotonic()
    # this morning's follow-ups, as the daily cron opens them: the account managers'
    # To Do activities for their overdue and high-risk customers (docs/definitions.md)
    followups = env["b2b.customer.followup"]._cron_open_followups()
    targets.create_targets(env, data.companies[SMART_DAIRY], today)
    _logger.info(
        "Smart Dairy demo in %.0f s: plan %.0f s, master data %.0f s, %d orders and %d lines "
        "%.0f s, their keys and facts %.0f s, %d invoices and %d payments %.0f s, "
        "%d follow-ups %.0f s",
        time.monotonic() - started,
        planned - started,
        prepared - planned,
        orders,
        lines,
        written - prepared,
        loaded - written,
        len(invoices),
        len(payments),
        collected - loaded,
        len(followups),
        time.monotonic() - collected,
    )


def _present(env, data):
    """The trading company's name and both companies' logo (report headers, portal, login
    page), and a login for each role of docs/security.md: the account managers
    (salespeople), a head of sales who manages without administering Odoo, and a portal
    buyer at the first customer."""
    trading = data.companies[TRADING]
    trading.write({"name": TRADING_NAME, "logo": company_logo()})
    Users = env["res.users"].with_context(no_reset_password=True)
    for user in data.users.values():
        user.password = SALESPERSON_PASSWORD
    name, login, password = HEAD_OF_SALES
    Users.create(
        {
            "name": name,
            "login": login,
            "email": login,
            "password": password,
            "tz": market.TIMEZONE,
            "company_id": data.companies[SMART_DAIRY].id,
            "company_ids": [Command.set([company.id for company in data.companies.values()])],
            "groups_id": [Command.set(env.ref("sales_team.group_sale_manager").ids)],
        }
    )
    buyer = data.partners[data.plan.customers[0].key, 1]
    buyer.email = PORTAL_LOGIN
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "name": buyer.name,
            "login": PORTAL_LOGIN,
            "password": PORTAL_PASSWORD,
            "partner_id": buyer.id,
            "company_id": data.companies[SMART_DAIRY].id,
            "company_ids": [Command.set(data.companies[SMART_DAIRY].ids)],
            "groups_id": [Command.set(env.ref("base.group_portal").ids)],
        }
    )


def _bangladeshi_locale(env, data):
    """The demo's people read dates day first, as in Bangladesh: English (UK) for the
    administrator, the account managers and the portal buyer (docs/definitions.md,
    "Formats")."""
    env["res.lang"]._activate_lang(DEMO_LANG)
    users = env.ref("base.user_admin") | env["res.users"].search(
        [("login", "in", (PORTAL_LOGIN, HEAD_OF_SALES[1]))]
    )
    for user in data.users.values():
        users |= user
    users.write({"lang": DEMO_LANG})
