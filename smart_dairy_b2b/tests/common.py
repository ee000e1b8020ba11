from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from ..models.analytics_cache import RESULT_CACHE


class B2bCommon(TransactionCase):
    """A company with tiers, two B2B customers (one with a child contact) and products."""

    def setUp(self):
        super().setUp()
        RESULT_CACHE.clear()  # results cached by an earlier, rolled back, test

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Test Dairy Co."})
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        Tier = cls.env["b2b.customer.tier"]
        cls.bronze = Tier.create(
            {"name": "Bronze", "code": "BR", "sequence": 1, "company_id": cls.company.id}
        )
        cls.gold = Tier.create(
            {
                "name": "Gold",
                "code": "GO",
                "sequence": 3,
                "min_annual_spend": 1_000_000,
                "discount_percent": 5,
                "company_id": cls.company.id,
            }
        )
        Partner = cls.env["res.partner"]
        cls.shop = Partner.create({"name": "Rahman General Store", "is_company": True})
        cls.shop_buyer = Partner.create(
            {"name": "Abdur Rahman", "parent_id": cls.shop.id, "type": "contact"}
        )
        cls.hotel = Partner.create({"name": "Hotel Padma", "is_company": True})
        cls.manager_a = new_test_user(
            cls.env,
            login="b2b_manager_a",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        Customer = cls.env["b2b.customer"]
        cls.shop_customer = Customer.create(
            {
                "partner_id": cls.shop.id,
                "tier_id": cls.bronze.id,
                "customer_type": "retailer",
                "region": "dhaka",
                "user_id": cls.manager_a.id,
                "company_id": cls.company.id,
            }
        )
        cls.hotel_customer = Customer.create(
            {
                "partner_id": cls.hotel.id,
                "tier_id": cls.gold.id,
                "customer_type": "horeca",
                "region": "sylhet",
                "user_id": cls.env.ref("base.user_admin").id,
                "company_id": cls.company.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Fresh Milk 1L", "list_price": 90.0, "standard_price": 68.0}
        )

    @classmethod
    def make_order(cls, partner, qty=10, confirm=True, company=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": qty})
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order
