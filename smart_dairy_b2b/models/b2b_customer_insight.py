from odoo import api, fields, models

from ..engine.rfm import SEGMENTS

CHURN_RISKS = [("high", "High"), ("medium", "Medium"), ("low", "Low")]


class B2bCustomerInsight(models.Model):
    """RFM segment, lifetime value and churn risk per customer: a snapshot of the
    predictive service, refreshed by a scheduled action and on demand, so that lists
    can filter and group by segment and risk."""

    _name = "b2b.customer.insight"
    _inherit = "b2b.analytics.scope"
    _description = "B2B Customer Insight"
    _order = "revenue_12m desc, id"
    _rec_name = "customer_id"

    # Older snapshots are refreshed when the insights are opened.
    _max_age_hours = 1

    customer_id = fields.Many2one(
        "b2b.customer", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="customer_id.company_id", store=True)
    tier_id = fields.Many2one(related="customer_id.tier_id", string="Current Tier", store=True)
    customer_type = fields.Selection(related="customer_id.customer_type", store=True)
    region = fields.Selection(related="customer_id.region", store=True)
    account_manager_id = fields.Many2one(
        related="customer_id.user_id", string="Account Manager", store=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    last_order_date = fields.Date(readonly=True)
    days_since_last_order = fields.Integer(readonly=True, group_operator="avg")
    orders_12m = fields.Integer(string="Orders (12 months)", readonly=True)
    revenue_12m = fields.Monetary(string="Revenue (12 months)", readonly=True)
    r_score = fields.Integer(string="R", readonly=True, group_operator="avg")
    f_score = fields.Integer(string="F", readonly=True, group_operator="avg")
    m_score = fields.Integer(string="M", readonly=True, group_operator="avg")
    segment = fields.Selection([(s, s) for s in SEGMENTS], string="RFM Segment", readonly=True)
    clv_36m = fields.Monetary(string="Historical CLV (36 months)", readonly=True)
    clv_formula = fields.Monetary(string="CLV (retention formula)", readonly=True)
    clv_12m = fields.Monetary(string="Predicted CLV (12 months)", readonly=True)
    expected_orders_12m = fields.Float(string="Expected Orders (12 months)", readonly=True)
    probability_alive = fields.Float(
        string="P(alive)", readonly=True, group_operator="avg", digits=(3, 2)
    )
    churn_risk = fields.Selection(CHURN_RISKS, readonly=True)
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("customer_uniq", "unique(customer_id)", "A customer has one insight row."),
    ]

    @api.model
    def _refresh(self):
        """Recompute every company's insights from the analytics service."""
        now = fields.Datetime.now()
        Insight = self.sudo()
        for company in self.env["res.company"].sudo().search([]):
            service = (
                self.env["b2b.analytics.service"]
                .sudo()
                .with_company(company)
                .with_context(allowed_company_ids=company.ids)
            )
            rows = service._insight_rows()
            Insight.search([("company_id", "=", company.id)]).unlink()
            Insight.create([dict(row, computed_at=now) for row in rows])

    @api.model
    def action_open(self):
        """The Customer Insights list, refreshed first when its snapshot is old."""
        latest = self.sudo().search([], order="computed_at desc", limit=1).computed_at
        if (
            not latest
            or (fields.Datetime.now() - latest).total_seconds() > 3600 * self._max_age_hours
        ):
            self._refresh()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "smart_dairy_b2b.b2b_customer_insight_action"
        )

    def action_refresh(self):
        self._refresh()
        return {"type": "ir.actions.client", "tag": "reload"}
