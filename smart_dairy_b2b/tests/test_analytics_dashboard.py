"""The executive dashboard's KPIs, their customers, trend and top lists against values
computed a second, naive way (``analytics_common.py``)."""

from collections import defaultdict
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .analytics_common import TZ, AnalyticsCommon, expected_lines


@tagged("post_install", "-at_install")
class TestAnalyticsDashboard(AnalyticsCommon):
    def test_dashboard_kpis_match_naive_computation(self):
        march = self.expected(date(2026, 3, 1), date(2026, 3, 31))
        april = self.expected(date(2026, 4, 1), date(2026, 4, 30))
        result = self.dashboard(date_from="2026-04-01", date_to="2026-04-30")
        self.assertEqual(result["period"]["compare_from"], "2026-03-01")
        # the same day span of the previous month: 1-30 March (no order on the 31st)
        self.assertEqual(result["period"]["compare_to"], "2026-03-30")
        self.assertEqual(result["period"]["timezone"], TZ)
        kpis = result["kpis"]
        self.assertMoney(kpis["revenue"]["value"], april["revenue"])
        self.assertMoney(kpis["revenue"]["previous"], march["revenue"])
        self.assertMoney(
            kpis["revenue"]["change_pct"],
            (april["revenue"] - march["revenue"]) / march["revenue"] * 100,
        )
        self.assertEqual(kpis["orders"]["value"], april["orders"])
        self.assertEqual(kpis["orders"]["previous"], march["orders"])
        self.assertMoney(kpis["aov"]["value"], april["revenue"] / april["orders"])
        self.assertMoney(kpis["gross_margin"]["value"], april["margin"])
        self.assertMoney(kpis["margin_pct"]["value"], april["margin"] / april["revenue"] * 100)
        self.assertEqual(kpis["active_customers"]["value"], len(april["customers"]))
        # The school orders for the first time in April; shop and hotel started in March.
        self.assertEqual(kpis["new_customers"]["value"], 1)
        self.assertEqual(kpis["new_customers"]["previous"], 2)
        retained = april["customers"] & march["customers"]
        self.assertMoney(
            kpis["retention_rate"]["value"], len(retained) / len(march["customers"]) * 100
        )
        self.assertEqual(
            kpis["churned_customers"]["value"], len(march["customers"] - april["customers"])
        )
        # In March the shop ordered three times, the hotel once: 1 repeat of 2 active.
        self.assertMoney(kpis["repeat_purchase_rate"]["previous"], 50.0)
        # The comparison period of March (February) has no customers: no retention.
        self.assertIsNone(kpis["retention_rate"]["previous"])
        self.assertIsNone(kpis["retention_rate"]["change_pct"])

    def test_kpi_customer_sets_match_naive_sets(self):
        """The customers behind each customer KPI, as the dashboard's drill-downs open
        them: the naive sets of April against March."""
        march = self.expected(date(2026, 3, 1), date(2026, 3, 30))["customers"]
        april_rows = self.expected(date(2026, 4, 1), date(2026, 4, 30))["rows"]
        april = {row[0].b2b_customer_id for row in april_rows}
        orders_in_april = {
            customer: len({row[0] for row in april_rows if row[0].b2b_customer_id == customer})
            for customer in april
        }
        earlier = {
            row[0].b2b_customer_id
            for row in expected_lines(self.orders)
            if row[2] < date(2026, 4, 1) and row[0].company_id == self.company
        }
        expected = {
            "active_customers": april,
            "new_customers": april - earlier,
            "repeat_purchase_rate": {c for c, n in orders_in_april.items() if n >= 2},
            "retention_rate": april & march,
            "churned_customers": march - april,
        }
        for kpi, customers in expected.items():
            ids = self.service.get_kpi_customers(kpi, "2026-04-01", "2026-04-30")
            self.assertEqual(sorted(ids), sorted(c.id for c in customers), kpi)
        self.assertEqual(
            self.service.get_kpi_customers("churned_customers", "2026-04-01", "2026-04-30", "none"),
            [],
        )
        with self.assertRaisesRegex(UserError, "kpi"):
            self.service.get_kpi_customers("revenue", "2026-04-01", "2026-04-30")
        definitions = self.service.get_definitions()
        names = [kpi["name"] for kpi in definitions["kpis"]]
        self.assertEqual(names, list(self.dashboard(date_to="2026-04-30")["kpis"]))
        # the screens resolve their period presets in the analytics timezone
        self.assertEqual(definitions["timezone"], TZ)

    def test_awkward_lines(self):
        march = self.expected(date(2026, 3, 1), date(2026, 3, 31))
        # sections/notes, the quotation and the cancelled order never count
        self.assertEqual(march["orders"], 4)
        self.assertEqual(len(march["rows"]), 2 + 1 + 25 + 1)
        kpis = self.dashboard(date_from="2026-03-01", date_to="2026-03-31")["kpis"]
        self.assertMoney(kpis["revenue"]["value"], march["revenue"])
        # the EUR order is converted at its own rate (0.8 EUR per company currency)
        eur_order = self.orders.filtered(lambda o: o.currency_id == self.eur)
        self.assertAlmostEqual(eur_order.currency_rate, 0.8)
        # taxes are not revenue
        taxed = self.orders[0]
        self.assertGreater(taxed.amount_tax, 0)
        # the order at 01:30 in Dhaka on 1 April is an April order
        april = self.expected(date(2026, 4, 1), date(2026, 4, 30))
        self.assertIn(self.hotel_customer, april["customers"])
        # a dozen is 12 units; the down payment line is not revenue
        summary = self.service.get_customer_summary(
            self.shop_customer.id, "2026-04-01", "2026-04-30"
        )
        self.assertEqual(summary["top_products"][0]["quantity"], 12.0)
        school = self.service.get_customer_summary(
            self.school_customer.id, "2026-04-01", "2026-04-30"
        )
        self.assertMoney(school["summary"]["total_revenue"], 650.0)

    def test_revenue_trend_by_month(self):
        """Months before the period's last come from the monthly rollup, the last one by
        day up to the period's end."""
        for end in (date(2026, 4, 30), date(2026, 4, 2), date(2026, 5, 31)):
            result = self.dashboard(date_from="2026-03-01", date_to=end.isoformat())
            trend = {month["period"]: month for month in result["revenue_trend"]}
            self.assertEqual(len(trend), 12)
            for first, last in ((date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 4, 1), end)):
                expected = self.expected(first, min(last, end, date(2026, 4, 30)))
                month = trend[first.strftime("%Y-%m")]
                self.assertMoney(month["revenue"], expected["revenue"], msg=f"{first} to {end}")
                self.assertEqual(month["orders"], expected["orders"], msg=f"{first} to {end}")

    def test_period_rows_sum_like_the_days(self):
        """Whole months by month and the days around them by day add up to the days."""
        periods = [
            (date(2026, 3, 5), date(2026, 4, 20)),  # two partial months
            (date(2026, 3, 1), date(2026, 4, 30)),  # two whole months
            (date(2026, 2, 20), date(2026, 4, 2)),  # days, a whole month, days
            (date(2026, 3, 10), date(2026, 3, 20)),  # within one month
            (None, date(2026, 4, 2)),  # everything up to a day
        ]
        for start, end in periods:
            row = self.service._fetch(
                SQL(
                    "SELECT SUM(revenue) AS revenue, SUM(order_count) AS orders FROM %s r",
                    self.service._period_rows(start, end),
                )
            )[0]
            expected = self.expected(start or date(2000, 1, 1), end)
            self.assertMoney(row["revenue"] or 0.0, expected["revenue"], msg=f"{start}..{end}")
            self.assertEqual(row["orders"] or 0, expected["orders"], msg=f"{start}..{end}")

    def test_top_products_from_the_product_rollup(self):
        """A manager sees every customer: the dashboard's top products come from the
        product rollup, and equal the lines summed by product."""
        self.assertTrue(self.service._sees_every_customer())
        expected = self.expected(date(2026, 3, 1), date(2026, 4, 30))
        by_product = defaultdict(float)
        for row in expected["rows"]:
            by_product[row[1].product_id.id] += row[3]
        result = self.dashboard(date_from="2026-03-01", date_to="2026-04-30")["top_products"]
        ranking = sorted(by_product, key=lambda product: (-by_product[product], product))
        self.assertEqual([row["product_id"] for row in result], ranking[:10])
        for row in result:
            self.assertMoney(row["revenue"], by_product[row["product_id"]])
