"""Where TimescaleDB is available the facts live in a compressed hypertable and give
the same answers; elsewhere this test is skipped (the rest of the suite then runs on
plain tables, and `make test` runs the analytics tests a second time on plain tables
where TimescaleDB is available)."""

from datetime import datetime

from odoo.tests import tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestTimescale(B2bCommon):
    def setUp(self):
        super().setUp()
        facts = self.env["b2b.sale.facts"]
        if not facts._timescale_available():
            self.skipTest("TimescaleDB is not available on this PostgreSQL server")

    def test_facts_are_a_compressed_hypertable_and_stay_in_step(self):
        self.assertTrue(self.env["b2b.sale.facts"]._is_hypertable())
        self.env.cr.execute(
            """SELECT compression_enabled FROM timescaledb_information.hypertables
                WHERE hypertable_name = 'b2b_sale_fact'"""
        )
        self.assertTrue(self.env.cr.fetchone()[0])
        self.env.cr.execute(
            """SELECT 1 FROM timescaledb_information.jobs
                WHERE hypertable_name = 'b2b_sale_fact' AND proc_name = 'policy_compression'"""
        )
        self.assertTrue(self.env.cr.fetchone())
        order = self.make_order(self.shop, qty=4)
        order.date_order = datetime(2025, 1, 15, 6, 0)
        service = self.env["b2b.analytics.service"]
        kpis = service.get_executive_dashboard("2025-01-15", "2025-01-15", "none")["kpis"]
        self.assertAlmostEqual(kpis["revenue"]["value"], 360.0)
        order.order_line.product_uom_qty = 5
        kpis = service.get_executive_dashboard("2025-01-15", "2025-01-15", "none")["kpis"]
        self.assertAlmostEqual(kpis["revenue"]["value"], 450.0)
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])
