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
        gold = self.gold = Tier.create(
            {"name": "Filter Gold", "code": "FG", "company_id": company.id}
        )
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

    def test_api_dashboard_filters(self):
        """The HTTP API's dashboard takes the same filters, and names a bad one."""
        self.authenticate(self.manager.login, self.manager.login)
        url = "/api/v1/b2b/analytics/dashboard"
        response = self.url_open(f"{url}?region=dhaka&tier_id={self.gold.id}")
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertEqual(data["filters"], {"region": ["dhaka"], "tier_id": [self.gold.id]})
        self.assertAlmostEqual(data["kpis"]["revenue"]["value"], 1200.0)
        both = self.url_open(f"{url}?region=dhaka,sylhet").json()
        self.assertAlmostEqual(both["kpis"]["revenue"]["value"], 2200.0)
        for params, named in (
            ("region=atlantis", "atlantis"),
            ("tier_id=gold", "tier_id"),
            ("tier_id=999999999", "999999999"),
            ("colour=red", "colour"),
        ):
            with self.subTest(params=params):
                response = self.url_open(f"{url}?{params}")
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(named, response.json()["error"]["message"])
