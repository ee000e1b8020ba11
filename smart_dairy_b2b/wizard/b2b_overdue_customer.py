"""The *Overdue Today* list: today's overdue customers (``get_overdue_customers``) as
rows a list view can filter and group by account manager, type, region and tier.

A transient model filled from the service when the list opens, not a SQL view: the
rhythm rule lives once, in the engine, and the list is exactly the service's answer for
the user who opens it (transient rows are their creator's only).
"""

from odoo import api, fields, models

from .. import vocabulary
from ..models.b2b_customer import CUSTOMER_TYPES, REGIONS


class B2bOverdueCustomer(models.TransientModel):
    _name = "b2b.overdue.customer"
    _description = "B2B Customer Overdue Today"
    _order = "revenue_at_stake desc, id"
    _rec_name = "customer_id"

    customer_id = fields.Many2one("b2b.customer", readonly=True)
    tier_id = fields.Many2one("b2b.customer.tier", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    region = fields.Selection(REGIONS, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    usual_gap_days = fields.Float(string="Usual Gap (days)", digits=(6, 1), readonly=True)
    usual_weekdays = fields.Char(readonly=True)
    last_order_date = fields.Date(readonly=True)
    due_date = fields.Date(readonly=True)
    days_overdue = fields.Integer(readonly=True, group_operator="max")
    revenue_at_stake = fields.Monetary(readonly=True)

    @api.model
    def action_open(self):
        """Replace the user's rows with today's overdue customers and show them."""
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        analytics = self.env["b2b.analytics.service"]
        analytics._check_analytics_user()
        weekdays = vocabulary.labels(self.env, vocabulary.WEEKDAYS)
        self.create(
            [
                {
                    "customer_id": row["customer_id"],
                    "tier_id": row["tier_id"],
                    "user_id": row["user_id"],
                    "customer_type": row["customer_type"],
                    "region": row["region"],
                    "company_id": row["company_id"],
                    "usual_gap_days": row["usual_gap_days"],
                    "usual_weekdays": ", ".join(weekdays[d] for d in row["usual_weekdays"]),
                    "last_order_date": row["last_order_date"],
                    "due_date": row["due_date"],
                    "days_overdue": row["days_overdue"],
                    "revenue_at_stake": row["revenue_at_stake"],
                }
                for row in analytics._overdue_rows(analytics._today())
            ]
        )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "smart_dairy_b2b.b2b_overdue_customer_action"
        )
