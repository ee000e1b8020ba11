"""Where TimescaleDB is available the facts live in a compressed hypertable, the rollups
are continuous aggregates (read with the facts of the days changed since their last
refresh), and the answers are the same; elsewhere these tests are skipped (the rest of
the suite then runs on plain tables, and `make test` runs the analytics tests a second
time on plain tables where TimescaleDB is available)."""

from datetime import datetime

from odoo.tests import tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestTimescale(B2bCommon):
    def setUp(self):
        super().setUp()
        if not self.env["b2b.sale.facts"]._is_hypertable():
            self.skipTest("TimescaleDB is not available on this PostgreSQL server")

    def fetch(self, query, params=None):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchall()

    def pending_days(self):
        return {day for (day,) in self.fetch("SELECT DISTINCT date FROM b2b_rollup_pending")}

    def dashboard_revenue(self, day):
        service = self.env["b2b.analytics.service"]
        return service.get_executive_dashboard(day, day, "none")["kpis"]["revenue"]["value"]

    def test_hypertable_aggregates_and_their_policies(self):
        ((compressed,),) = self.fetch(
            """SELECT compression_enabled FROM timescaledb_information.hypertables
                WHERE hypertable_name = 'b2b_sale_fact'"""
        )
        self.assertTrue(compressed)
        aggregates = self.fetch(
            """SELECT view_name, materialized_only, compression_enabled
                 FROM timescaledb_information.continuous_aggregates ORDER BY view_name"""
        )
        self.assertEqual(
            aggregates,
            [
                ("b2b_sale_daily_agg", True, True),
                ("b2b_sale_monthly_agg", True, False),  # small: compression would enlarge it
                ("b2b_sale_product_daily_agg", True, True),
            ],
        )
        policies = self.fetch(
            """SELECT hypertable_name, config->>'compress_after'
                 FROM timescaledb_information.jobs
                WHERE proc_name = 'policy_compression' ORDER BY hypertable_name"""
        )
        expected = ["b2b_sale_daily_agg", "b2b_sale_fact", "b2b_sale_product_daily_agg"]
        self.assertEqual(policies, [(name, "1 year") for name in expected])
        ((tables,),) = self.fetch(
            """SELECT COUNT(*) FROM pg_class WHERE relname IN
               ('b2b_sale_daily', 'b2b_sale_monthly', 'b2b_sale_product_daily')"""
        )
        self.assertEqual(tables, 0)  # no rollup tables beside the aggregates

    def test_a_back_dated_change_shows_at_once_and_marks_its_day(self):
        order = self.make_order(self.shop, qty=4)
        order.date_order = datetime(2025, 1, 15, 6, 0)
        self.assertAlmostEqual(self.dashboard_revenue("2025-01-15"), 360.0)
        self.assertIn(datetime(2025, 1, 15).date(), self.pending_days())
        order.order_line.product_uom_qty = 5
        self.assertAlmostEqual(self.dashboard_revenue("2025-01-15"), 450.0)
        order._action_cancel()
        self.assertEqual(self.dashboard_revenue("2025-01-15"), 0.0)
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])

    def test_refresh_materializes_committed_days_and_keeps_this_transactions(self):
        """The refresh runs on its own connection: it materializes what was committed
        (the install's days) and leaves this transaction's pending day alone, so the
        views give the same answers before and after it, from the aggregates for the
        settled days and from the facts for the pending ones."""
        order = self.make_order(self.shop, qty=4)
        order.date_order = datetime(2025, 1, 15, 6, 0)
        service = self.env["b2b.analytics.service"].with_context(
            allowed_company_ids=self.env.user.company_ids.ids
        )
        before = service.get_executive_dashboard("2024-01-01", "2026-12-31", "none")["kpis"]
        self.env["b2b.sale.facts"]._refresh_rollups()
        after = service.get_executive_dashboard("2024-01-01", "2026-12-31", "none")["kpis"]
        self.assertEqual(after, before)
        self.assertIn(datetime(2025, 1, 15).date(), self.pending_days())
        self.assertAlmostEqual(self.dashboard_revenue("2025-01-15"), 360.0)
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])

    def test_a_lost_pending_day_is_a_difference_and_a_rebuild_repairs_it(self):
        order = self.make_order(self.shop, qty=4)
        order.date_order = datetime(2025, 1, 15, 6, 0)
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM b2b_rollup_pending WHERE date = '2025-01-15'")
        found = {(d["table"], d["problem"]) for d in self.env["b2b.sale.facts"]._verify()}
        self.assertIn(("b2b_sale_daily", "missing"), found)
        self.assertIn(("b2b_sale_product_daily", "missing"), found)
        self.env["b2b.sale.facts"]._rebuild()
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])
        self.assertAlmostEqual(self.dashboard_revenue("2025-01-15"), 360.0)

    def test_an_order_in_a_compressed_chunk_changes_like_any_other(self):
        order = self.make_order(self.shop, qty=4)
        order.date_order = datetime(2024, 1, 15, 6, 0)
        self.env.flush_all()
        compressed = self.fetch(
            """SELECT compress_chunk(chunk, if_not_compressed => true)
                 FROM show_chunks('b2b_sale_fact', older_than => DATE '2024-06-01') chunk"""
        )
        self.assertTrue(compressed)
        self.assertTrue(
            self.fetch(
                """SELECT 1 FROM timescaledb_information.chunks
                    WHERE hypertable_name = 'b2b_sale_fact' AND is_compressed
                      AND range_start <= '2024-01-15' AND range_end > '2024-01-15'"""
            )
        )
        order.order_line.product_uom_qty = 5  # its facts are deleted and written again
        self.assertAlmostEqual(self.dashboard_revenue("2024-01-15"), 450.0)
        order._action_cancel()
        self.assertEqual(self.dashboard_revenue("2024-01-15"), 0.0)
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])
