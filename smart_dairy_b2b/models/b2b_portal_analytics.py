"""What a B2B customer's buyer sees on the portal (docs/security.md, *The portal*).

The customer-facing view of ONE B2B customer: its purchases (spend before and after
taxes, orders, products and quantities, monthly trend), its tier and the progress to the
next one, its latest orders, and its invoices with the open balance. Never a margin, a
cost, a lifetime value, an RFM segment, a churn figure, a company-wide figure or anything
of another customer: those are the dairy's internal assessments.

The customer is always the current user's own: the B2B customer of the user's commercial
partner in the current company, found with the user's rights (the portal record rule of
``b2b.customer``). A caller may name an id (the HTTP API's ``/customer/<id>``) only to be
told 404 when it is not that one. The purchases are read from the analytics facts
(``b2b_sale_fact``, the counted lines of docs/definitions.md) filtered on that one id; the
orders and invoices with ``sudo()`` filtered on that customer (a buyer does not follow
every order and invoice of its company).

An AbstractModel rather than controller code because three callers share it (the portal
page and its JSON route, the buyer's report download, the HTTP API for portal users) and
tests call it as the buyer. Its methods are private: nothing here answers over RPC. The
buyer's Purchase Report is built from this view in ``report/b2b_customer_documents.py``.
"""

from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import MissingError
from odoo.tools import SQL

from .. import vocabulary
from ..engine import credit
from ..engine import periods as P
from .analytics_params import parse_period
from .b2b_analytics_reading import num

RECENT_ORDERS = 10
RECENT_INVOICES = 10
CUSTOMER_INVOICES = ("out_invoice", "out_refund")


