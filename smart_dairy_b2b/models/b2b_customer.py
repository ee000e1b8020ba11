from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..dataset import demo

CUSTOMER_TYPES = [
    ("supermarket", "Supermarket Chain"),
    ("retailer", "Retailer"),
    ("horeca", "HoReCa"),
    ("institution", "Institution"),
    ("distributor", "Distributor"),
]

# The eight administrative divisions of Bangladesh.
REGIONS = [
    ("dhaka", "Dhaka"),
    ("chattogram", "Chattogram"),
    ("khulna", "Khulna"),
    ("rajshahi", "Rajshahi"),
    ("barishal", "Barishal"),
    ("sylhet", "Sylhet"),
    ("rangpur", "Rangpur"),
    ("mymensingh", "Mymensingh"),
]


class B2bCustomer(models.Model):
    _name = "b2b.customer"
    _description = "B2B Customer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Company Contact",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The customer's company contact; orders placed by any of its contacts "
        "belong to this B2B customer.",
    )
    tier_id = fields.Many2one(
        "b2b.customer.tier",
        tracking=True,
        index=True,
        domain="[('company_id', '=', company_id)]",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("pending", "Pending Approval"),
            ("approved", "Approved"),
            ("suspended", "Suspended"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    customer_type = fields.Selection(CUSTOMER_TYPES, required=True, default="retailer")
    region = fields.Selection(REGIONS)
    credit_limit = fields.Monetary(currency_field="currency_id", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    sale_order_ids = fields.One2many("sale.order", "b2b_customer_id", string="Orders")
    sale_order_count = fields.Integer(compute="_compute_sale_order_count")
    insight_ids = fields.One2many("b2b.customer.insight", "customer_id", string="Insights")

    @api.constrains("credit_limit")
    def _check_credit_limit(self):
        for customer in self:
            if customer.credit_limit < 0:
                raise ValidationError(
                    _(
                        "The credit limit of %(customer)s cannot be negative (%(amount)s).",
                        customer=customer.name,
                        amount=customer.credit_limit,
                    )
                )

    @api.constrains("partner_id", "company_id")
    def _check_one_customer_per_partner(self):
        # One query for the whole batch (an import of tens of thousands), archived
        # customers included.
        self.flush_model(["partner_id", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id, twin.id
                  FROM b2b_customer c
                  JOIN b2b_customer twin
                    ON twin.partner_id = c.partner_id
                   AND twin.company_id = c.company_id
                   AND twin.id != c.id
                 WHERE c.id = ANY(%s)
                 ORDER BY c.id, twin.id
                 LIMIT 1
                """,
                self.ids,
            )
        )
        pair = self.env.cr.fetchone()
        if pair:
            customer, twin = self.sudo().browse(pair)
            raise ValidationError(
                _(
                    "%(partner)s is already a B2B customer of %(company)s (%(twin)s). "
                    "A company contact can be only one B2B customer per company.",
                    partner=customer.partner_id.display_name,
                    company=customer.company_id.name,
                    twin=twin.name,
                )
            )

    @api.depends("partner_id")
    def _compute_name(self):
        for customer in self:
            customer.name = customer.name or customer.partner_id.name

    def _compute_sale_order_count(self):
        # the orders the analytics count: confirmed, not quotations or cancelled ones
        counts = dict(
            self.env["sale.order"]._read_group(
                [("b2b_customer_id", "in", self.ids), ("state", "=", "sale")],
                ["b2b_customer_id"],
                ["__count"],
            )
        )
        for customer in self:
            customer.sale_order_count = counts.get(customer, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # One read of every partner of the batch (the name computed from it included),
        # not one per customer of an import.
        self.env["res.partner"].browse(
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        ).fetch(["name", "commercial_partner_id"])
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if partner and partner != partner.commercial_partner_id:
                vals["partner_id"] = partner.commercial_partner_id.id
        customers = super().create(vals_list)
        customers._link_orders()
        return customers

    def write(self, vals):
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        relink = {"partner_id", "company_id"} & set(vals)
        previous_orders = self.sale_order_ids if relink else None
        res = super().write(vals)
        if relink:
            (previous_orders | self._find_orders())._compute_b2b_customer_id()
        return res

    def unlink(self):
        # Detach the orders first, so their analytics facts go with them.
        self.with_context(active_test=False).sale_order_ids.sudo().write(
            {"b2b_customer_id": False, "b2b_tier_id": False}
        )
        return super().unlink()

    def _find_orders(self):
        """The orders of these customers' commercial partners in their companies: one
        query whatever the number of customers (an import of tens of thousands)."""
        if not self:
            return self.env["sale.order"]
        self.flush_model(["partner_id", "company_id"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["sale.order"].flush_model(["partner_id", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT o.id
                  FROM b2b_customer c
                  JOIN res_partner p ON p.commercial_partner_id = c.partner_id
                  JOIN sale_order o ON o.partner_id = p.id AND o.company_id = c.company_id
                 WHERE c.id = ANY(%s)
                """,
                self.ids,
            )
        )
        order_ids = [order_id for (order_id,) in self.env.cr.fetchall()]
        return self.env["sale.order"].sudo().browse(order_ids)

    def _link_orders(self):
        """Attach the existing orders of these customers' partners to them."""
        self._find_orders()._compute_b2b_customer_id()

    # Workflow -------------------------------------------------------------

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda c: c.state not in allowed)
        if wrong:
            raise UserError(
                _(
                    "Cannot %(action)s %(customers)s: the customer must be %(states)s.",
                    action=action,
                    customers=", ".join(wrong.mapped("name")),
                    states=_(" or ").join(
                        dict(self._fields["state"]._description_selection(self.env))[s]
                        for s in allowed
                    ),
                )
            )

    def action_submit(self):
        self._check_state(["draft"], _("submit"))
        self.state = "pending"

    def action_approve(self):
        self._check_state(["pending", "suspended"], _("approve"))
        self.state = "approved"

    def action_suspend(self):
        self._check_state(["approved", "pending"], _("suspend"))
        self.state = "suspended"

    def action_reset_to_draft(self):
        self._check_state(["pending", "suspended"], _("reset"))
        self.state = "draft"

    @api.model
    def _load_dairy_demo(self):
        """Demo data: Smart Dairy and 18 months of its B2B orders (see dataset/)."""
        demo.load_demo(self.env)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("b2b_customer_id", "=", self.id), ("state", "=", "sale")]
        action["context"] = {"create": False}
        return action
