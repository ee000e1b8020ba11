import pytz

from odoo import api, fields, models

from .b2b_sale_facts import TIMEZONE_PARAM


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    b2b_customer_id = fields.Many2one(
        "b2b.customer",
        compute="_compute_b2b_customer_id",
        store=True,
        index=True,
        readonly=True,
        help="The B2B customer of the order's commercial partner in the order's company.",
    )
    b2b_tier_id = fields.Many2one(
        "b2b.customer.tier",
        string="Tier at Order",
        readonly=True,
        copy=False,
        help="The customer's tier when the order was confirmed.",
    )

    b2b_order_day = fields.Date(
        string="Order Day",
        compute="_compute_b2b_order_day",
        help="The day of the order in the analytics timezone: the day the analytics count "
        "it in (docs/definitions.md, *Date of an order*), whatever the user's timezone.",
    )

    @api.depends("date_order")
    def _compute_b2b_order_day(self):
        # read per call: the setting may change without the orders changing
        zone = self.env["ir.config_parameter"].sudo().get_param(TIMEZONE_PARAM) or "UTC"
        tz = pytz.timezone(zone)
        for order in self:
            order.b2b_order_day = (
                pytz.utc.localize(order.date_order).astimezone(tz).date()
                if order.date_order
                else False
            )

    @api.depends("partner_id.commercial_partner_id", "company_id")
    def _compute_b2b_customer_id(self):
        customers = (
            self.env["b2b.customer"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.commercial_partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        by_key = {(c.partner_id.id, c.company_id.id): c for c in customers}
        for order in self:
            key = (order.partner_id.commercial_partner_id.id, order.company_id.id)
            order.b2b_customer_id = by_key.get(key, False)

    def _action_confirm(self):
        for customer, orders in self.grouped("b2b_customer_id").items():
            orders.b2b_tier_id = customer.sudo().tier_id
        return super()._action_confirm()
