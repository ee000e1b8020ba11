"""Orders through the ORM, as the sales screens make them: the reference the bulk writer
(``bulk_writer``) is checked against (``tests/test_dataset.py``)."""

import itertools

from odoo import Command
from odoo.tools import split_every

BATCH_SIZE = 200


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
        **spec.values(),
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
