"""Monthly sales targets (docs/definitions.md, *Targets*): per company and month, for
the whole company, a tier, an account manager or both. Managers set them; a
salesperson reads their own."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class B2bSalesTarget(models.Model):
    _name = "b2b.sales.target"
    _description = "B2B Monthly Sales Target"
    _order = "month desc, company_id, tier_id, user_id"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True,
        index=True,
        help="The target's month: any day of it is stored as its first day.",
    )
    tier_id = fields.Many2one(
        "b2b.customer.tier",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Empty: every tier. Compared with the revenue of the customers now in this tier.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        help="Empty: every account manager. Compared with the revenue of this manager's customers.",
    )
    revenue_target = fields.Monetary(required=True, currency_field="currency_id")
    volume_target = fields.Float(
        string="Quantity Target", help="Optional: the quantity sold (products' units)."
    )

    _sql_constraints = [
        (
            "target_unique",
            "UNIQUE NULLS NOT DISTINCT (company_id, month, tier_id, user_id)",
            "There is already a target for this company, month, tier and account manager.",
        ),
        ("revenue_positive", "CHECK (revenue_target >= 0)", "A revenue target cannot be negative."),
        ("volume_positive", "CHECK (volume_target >= 0)", "A quantity target cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._first_of_month(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._first_of_month(vals)
        return super().write(vals)

    @staticmethod
    def _first_of_month(vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)

    @api.depends("month", "tier_id", "user_id")
    def _compute_display_name(self):
        for target in self:
            parts = [target.month.strftime("%Y-%m") if target.month else ""]
            parts += [record.display_name for record in (target.tier_id, target.user_id) if record]
            target.display_name = " · ".join(parts)

    @api.constrains("tier_id", "company_id")
    def _check_tier_company(self):
        for target in self:
            if target.tier_id.company_id and target.tier_id.company_id != target.company_id:
                raise ValidationError(
                    _("The tier %(tier)s belongs to another company.", tier=target.tier_id.name)
                )
