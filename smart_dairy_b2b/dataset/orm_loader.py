"""The demo: the dataset plan loaded through the ORM, like users would have entered it."""

import datetime
import itertools
import logging
import time
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.tools import split_every

from . import catalogue
from .master_data import ensure_master_data
from .plan import build_plan

_logger = logging.getLogger(__name__)

DEMO_SEED = 2024
DEMO_MONTHS = 18
DEMO_CUSTOMERS = 60
# The plan's full rhythms give about 11,000 orders for 60 customers over 18 months; the
# ORM takes about 27 ms an order, and a quarter of them (2,800 orders, 12,800 lines) keeps
# installing the addon with its demo under three minutes on two cores.
DEMO_SCALE = 0.25
BATCH_SIZE = 200


def load_demo(env):
    """Smart Dairy with 18 months of orders up to yesterday (Dhaka time)."""
    started = time.monotonic()
    today = datetime.datetime.now(ZoneInfo(catalogue.TIMEZONE)).date()
    plan = build_plan(
        DEMO_SEED, today, months=DEMO_MONTHS, customers=DEMO_CUSTOMERS, scale=DEMO_SCALE
    )
    data = ensure_master_data(env, plan)
    orders = create_orders(env, (data.order_spec(order) for order in plan.orders()))
    _logger.info(
        "Smart Dairy demo: %d orders, %d lines in %.0f s",
        len(orders),
        len(orders.order_line),
        time.monotonic() - started,
    )
    return orders


def create_orders(env, specs):
    """Create, confirm, send or cancel the orders of ``OrderSpec``s as the sales screens do,
    keeping each order's planned date. Returns the orders."""
    SaleOrder = env["sale.order"].with_context(tracking_disable=True)
    created = SaleOrder
    for batch in split_every(BATCH_SIZE, specs, list):
        # Consecutive orders of a company together, so names follow the dates.
        for company_id, company_specs in itertools.groupby(batch, lambda s: s.company_id):
            company_specs = list(company_specs)
            orders = SaleOrder.with_company(company_id).create(
                [_order_values(spec) for spec in company_specs]
            )
            _apply_states(orders, company_specs)
            created |= orders
    return created


def _order_values(spec):
    return {
        "company_id": spec.company_id,
        "partner_id": spec.partner_id,
        "pricelist_id": spec.pricelist_id,
        "user_id": spec.user_id,
        "date_order": spec.date_order,
        "order_line": [
            Command.create({"product_id": product_id, "product_uom_qty": qty, "discount": discount})
            for product_id, qty, discount in spec.lines
        ],
    }


def _apply_states(orders, specs):
    def in_state(state):
        return orders.browse(
            [order.id for order, spec in zip(orders, specs, strict=True) if spec.state == state]
        )

    in_state("sent").action_quotation_sent()
    confirmed = in_state("sale")
    confirmed.action_confirm()
    in_state("cancel")._action_cancel()
    # Confirming stamps an order with the current time: put the planned dates back, in one
    # flush.
    for order, spec in zip(orders, specs, strict=True):
        if spec.state == "sale":
            order.date_order = spec.date_order
    confirmed.flush_recordset()
