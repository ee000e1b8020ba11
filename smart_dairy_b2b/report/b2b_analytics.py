from odoo import fields, models
from odoo.tools import SQL

from ..models.b2b_customer import CUSTOMER_TYPES, REGIONS


class B2bAnalytics(models.Model):
    """Sales by B2B customer and day (docs/definitions.md), for pivot and graph: one row
    per day x customer x tier at order x the orders' sales team, campaign, medium and
    source, with revenue, margin and discount.

    Reads the daily rollup of the analytics facts; amounts are converted to the
    current company's currency like ``sale.report`` does.
    """

    _name = "b2b.analytics"
    _inherit = "b2b.analytics.report"
    _description = "B2B Sales Analysis"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    date = fields.Date(string="Order Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    customer_id = fields.Many2one("b2b.customer", readonly=True)
    tier_id = fields.Many2one("b2b.customer.tier", string="Tier at Order", readonly=True)
    # the dashboard's tier filter: the customer's tier now (docs/definitions.md, *Filters*)
    customer_tier_id = fields.Many2one("b2b.customer.tier", readonly=True)
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    region = fields.Selection(REGIONS, readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    line_count = fields.Integer(string="Order Lines", readonly=True)
    quantity = fields.Float(readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)
    discount = fields.Monetary(readonly=True)
    gross = fields.Monetary(string="Gross (before discount)", readonly=True)
    discount_pct = fields.Float(string="Discount (%)", readonly=True, group_operator="avg")
    margin_pct = fields.Float(string="Margin (%)", readonly=True, group_operator="avg")
    aov = fields.Monetary(string="Average Order Value", readonly=True, group_operator="avg")

    _ratio_measures = {
        "aov": ("revenue", "order_count", 1),
        "margin_pct": ("margin", "revenue", 100),
        "discount_pct": ("discount", "gross", 100),
    }

    @property
    def _table_query(self):
        # Every row has its customer: LEFT JOIN lets PostgreSQL skip the join when no
        # customer column is asked for (a pivot by month and tier).
        return SQL(
            """(
            SELECT d.id, d.date, d.company_id, d.customer_id, d.tier_id,
                   c.tier_id AS customer_tier_id, c.customer_type, c.region,
                   c.user_id AS account_manager_id,
                   d.team_id, d.campaign_id, d.medium_id, d.source_id,
                   d.order_count, d.line_count, d.quantity,
                   d.revenue * currency_table.rate AS revenue,
                   d.cost * currency_table.rate AS cost,
                   (d.revenue - d.cost) * currency_table.rate AS margin,
                   (d.revenue - d.cost) / NULLIF(d.revenue, 0) * 100 AS margin_pct,
                   d.discount * currency_table.rate AS discount,
                   (d.revenue + d.discount) * currency_table.rate AS gross,
                   d.discount / NULLIF(d.revenue + d.discount, 0) * 100 AS discount_pct,
                   d.revenue * currency_table.rate / NULLIF(d.order_count, 0) AS aov
              FROM %s d
              LEFT JOIN b2b_customer c ON c.id = d.customer_id
              JOIN %s ON currency_table.company_id = d.company_id
            )""",
            self.env["b2b.sale.facts"]._rollup_rows("daily"),
            self._currency_table(),
        )
