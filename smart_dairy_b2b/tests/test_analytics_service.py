"""The descriptive service (customer summary, visibility, spend, products, trends,
cohorts, patterns, argument checks, the pivot views) against values computed a second,
naive way (``analytics_common.py``)."""

from collections import defaultdict
from datetime import date

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user, tagged

from .analytics_common import TZ, AnalyticsCommon


@tagged("post_install", "-at_install")
class TestAnalyticsService(AnalyticsCommon):
    def test_customer_summary(self):
        expected = self.expected(date(2026, 3, 1), date(2026, 4, 30), self.shop_customer)
        result = self.service.get_customer_summary(
            self.shop_customer.id, "2026-03-01", "2026-04-30"
        )
        summary = result["summary"]
        self.assertEqual(result["customer"]["name"], "Rahman General Store")
        self.assertEqual(result["customer"]["tier"], "Bronze")
        self.assertMoney(summary["total_revenue"], expected["revenue"])
        self.assertEqual(summary["order_count"], expected["orders"])
        self.assertMoney(summary["avg_order_value"], expected["revenue"] / expected["orders"])
        self.assertMoney(summary["total_margin"], expected["margin"])
        self.assertEqual(summary["first_order_date"], "2026-03-02")
        self.assertEqual(summary["last_order_date"], "2026-04-03")
        # order days 2, 15, 20 March and 3 April: (32 days) / 3 gaps
        self.assertAlmostEqual(summary["avg_days_between_orders"], 32 / 3)
        self.assertEqual([m["month"] for m in result["monthly_trend"]], ["2026-03", "2026-04"])
        self.assertEqual([m["orders"] for m in result["monthly_trend"]], [3, 1])
        by_product = defaultdict(float)
        for row in expected["rows"]:
            by_product[row[1].product_id.id] += row[3]
        top = result["top_products"][0]
        self.assertEqual(top["product_id"], max(by_product, key=by_product.get))
        self.assertMoney(top["revenue"], max(by_product.values()))

    def test_other_company_is_left_out_until_selected(self):
        march = self.expected(date(2026, 3, 1), date(2026, 3, 31))
        kpis = self.dashboard(date_from="2026-03-01", date_to="2026-03-31")["kpis"]
        self.assertMoney(kpis["revenue"]["value"], march["revenue"])
        both = self.service.with_context(
            allowed_company_ids=[self.company.id, self.other_company.id]
        ).get_executive_dashboard("2026-03-01", "2026-03-31")
        other_order = self.orders.filtered(lambda o: o.company_id == self.other_company)
        self.assertMoney(
            both["kpis"]["revenue"]["value"], march["revenue"] + other_order.amount_untaxed
        )
        with self.assertRaises(MissingError):
            self.service.get_customer_summary(self.other_customer.id)

    def test_salesperson_sees_only_own_customers(self):
        # manager_a manages the shop; the school has no manager; the hotel is admin's
        service = self.service.with_user(self.manager_a)
        march = self.expected(date(2026, 3, 1), date(2026, 4, 30))
        visible = [
            row
            for row in march["rows"]
            if row[0].b2b_customer_id in (self.shop_customer | self.school_customer)
        ]
        kpis = service.get_executive_dashboard("2026-03-01", "2026-04-30")["kpis"]
        self.assertMoney(kpis["revenue"]["value"], sum(row[3] for row in visible))
        with self.assertRaises(MissingError):
            service.get_customer_summary(self.hotel_customer.id)
        spend = service.get_spend_analytics("2026-03-01", "2026-04-30", "customer")
        self.assertEqual(
            {row["key"] for row in spend["rows"]},
            {self.shop_customer.id, self.school_customer.id},
        )

    def test_portal_user_gets_no_service_answer(self):
        """The service's answers hold the dairy's internal figures (margin, CLV, churn):
        a portal buyer gets its own view from the portal, not from the service."""
        portal = new_test_user(
            self.env,
            login="shop_portal_svc",
            groups="base.group_portal",
            partner_id=self.shop_buyer.id,
            company_id=self.company.id,
        )
        service = self.service.with_user(portal)
        for call in (
            lambda: service.get_customer_summary(self.shop_customer.id, "2026-03-01", "2026-04-30"),
            lambda: service.get_executive_dashboard("2026-03-01", "2026-04-30"),
            lambda: service.get_customer_summary(self.hotel_customer.id),
        ):
            with self.assertRaises(AccessError):
                call()

    def test_spend_analytics_by_every_group(self):
        expected = self.expected(date(2026, 3, 1), date(2026, 4, 30))
        for group_by in ("customer", "tier", "customer_type", "region", "account_manager"):
            result = self.service.get_spend_analytics("2026-03-01", "2026-04-30", group_by)
            self.assertMoney(result["total"]["revenue"], expected["revenue"], group_by)
            self.assertMoney(sum(row["share_pct"] for row in result["rows"]), 100.0, group_by)
        by_type = {
            row["key"]: row
            for row in self.service.get_spend_analytics(
                "2026-03-01", "2026-04-30", "customer_type"
            )["rows"]
        }
        horeca = [row for row in expected["rows"] if row[0].b2b_customer_id == self.hotel_customer]
        self.assertMoney(by_type["horeca"]["revenue"], sum(row[3] for row in horeca))
        self.assertEqual(by_type["horeca"]["name"], "HoReCa")
        result = self.service.get_spend_analytics("2026-03-01", "2026-04-30")
        revenues = sorted((row["revenue"] for row in result["rows"]), reverse=True)
        # 3 customers: the top 10% and top 20% are both the single largest
        self.assertMoney(result["pareto"]["top_10_pct_share"], revenues[0] / sum(revenues) * 100)

    def test_product_performance_and_abc(self):
        result = self.service.get_product_performance("2026-03-01", "2026-04-30")
        expected = self.expected(date(2026, 3, 1), date(2026, 4, 30))
        by_product = defaultdict(float)
        for row in expected["rows"]:
            by_product[row[1].product_id.id] += row[3]
        self.assertEqual(
            {p["product_id"]: round(p["revenue"], 4) for p in result["products"]},
            {key: round(value, 4) for key, value in by_product.items()},
        )
        self.assertEqual(result["products"][0]["abc_class"], "A")
        self.assertMoney(sum(p["share_pct"] for p in result["products"]), 100.0)
        self.assertEqual(
            len(self.service.get_product_performance("2026-03-01", "2026-04-30", 1)["products"]), 1
        )

    def test_trend_zero_filled_with_moving_average(self):
        result = self.service.get_trend("orders", "week", "2026-03-01", "2026-04-12")
        self.assertEqual(result["series"][0]["period"], "2026-02-23")  # ISO week of 1 March
        self.assertEqual(len(result["series"]), 7)
        self.assertEqual(sum(point["value"] for point in result["series"]), 7)
        quiet = [point for point in result["series"] if point["period"] == "2026-03-23"][0]
        self.assertEqual(quiet["value"], 0)
        by_day = self.service.get_trend(
            "revenue", "day", "2026-03-01", "2026-03-31", filters={"product_id": self.ghee.id}
        )
        ghee = [
            r
            for r in self.expected(date(2026, 3, 1), date(2026, 3, 31))["rows"]
            if r[1].product_id == self.ghee
        ]
        self.assertMoney(sum(p["value"] for p in by_day["series"]), sum(r[3] for r in ghee))
        self.assertEqual(len(by_day["series"]), 31)

    def test_cohorts(self):
        result = self.service.get_cohort_retention("2026-03-01", "2026-04-30")
        cohorts = {c["cohort"]: c for c in result["cohorts"]}
        self.assertEqual(cohorts["2026-03"]["size"], 2)  # shop and hotel
        self.assertEqual(cohorts["2026-03"]["retention"][:2], [100.0, 100.0])
        self.assertEqual(cohorts["2026-04"]["size"], 1)  # the school

    def test_purchase_patterns(self):
        result = self.service.get_purchase_patterns("2026-03-01", "2026-03-31")
        self.assertEqual(sum(d["orders"] for d in result["by_weekday"]), 4)
        self.assertEqual(result["basket"]["orders"], 4)
        # the 03:00 UTC order of 2 March is at 09:00 in Dhaka, a Monday
        self.assertEqual(result["by_hour"][9]["orders"], 1)
        self.assertEqual(result["by_weekday"][0]["orders"], 1)

    def test_bad_arguments_are_refused_clearly(self):
        cases = [
            (lambda: self.dashboard(date_from="2026-13-01"), "date_from must be a date"),
            (lambda: self.dashboard(date_from="01/03/2026"), "YYYY-MM-DD"),
            (
                lambda: self.dashboard(date_from="2026-04-02", date_to="2026-04-01"),
                "must not be after",
            ),
            (
                lambda: self.dashboard(date_from="2000-01-01", date_to="2026-01-01"),
                "at most 10 years",
            ),
            (lambda: self.dashboard(compare="last_week"), "compare must be one of"),
            (
                lambda: self.service.get_spend_analytics(group_by="colour"),
                "group_by must be one of",
            ),
            (lambda: self.service.get_trend("profit"), "metric must be one of"),
            (lambda: self.service.get_trend(granularity="hour"), "granularity must be one of"),
            (
                lambda: self.service.get_trend(forecast_periods=-1),
                "forecast_periods must be between",
            ),
            (lambda: self.service.get_trend(filters={"colour": 1}), "Unknown filter colour"),
            (
                lambda: self.service.get_customer_summary("abc"),
                "customer_id must be a whole number",
            ),
            (lambda: self.service.get_product_performance(limit=0), "limit must be between"),
        ]
        for call, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                call()
        with self.assertRaisesRegex(MissingError, "No B2B customer 999999"):
            self.service.get_customer_summary(999999)

    def test_revenue_per_month_equals_sale_report(self):
        """sale.report and the facts agree on the counted lines (orders without down
        payments, grouped by month in the analytics timezone)."""
        partners = (self.shop | self.hotel).ids
        groups = (
            self.env["sale.report"]
            .with_context(tz=TZ)
            ._read_group(
                [
                    ("state", "=", "sale"),
                    ("commercial_partner_id", "in", partners),
                    ("company_id", "=", self.company.id),
                ],
                ["date:month"],
                ["price_subtotal:sum"],
            )
        )
        from_sale_report = {month.strftime("%Y-%m"): total for month, total in groups}
        ours = self.service.get_trend("revenue", "month", "2026-03-01", "2026-04-30")["series"]
        shop_hotel = (
            self.env["b2b.analytics"]
            .with_context(tz=TZ)
            ._read_group(
                [("customer_id", "in", (self.shop_customer | self.hotel_customer).ids)],
                ["date:month"],
                ["revenue:sum"],
            )
        )
        for month, revenue in shop_hotel:
            self.assertMoney(revenue, from_sale_report[month.strftime("%Y-%m")])
        self.assertEqual(len(ours), 2)

    def test_pivot_aov_is_computed_per_group(self):
        Analytics = self.env["b2b.analytics"]
        for groupby in (["date:month"], ["tier_id"], ["customer_id"], []):
            for group in Analytics._read_group(
                [("date", ">=", "2026-03-01"), ("date", "<=", "2026-04-30")],
                groupby,
                ["revenue:sum", "order_count:sum", "aov:avg"],
            ):
                revenue, orders, aov = group[-3:]
                self.assertMoney(aov, revenue / orders, f"AOV wrong when grouped by {groupby}")
        # and the web client's read_group, as the pivot calls it
        data = Analytics.read_group([], ["aov:avg", "revenue:sum", "order_count:sum"], ["tier_id"])
        for group in data:
            self.assertMoney(group["aov"], group["revenue"] / group["order_count"])

    def test_product_and_customer_views(self):
        products = self.env["b2b.product.analytics"]._read_group(
            [("date", ">=", "2026-03-01"), ("date", "<=", "2026-03-31")],
            [],
            ["revenue:sum", "order_id:count_distinct"],
        )
        march = self.expected(date(2026, 3, 1), date(2026, 3, 31))
        self.assertMoney(products[0][0], march["revenue"])
        self.assertEqual(products[0][1], march["orders"])
        metrics = self.env["b2b.customer.metrics"].search(
            [("customer_id", "=", self.shop_customer.id)]
        )
        self.assertEqual(metrics.order_count, 4)
        self.assertEqual(str(metrics.first_order_date), "2026-03-02")
        rows = self.env["b2b.analytics"].with_user(self.manager_a).search([])
        self.assertTrue(rows)
        self.assertFalse(rows.customer_id - (self.shop_customer | self.school_customer))
