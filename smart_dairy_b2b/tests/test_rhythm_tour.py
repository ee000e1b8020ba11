from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRhythmTour(HttpCase):
    """Overdue today on the dashboard, a customer's rhythm, the Overdue Today list and
    the Account Managers screen in a browser, as a sales manager who is not a system
    administrator and as a salesperson, in a company of their own."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "smart_dairy_b2b.analytics_timezone", "UTC"
        )
        company = self.env["res.company"].create(
            {"name": "Rhythm Dairy Ltd.", "currency_id": self.env.ref("base.USD").id}
        )
        users = {}
        for login, name, groups in (
            ("rhythm_tour_manager", "Rhythm Boss", "sales_team.group_sale_manager"),
            ("rhythm_tour_seller", "Rhythm Seller", "sales_team.group_sale_salesman"),
        ):
            users[login] = new_test_user(
                self.env,
                login=login,
                name=name,
                password=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
        self.manager, self.seller = users["rhythm_tour_manager"], users["rhythm_tour_seller"]
        self.assertFalse(self.manager.has_group("base.group_system"))
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        product = env["product.product"].create(
            {"name": "Rhythm Milk", "list_price": 100.0, "taxes_id": False}
        )
        today = env["b2b.analytics.service"]._today()
        for name, manager, days in (
            ("Rhythm Daily Shop", self.seller, range(3, 31)),
            ("Rhythm Weekly Depot", self.manager, range(12, 82, 7)),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "state": "approved",
                    "user_id": manager.id,
                }
            )
            for days_ago in days:
                order = env["sale.order"].create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 1})
                        ],
                    }
                )
                order.action_confirm()
                day = today - timedelta(days=days_ago)
                order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(hours=6)

    def test_manager_tours(self):
        login = self.manager.login
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action", "b2b_rhythm_tour", login=login
        )
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_overdue_customer_server_action",
            "b2b_overdue_list_tour",
            login=login,
        )
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_account_managers_action",
            "b2b_account_managers_tour",
            login=login,
        )

    def test_salesperson_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action",
            "b2b_rhythm_salesperson_tour",
            login=self.seller.login,
        )