class B2bPortalAnalytics(models.AbstractModel):
    _name = "b2b.portal.analytics"
    _description = "B2B Analytics: a portal buyer's own purchases"

    # The customer -------------------------------------------------------------------

    @api.model
    def _own_customer(self):
        """The B2B customer of the user's commercial partner in the current company,
        read with the user's rights; an empty recordset when there is none."""
        Customer = self.env["b2b.customer"]
        if not Customer.check_access_rights("read", raise_exception=False):
            return Customer  # e.g. an employee outside the B2B groups
        return Customer.search(
            [
                ("partner_id", "=", self.env.user.partner_id.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )

    @api.model
    def _customer(self, customer_id=None):
        """The user's own customer; ``customer_id`` (from a URL) must be its id. Another
        id and no customer at all get the same error, so ids cannot be probed."""
        customer = self._own_customer()
        if not customer or (customer_id is not None and customer_id != customer.id):
            if customer_id is None:
                raise MissingError(_("Your account is not linked to a B2B customer here."))
            raise MissingError(_("No B2B customer %(id)s is available to you.", id=customer_id))
        return customer

    # The view -------------------------------------------------------------------------

    @api.model
    def _customer_view(self, date_from=None, date_to=None, customer_id=None):
        """The customer-facing figures of the user's own customer for the period
        (default: the last 12 months up to today, in the analytics timezone)."""
        return self._view(self._customer(customer_id), date_from, date_to)

    def _view(self, customer, date_from=None, date_to=None):
        """The customer-facing figures of ``customer``, which the caller resolved."""
        today = self._reading()._today()
        start, end = parse_period(
            date_from,
            date_to,
            lambda end: end - relativedelta(months=12) + timedelta(days=1),
            today,
        )
        self.env.flush_all()  # pending order changes reach the facts through their triggers
        totals = self._purchase_totals(customer, start, end)
        company = customer.company_id
        return {
            "customer": {
                "id": customer.id,
                "name": customer.name,
                "tier": customer.tier_id.name or None,
            },
            "period": {
                "date_from": start.isoformat(),
                "date_to": end.isoformat(),
                "currency": company.currency_id.name,
                "timezone": self._reading()._timezone(),
            },
            "summary": {
                "spend_untaxed": totals["spend_untaxed"],
                "spend_total": totals["spend_total"],
                "order_count": totals["orders"],
                "avg_order_value": P.safe_ratio(totals["spend_untaxed"], totals["orders"]),
                "first_order_date": totals["first"] and totals["first"].isoformat(),
                "last_order_date": totals["last"] and totals["last"].isoformat(),
            },
            "monthly_trend": self._monthly_trend(customer, start, end),
            "products": self._products(customer, start, end),
            "tier_progress": self._tier_progress(customer, today),
            "recent_orders": self._recent_orders(customer),
            "invoices": self._invoices(customer, today),
            "currency_format": {
                "name": company.currency_id.name,
                "symbol": company.currency_id.symbol,
                "position": company.currency_id.position,
                "decimals": company.currency_id.decimal_places,
            },
        }

    def _reading(self):
        """The analytics' reading layer: its timezone, today, and queries on up-to-date
        facts."""
        return self.env["b2b.analytics.reading"]

    def _lines(self, customer, start, end):
        """The customer's counted lines of [start, end] (the facts) with their amount
        including taxes, converted to the company currency like their revenue is
        (``b2b_counted_lines`` in b2b_sale_facts.sql: a missing rate counts as 1)."""
        return SQL(
            """(SELECT f.order_id, f.product_id, f.date, f.quantity, f.revenue,
                       l.price_total / CASE COALESCE(o.currency_rate, 0) WHEN 0 THEN 1.0
                                            ELSE o.currency_rate::numeric END AS revenue_taxed
                  FROM b2b_sale_fact f
                  JOIN sale_order_line l ON l.id = f.line_id
                  JOIN sale_order o ON o.id = f.order_id
                 WHERE f.customer_id = %s AND f.company_id = %s
                   AND f.date BETWEEN %s AND %s)""",
            customer.id,
            customer.company_id.id,
            start,
            end,
        )

    def _purchase_totals(self, customer, start, end):
        row = self._reading()._fetch(
            SQL(
                """SELECT SUM(revenue) AS spend_untaxed, SUM(revenue_taxed) AS spend_total,
                          COUNT(DISTINCT order_id) AS orders, MIN(date) AS first,
                          MAX(date) AS last
                     FROM %s lines""",
                self._lines(customer, start, end),
            )
        )[0]
        return dict(
            row,
            spend_untaxed=num(row["spend_untaxed"]),
            spend_total=num(row["spend_total"]),
            orders=int(row["orders"] or 0),
        )

    def _monthly_trend(self, customer, start, end):
        """[{month, orders, spend_untaxed, spend_total}] for every month of the period."""
        rows = self._reading()._fetch(
            SQL(
                """SELECT to_char(date, 'YYYY-MM') AS month, COUNT(DISTINCT order_id) AS orders,
                          SUM(revenue) AS spend_untaxed, SUM(revenue_taxed) AS spend_total
                     FROM %s lines GROUP BY 1""",
                self._lines(customer, start, end),
            )
        )
        by_month = {row["month"]: row for row in rows}
        return [
            {
                "month": month,
                "orders": int(by_month.get(month, {}).get("orders") or 0),
                "spend_untaxed": num(by_month.get(month, {}).get("spend_untaxed")),
                "spend_total": num(by_month.get(month, {}).get("spend_total")),
            }
            for month in P.month_range(start, end)
        ]

    def _products(self, customer, start, end):
        """Every product bought in the period, largest spend first; quantities in the
        product's unit of measure."""
        rows = self._reading()._fetch(
            SQL(
                """SELECT product_id, SUM(quantity) AS quantity, SUM(revenue) AS spend_untaxed,
                          COUNT(DISTINCT order_id) AS orders
                     FROM %s lines
                    GROUP BY product_id
                    ORDER BY spend_untaxed DESC, product_id""",
                self._lines(customer, start, end),
            )
        )
        products = (
            self.env["product.product"]
            .sudo()
            .with_context(active_test=False)
            .browse([row["product_id"] for row in rows])
        )
        by_id = {product.id: product for product in products}
        return [
            {
                "product_id": row["product_id"],
                "name": by_id[row["product_id"]].display_name,
                "uom": by_id[row["product_id"]].uom_id.name,
                "quantity": num(row["quantity"]),
                "spend_untaxed": num(row["spend_untaxed"]),
                "orders": int(row["orders"]),
            }
            for row in rows
        ]

    def _tier_progress(self, customer, today):
        """Spend (before taxes) over the last 12 months against the minimum annual spend
        of the next tier, with the company's tier ladder."""
        last_12 = self._purchase_totals(
            customer, today - relativedelta(months=12) + timedelta(days=1), today
        )
        spend = last_12["spend_untaxed"]
        tiers = self.env["b2b.customer.tier"].search([("company_id", "=", customer.company_id.id)])
        current = customer.tier_id
        later = tiers[tiers.ids.index(current.id) + 1 :] if current in tiers else tiers
        next_tier = later[:1]
        progress = {
            "tiers": [
                {
                    "name": tier.name,
                    "min_annual_spend": tier.min_annual_spend,
                    "current": tier == current,
                }
                for tier in tiers
            ],
            "current": current.name or None,
            "spend_12m": spend,
            "next": None,
            "threshold": None,
            "remaining": 0.0,
            "percent": 100.0,
        }
        if next_tier:
            threshold = next_tier.min_annual_spend
            progress.update(
                next=next_tier.name,
                threshold=threshold,
                remaining=max(threshold - spend, 0.0),
                percent=min(spend / threshold * 100, 100.0) if threshold else 100.0,
            )
        return progress

    def _recent_orders(self, customer):
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [("b2b_customer_id", "=", customer.id), ("state", "=", "sale")],
                order="date_order desc, id desc",
                limit=RECENT_ORDERS,
            )
        )
        timezone = pytz.timezone(self._reading()._timezone())
        return [
            {
                "id": order.id,
                "name": order.name,
                "date": pytz.utc.localize(order.date_order).astimezone(timezone).date().isoformat(),
                "amount_untaxed": order.amount_untaxed,
                "amount_total": order.amount_total,
                "currency": order.currency_id.name,
                "url": order.access_url,
            }
            for order in orders
        ]

    def _invoices(self, customer, today):
        """The customer's posted invoices and credit notes: the latest ones, and the open
        balance (what it still owes, in the company currency: its open receivable items,
        so invoices less credit notes and payments not yet matched, as the dairy's
        credit analysis counts it) with the overdue part and its ageing."""
        Move = self.env["account.move"].sudo()
        domain = [
            ("move_type", "in", CUSTOMER_INVOICES),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", customer.partner_id.id),
            ("company_id", "=", customer.company_id.id),
        ]
        ageing = self._ageing(customer, today)
        open_balance = sum(ageing.values())
        states = dict(Move._fields["payment_state"]._description_selection(self.env))
        moves = Move.search(domain, order="invoice_date desc, id desc", limit=RECENT_INVOICES)
        return {
            "count": Move.search_count(domain),
            "open_balance": open_balance,
            "overdue": open_balance - ageing["not_due"],
            "ageing": [
                {"bucket": bucket, "label": label, "amount": ageing[bucket]}
                for bucket, label in vocabulary.labels(self.env, vocabulary.AGEING_BUCKETS).items()
            ],
            "url": "/my/invoices",
            "items": [
                {
                    "id": move.id,
                    "name": move.name,
                    "type": "credit_note" if move.move_type == "out_refund" else "invoice",
                    "date": fields.Date.to_string(move.invoice_date),
                    "due_date": fields.Date.to_string(move.invoice_date_due),
                    "amount_total": move.amount_total_signed,
                    "amount_due": move.amount_residual_signed,
                    "status": states.get(move.payment_state, move.payment_state),
                    "url": move.access_url,
                }
                for move in moves
            ],
        }

    def _ageing(self, customer, today):
        """{ageing bucket: open amount} of the customer's open receivable items by days
        past their due date (engine/credit.py, the dairy's own buckets)."""
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("partner_id.commercial_partner_id", "=", customer.partner_id.id),
                    ("company_id", "=", customer.company_id.id),
                ],
                groupby=["date_maturity:day"],
                aggregates=["amount_residual:sum"],
            )
        )
        ageing = dict.fromkeys(credit.BUCKETS, 0.0)
        for due_date, amount in groups:
            days_past_due = (today - due_date).days if due_date else 0
            ageing[credit.ageing_bucket(days_past_due)] += amount
        return ageing
