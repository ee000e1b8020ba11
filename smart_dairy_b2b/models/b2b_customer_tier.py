from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class B2bCustomerTier(models.Model):
    _name = "b2b.customer.tier"
    _description = "B2B Customer Tier"
    _order = "company_id, sequence, min_annual_spend, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    discount_percent = fields.Float(string="Discount (%)", digits="Discount")
    min_annual_spend = fields.Monetary(
        string="Minimum Annual Spend",
        currency_field="currency_id",
        help="Spend over the last 12 months a customer needs to reach this tier.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    customer_count = fields.Integer(compute="_compute_customer_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A tier with this code already exists in this company.",
        ),
        (
            "discount_percent_range",
            "CHECK(discount_percent >= 0 AND discount_percent <= 100)",
            "A tier's discount must be between 0% and 100%.",
        ),
        (
            "min_annual_spend_positive",
            "CHECK(min_annual_spend >= 0)",
            "A tier's minimum annual spend cannot be negative.",
        ),
    ]

    def _compute_customer_count(self):
        counts = dict(
            self.env["b2b.customer"]._read_group(
                [("tier_id", "in", self.ids)], ["tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.customer_count = counts.get(tier, 0)

    @api.constrains("sequence", "min_annual_spend", "company_id", "active")
    def _check_thresholds_in_order(self):
        """Higher tiers (larger sequence) must ask for at least as much spend."""
        for company in self.company_id:
            tiers = self.search([("company_id", "=", company.id)], order="sequence, id")
            for lower, higher in zip(tiers, tiers[1:], strict=False):
                if higher.min_annual_spend < lower.min_annual_spend:
                    raise ValidationError(
                        _(
                            "Tier thresholds are out of order: %(higher)s comes after "
                            "%(lower)s but asks for a lower minimum annual spend "
                            "(%(higher_spend)s < %(lower_spend)s).",
                            higher=higher.name,
                            lower=lower.name,
                            higher_spend=higher.min_annual_spend,
                            lower_spend=lower.min_annual_spend,
                        )
                    )

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "smart_dairy_b2b.b2b_customer_action"
        )
        action["domain"] = [("tier_id", "=", self.id)]
        action["context"] = {"default_tier_id": self.id}
        return action
