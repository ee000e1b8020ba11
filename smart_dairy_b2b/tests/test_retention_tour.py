from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .tour_common import tour_company


@tagged("post_install", "-at_install")
class TestRetentionTour(HttpCase):
    """The Retention screen, its drill-down to the customers and the customer screen's
    categories in a browser, as a sales manager who is not a system administrator and
    as a salesperson who sees only their customer; in a company of their own, so demo
    data (if any) changes nothing."""

    def setUp(self):
        super().setUp()
        company, env = tour_company(self, "Tour Retention Ltd.", "tour_retention")
        milk = env["product.product"].create(
            {"name": "Tour Milk 1L", "list_price": 100.0, "taxes_id": False}
        )
        customers = {}
        for name, account_manager in (
            ("Tour Agora Superstore", self.seller),
            ("Tour Hotel Padma", self.manager),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            customers[name] = env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "user_id": account_manager.id,
                    "company_id": company.id,
                    "state": "approved",
                }
            )
        # The first of each month at 06:00 UTC: that day in UTC and in Dhaka alike.
        this_month = datetime.now().replace(day=1, hour=6, minute=0, second=0, microsecond=0)
        for name, months_back in (
            ("Tour Agora Superstore", 3),
            ("Tour Agora Superstore", 1),
            ("Tour Agora Superstore", 0),
            ("Tour Hotel Padma", 2),
            ("Tour Hotel Padma", 0),
        ):
            order = env["sale.order"].create(
                {
                    "partner_id": customers[name].partner_id.id,
                    "company_id": company.id,
                    "order_line": [Command.create({"product_id": milk.id, "product_uom_qty": 2})],
                }
            )
            order.action_confirm()
            order.date_order = this_month - relativedelta(months=months_back)
        # moved after the sales: the screens show the current category
        milk.categ_id = env["product.category"].create({"name": "Tour Dairy Milk"})

    def test_retention_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_retention_action",
            "b2b_retention_tour",
            login=self.manager.login,
        )

    def test_retention_salesperson_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_retention_action",
            "b2b_retention_salesperson_tour",
            login=self.seller.login,
        )
