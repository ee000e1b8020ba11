from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFiltersTour(HttpCase):
    """The dashboard's filters in a browser, as a sales manager who is not a system
    administrator: filter by region and tier, open a KPI, a bar of the trend, the
    orders and a top customer; each screen opens with the same period and filters as
    facets and agrees with the dashboard, and the dashboard keeps its filters."""

    def setUp(self):
        super().setUp()
        company = self.env["res.company"].create(
            {"name": "Filter Dairy Ltd.", "currency_id": self.env.ref("base.USD").id}
        )
        self.manager = new_test_user(
            self.env,
            login="filter_b2b_manager",
            password="filter_b2b_manager",
            groups="sales_team.group_sale_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self.assertFalse(self.manager.has_group("base.group_system"))
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        Tier = env["b2b.customer.tier"]
        gold = Tier.create({"name": "Filter Gold", "code": "FG", "company_id": company.id})
        silver = Tier.create({"name": "Filter Silver", "code": "FS", "company_id": company.id})
        product = env["product.product"].create(
            {"name": "Filter Milk 1L", "list_price": 100.0, "taxes_id": False}
        )
        now = datetime.now().replace(microsecond=0)
        for name, region, tier, qty in (
            ("Filter Agora", "dhaka", gold, 12),
            ("Filter Corner", "dhaka", silver, 3),
            ("Filter Hotel", "sylhet", gold, 7),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": tier.id,
                    "region": region,
                    "company_id": company.id,
                    "state": "approved",
                }
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": 100}
                        )
                    ],
                }
            )
            order.action_confirm()
            order.date_order = now

    def test_filters_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action",
            "b2b_filters_tour",
            login=self.manager.login,
        )
