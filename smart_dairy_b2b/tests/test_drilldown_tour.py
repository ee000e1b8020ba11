from datetime import datetime, time, timedelta

import pytz

from odoo import Command
from odoo.tests import HttpCase, tagged

from .tour_common import tour_company

DHAKA = pytz.timezone("Asia/Dhaka")


@tagged("post_install", "-at_install")
class TestDrilldownTour(HttpCase):
    """Drill-downs sorted by the measure clicked, orders shown on their day in the
    analytics timezone, and the category filter carried to a customer's screen; as a
    sales manager who is not a system administrator, whose own timezone is UTC.

    This month (Asia/Dhaka), all orders on its first day:
    - Drill Zeta (tier Drill Gold): one order of 1,000 at 00:30 (18:30 UTC the day
      before);
    - Drill Bravo (Drill Silver): four orders of 200 milk + 100 yogurt = 300;
    - Drill Alpha (Drill Bronze): two orders of 450.
    Revenue: Bravo 1,200 > Zeta 1,000 > Alpha 900; average order: Zeta 1,000 > Alpha
    450 > Bravo 300; largest order: Zeta's; A-Z: Alpha, Bravo, Zeta.
    """

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "smart_dairy_b2b.analytics_timezone", "Asia/Dhaka"
        )
        company, env = tour_company(self, "Drill Dairy Ltd.", "drill", "base.USD")
        self.manager.tz = "UTC"
        self.first_day = datetime.now(DHAKA).date().replace(day=1)
        Tier = env["b2b.customer.tier"]
        Category = env["product.category"]
        self.yogurt = Category.create({"name": "Drill Yogurt"})
        milk = env["product.product"].create(
            {
                "name": "Drill Milk 1L",
                "categ_id": Category.create({"name": "Drill Milk"}).id,
                "taxes_id": False,
            }
        )
        yogurt = env["product.product"].create(
            {"name": "Drill Yogurt 500g", "categ_id": self.yogurt.id, "taxes_id": False}
        )
        self.customers = {}
        self.orders = {}
        for name, tier, count, lines, at in (
            ("Drill Zeta", "Drill Gold", 1, [(milk, 1000)], time(0, 30)),
            ("Drill Bravo", "Drill Silver", 4, [(milk, 200), (yogurt, 100)], time(10)),
            ("Drill Alpha", "Drill Bronze", 2, [(milk, 450)], time(10)),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            self.customers[name] = env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": Tier.create(
                        {"name": tier, "code": tier[-4:].upper(), "company_id": company.id}
                    ).id,
                    "region": "dhaka",
                    "company_id": company.id,
                    "state": "approved",
                }
            )
            when = DHAKA.localize(datetime.combine(self.first_day, at))
            for _i in range(count):
                order = env["sale.order"].create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": 1,
                                    "price_unit": price,
                                }
                            )
                            for product, price in lines
                        ],
                    }
                )
                order.action_confirm()
                order.date_order = when.astimezone(pytz.utc).replace(tzinfo=None)
                self.orders.setdefault(name, order)

    def test_drilldown_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action",
            "b2b_drilldown_tour",
            login=self.manager.login,
        )

    def test_order_day_in_analytics_timezone(self):
        """Zeta's order at 00:30 in Dhaka is 18:30 UTC the day before: its Order Day is
        the Dhaka day, the day the facts count it in; an order at 23:30 in Dhaka
        (17:30 UTC) stays on its day."""
        order = self.orders["Drill Zeta"].with_user(self.manager)
        self.assertEqual(order.date_order.date(), self.first_day - timedelta(days=1))
        self.assertEqual(order.date_order.time(), time(18, 30))
        self.assertEqual(order.b2b_order_day, self.first_day)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT DISTINCT date FROM b2b_sale_fact WHERE order_id = %s", [order.id]
        )
        self.assertEqual(self.env.cr.fetchall(), [(self.first_day,)])

        late = self.orders["Drill Alpha"].with_user(self.manager)
        late.sudo().date_order = (
            DHAKA.localize(datetime.combine(self.first_day, time(23, 30)))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        self.assertEqual(late.date_order.time(), time(17, 30))
        self.assertEqual(late.b2b_order_day, self.first_day)

        # in UTC the analytics count Zeta's order the day before, and so does the list
        self.env["ir.config_parameter"].sudo().set_param(
            "smart_dairy_b2b.analytics_timezone", "UTC"
        )
        order.invalidate_recordset(["b2b_order_day"])
        self.assertEqual(order.b2b_order_day, self.first_day - timedelta(days=1))

    def test_customer_summary_category(self):
        """A customer's figures with the category filter: that category's lines only
        (Bravo's yogurt: 4 x 100); its scores are the customer's whole."""
        service = self.env["b2b.analytics.service"].with_user(self.manager)
        bravo = self.customers["Drill Bravo"]
        period = (self.first_day.isoformat(), datetime.now(DHAKA).date().isoformat())
        whole = service.get_customer_summary(bravo.id, *period)
        yogurt = service.with_context(
            b2b_filters={"categ_id": [self.yogurt.id]}
        ).get_customer_summary(bravo.id, *period)
        self.assertAlmostEqual(whole["summary"]["total_revenue"], 1200.0)
        self.assertAlmostEqual(yogurt["summary"]["total_revenue"], 400.0)
        self.assertEqual(yogurt["summary"]["order_count"], 4)
        self.assertAlmostEqual(yogurt["summary"]["avg_order_value"], 100.0)
        self.assertEqual([p["name"] for p in yogurt["top_products"]], ["Drill Yogurt 500g"])
        for key in ("clv", "rfm", "churn", "rhythm"):
            self.assertEqual(yogurt[key], whole[key], key)
        # a single id is taken like a list of one
        single = service.with_context(
            b2b_filters={"categ_id": self.yogurt.id}
        ).get_customer_summary(bravo.id, *period)
        self.assertAlmostEqual(single["summary"]["total_revenue"], 400.0)
