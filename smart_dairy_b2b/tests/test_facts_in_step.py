"""The facts stay in step with the orders: after each kind of change the next answer
reflects it, and verify finds no difference."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .analytics_common import TZ
from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestFactsStayInStep(B2bCommon):
    """After each kind of order change the next call reflects it; verify finds nothing."""

    def setUp(self):
        super().setUp()
        self.service = self.env["b2b.analytics.service"]
        self.order = self.make_order(self.shop, qty=10)
        self.order.date_order = datetime(2026, 5, 10, 6, 0)

    def revenue(self, day="2026-05-10"):
        return self.service.get_executive_dashboard(day, day, "none")["kpis"]["revenue"]["value"]

    def assertInStep(self):
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])

    def test_every_change(self):
        line = self.order.order_line
        self.assertAlmostEqual(self.revenue(), 900.0)
        self.assertInStep()
        line.product_uom_qty = 20  # edit a line after confirmation
        self.assertAlmostEqual(self.revenue(), 1800.0)
        self.order.order_line = [
            Command.create({"product_id": self.product.id, "product_uom_qty": 1})
        ]
        self.assertAlmostEqual(self.revenue(), 1890.0)
        extra = self.order.order_line[-1]
        extra.product_uom_qty = 0  # what Odoo asks instead of deleting a confirmed line
        self.assertAlmostEqual(self.revenue(), 1800.0)
        # an import or a script may delete it all the same
        self.env.cr.execute("DELETE FROM sale_order_line WHERE id = %s", [extra.id])
        self.env.invalidate_all()
        self.assertAlmostEqual(self.revenue(), 1800.0)
        self.assertInStep()
        self.order.action_lock()
        self.assertAlmostEqual(self.revenue(), 1800.0)
        self.order.action_unlock()
        self.order.date_order = datetime(2026, 5, 11, 6, 0)  # change the date
        self.assertEqual(self.revenue(), 0.0)
        self.assertAlmostEqual(self.revenue("2026-05-11"), 1800.0)
        self.order.date_order = datetime(2026, 4, 30, 6, 0)  # into another month
        trend = self.service._monthly_trend(date(2026, 4, 1), date(2026, 6, 30))
        self.assertEqual([round(m["revenue"], 2) for m in trend], [1800.0, 0.0, 0.0])
        self.assertInStep()
        self.order.date_order = datetime(2026, 5, 11, 6, 0)
        self.order.partner_id = self.hotel  # change the customer
        hotel = self.service.get_customer_summary(
            self.hotel_customer.id, "2026-05-11", "2026-05-11"
        )
        self.assertAlmostEqual(hotel["summary"]["total_revenue"], 1800.0)
        self.assertInStep()
        self.order._action_cancel()  # cancel
        self.assertEqual(self.revenue("2026-05-11"), 0.0)
        self.order.action_draft()  # reset to quotation
        self.assertEqual(self.revenue("2026-05-11"), 0.0)
        self.order.action_confirm()
        self.order.date_order = datetime(2026, 5, 11, 6, 0)
        self.assertAlmostEqual(self.revenue("2026-05-11"), 1800.0)
        self.assertInStep()
        self.order._action_cancel()
        self.order.unlink()  # delete the order
        self.assertEqual(self.revenue("2026-05-11"), 0.0)
        self.assertInStep()
        if self.env["b2b.sale.facts"]._is_hypertable():
            return  # the product rollup is a continuous aggregate: no delta rows
        # every change added delta rows to the product rollup; merged, nothing is left
        self.env.cr.execute("SELECT COUNT(*) FROM b2b_sale_product_daily")
        self.assertGreater(self.env.cr.fetchone()[0], 0)
        self.env["b2b.sale.facts"]._maintain_rollups()
        self.assertInStep()
        self.env.cr.execute(
            """SELECT COUNT(*), COUNT(DISTINCT (date, company_id, product_id))
                 FROM b2b_sale_product_daily"""
        )
        count, keys = self.env.cr.fetchone()
        self.assertEqual(count, keys)

    def test_currency_change_and_timezone_setting(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.5,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        self.order._action_cancel()
        self.order.action_draft()
        self.order.write({"pricelist_id": pricelist.id})  # the order's currency changes
        self.order.order_line._compute_price_unit()
        self.order.action_confirm()
        self.order.date_order = datetime(2026, 5, 10, 6, 0)
        self.assertAlmostEqual(self.order.currency_rate, 0.5)
        self.assertAlmostEqual(self.order.amount_untaxed, 450.0)  # in EUR
        self.assertAlmostEqual(self.revenue(), 450.0 / 0.5)
        self.assertInStep()
        # 2026-05-10 23:00 UTC is 11 May in Dhaka, still 10 May in UTC
        self.order.date_order = datetime(2026, 5, 10, 23, 0)
        self.env["b2b.analytics.settings"].create({"analytics_timezone": "UTC"}).execute()
        self.assertAlmostEqual(self.revenue("2026-05-10"), 900.0)
        self.env["b2b.analytics.settings"].create({"analytics_timezone": TZ}).execute()
        self.assertEqual(self.revenue("2026-05-10"), 0.0)
        self.assertAlmostEqual(self.revenue("2026-05-11"), 900.0)
        self.assertInStep()

    def test_verify_finds_every_kind_of_difference(self):
        if self.env["b2b.sale.facts"]._is_hypertable():
            self.skipTest("rollup tables on plain PostgreSQL (see test_timescale)")
        self.env.flush_all()  # the order's pending date first, then the tampering
        customer = self.shop_customer.id
        self.env.cr.execute(
            "UPDATE b2b_sale_fact SET revenue = revenue + 1 WHERE order_id = %s", [self.order.id]
        )
        self.env.cr.execute(
            "UPDATE b2b_sale_daily SET order_count = 2 WHERE customer_id = %s", [customer]
        )
        self.env.cr.execute(
            """INSERT INTO b2b_sale_daily (date, company_id, customer_id, tier_id, order_count,
                                           line_count, quantity, revenue, cost)
               VALUES ('2020-01-01', %s, %s, NULL, 1, 1, 1, 1, 1)""",
            [self.company.id, customer],
        )
        self.env.cr.execute("DELETE FROM b2b_sale_monthly WHERE customer_id = %s", [customer])
        self.env.cr.execute(
            "UPDATE b2b_sale_product_daily SET revenue = revenue * 2 WHERE product_id = %s",
            [self.product.id],
        )
        self.env.cr.execute("DELETE FROM b2b_sale_fact_order WHERE order_id = %s", [self.order.id])
        found = {(d["table"], d["problem"]) for d in self.env["b2b.sale.facts"]._verify()}
        self.assertEqual(
            found,
            {
                ("b2b_sale_fact", "different"),
                ("b2b_sale_daily", "different"),
                ("b2b_sale_daily", "extra"),
                ("b2b_sale_monthly", "missing"),
                ("b2b_sale_product_daily", "different"),
                ("b2b_sale_fact_order", "missing"),
            },
        )
        self.env["b2b.sale.facts"]._rebuild()
        self.assertInStep()

    def test_rebuild_and_deleted_customer(self):
        self.env["b2b.sale.facts"]._rebuild()
        self.assertInStep()
        self.assertAlmostEqual(self.revenue(), 900.0)
        self.shop_customer.unlink()
        self.assertEqual(self.revenue(), 0.0)
        self.assertInStep()
