from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The dashboard and customer analytics screens in a browser.

    The tour checks the numbers of the orders made here, in a company of their own
    that the admin works in, so demo data (if any) does not change them.
    """

    def setUp(self):
        super().setUp()
        company = self.env["res.company"].create(
            {"name": "Tour Dairy Ltd.", "currency_id": self.env.ref("base.USD").id}
        )
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(company.id)], "company_id": company.id})
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        tier = env["b2b.customer.tier"].create(
            {"name": "Gold", "code": "TG", "sequence": 1, "company_id": company.id}
        )
        product = env["product.product"].create(
            {
                "name": "Tour Milk 1L",
                "list_price": 100.0,
                "standard_price": 60.0,
                "taxes_id": False,
            }
        )
        customers = {}
        for name in ("Tour Agora Superstore", "Tour Hotel Padma"):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            customers[name] = env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": tier.id,
                    "customer_type": "supermarket",
                    "region": "dhaka",
                    "user_id": admin.id,
                    "company_id": company.id,
                    "state": "approved",
                }
            )
        now = datetime.now().replace(microsecond=0)

        def order(name, qty, when):
            sale = env["sale.order"].create(
                {
                    "partner_id": customers[name].partner_id.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": 100.0}
                        )
                    ],
                }
            )
            sale.action_confirm()
            sale.date_order = when

        # This month: 1,200 + 300; 40 days ago: 400; a year and 10 days ago: 500.
        order("Tour Agora Superstore", 12, now)
        order("Tour Hotel Padma", 3, now)
        order("Tour Hotel Padma", 4, now - timedelta(days=40))
        order("Tour Agora Superstore", 5, now - relativedelta(years=1, days=10))

    def test_dashboard_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action", "b2b_dashboard_tour", login="admin"
        )
