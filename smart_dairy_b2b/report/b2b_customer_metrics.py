from odoo import fields, models
from odoo.tools import SQL

from ..models.b2b_customer import CUSTOMER_TYPES, REGIONS


class B2bCustomerMetrics(models.Model):
    """One row per B2B customer with counted orders: its whole purchase history."""

    _name = "b2b.customer.metrics"
    _inherit = "b2b.analytics.report"
    _description = "B2B Customer Metrics"
    _auto = False
    _rec_name = "customer_id"
    _order = "revenue desc"

    customer_id = fields.Many2one("b2b.customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    tier_id = fields.Many2one("b2b.customer.tier", string="Current Tier", readonly=True)
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    region = fields.Selection(REGIONS, readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        lambda self: self.env["b2b.customer"]._fields["state"].selection, readonly=True
    )
    first_order_date = fields.Date(readonly=True, group_operator="min")
    last_order_date = fields.Date(readonly=True, group_operator="max")
    days_since_last_order = fields.Integer(readonly=True, group_operator="avg")
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)
    margin_pct = fields.Float(string="Margin (%)", readonly=True, group_operator="avg")
    aov = fields.Monetary(string="Average Order Value", readonly=True, group_operator="avg")

    _ratio_measures = {
        "aov": ("revenue", "order_count", 1),
        "margin_pct": ("margin", "revenue", 100),
    }

    @property
    def _table_query(self):
        return SQL(
            """(
            SELECT c.id, c.id AS customer_id, c.company_id, c.tier_id, c.customer_type,
                   c.region, c.user_id AS account_manager_id, c.state,
                   h.first_order_date, h.last_order_date,
                   -- now() is a timestamptz: its wall-clock date in the analytics zone
                   (now() AT TIME ZONE b2b_analytics_timezone())::date
                       - h.last_order_date AS days_since_last_order,
                   h.order_count,
                   h.revenue * currency_table.rate AS revenue,
                   h.margin * currency_table.rate AS margin,
                   h.margin / NULLIF(h.revenue, 0) * 100 AS margin_pct,
                   h.revenue * currency_table.rate / NULLIF(h.order_count, 0) AS aov
              FROM (SELECT customer_id, MIN(date) AS first_order_date,
                           MAX(date) AS last_order_date, SUM(order_count) AS order_count,
                           SUM(revenue) AS revenue, SUM(revenue - cost) AS margin
                      FROM %s d
                     GROUP BY customer_id) h
              JOIN b2b_customer c ON c.id = h.customer_id
              JOIN %s ON currency_table.company_id = c.company_id
            )""",
            self.env["b2b.sale.facts"]._rollup_rows("daily"),
            self._currency_table(),
        )
