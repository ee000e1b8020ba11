from odoo import fields, models
from odoo.tools import SQL

from ..models.b2b_customer import CUSTOMER_TYPES, REGIONS


class B2bProductAnalytics(models.Model):
    """Product performance: one row per counted line (product x customer x day).

    The category is the product's current one, read from its template (the facts keep
    the category of the line's last write: docs/definitions.md, *Category
    preferences*)."""

    _name = "b2b.product.analytics"
    _inherit = "b2b.analytics.report"
    _description = "B2B Product Performance"
    _auto = False
    _rec_name = "product_id"
    _order = "date desc"

    date = fields.Date(string="Order Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    customer_id = fields.Many2one("b2b.customer", readonly=True)
    tier_id = fields.Many2one("b2b.customer.tier", string="Tier at Order", readonly=True)
    # the customer's attributes now, which the dashboard's filters narrow by
    customer_tier_id = fields.Many2one("b2b.customer.tier", readonly=True)
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    region = fields.Selection(REGIONS, readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    order_id = fields.Many2one(
        "sale.order", string="Orders", readonly=True, group_operator="count_distinct"
    )
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    quantity = fields.Float(readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)
    margin_pct = fields.Float(string="Margin (%)", readonly=True, group_operator="avg")

    _ratio_measures = {"margin_pct": ("margin", "revenue", 100)}

    @property
    def _table_query(self):
        return SQL(
            """(
            SELECT f.line_id AS id, f.date, f.company_id, f.customer_id, f.tier_id,
                   c.tier_id AS customer_tier_id, c.customer_type, c.region,
                   c.user_id AS account_manager_id,
                   f.order_id, f.product_id, f.product_tmpl_id, t.categ_id, f.quantity,
                   f.revenue * currency_table.rate AS revenue,
                   f.cost * currency_table.rate AS cost,
                   (f.revenue - f.cost) * currency_table.rate AS margin,
                   (f.revenue - f.cost) / NULLIF(f.revenue, 0) * 100 AS margin_pct
              FROM b2b_sale_fact f
              JOIN product_template t ON t.id = f.product_tmpl_id
              JOIN b2b_customer c ON c.id = f.customer_id
              JOIN %s ON currency_table.company_id = f.company_id
            )""",
            self._currency_table(),
        )
