"""The dashboard-wide filters and the targets (docs/definitions.md, *Filters* and
*Targets*), compared with a naive recomputation from the orders."""

import calendar
import csv
import io
from base64 import b64decode
from datetime import datetime, timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .analytics_common import AnalyticsCommon, expected_lines, local_date

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


@tagged("post_install", "-at_install")
class TestAnalyticsFilters(AnalyticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.dairy = Category.create({"name": "Dairy (test)"})
        cls.cultured = Category.create({"name": "Cultured", "parent_id": cls.dairy.id})
        cls.yogurt.categ_id = cls.cultured  # the ghee and the milk stay elsewhere
        cls.school_customer.tier_id = cls.gold

    def setUp(self):
        super().setUp()
        # add_order() keeps the orders on the class: a test's own are rolled back
        self.addCleanup(setattr, type(self), "orders", type(self).orders)

    # The naive side ---------------------------------------------------------------

    def naive(self, date_from, date_to, customer_ok=lambda c: True, line_ok=lambda line: True):
        """Revenue, orders, margin, customers and per-product revenue of the counted
        lines in [date_from, date_to] passing both predicates, walking the records."""
        start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        rows = [
            row
            for row in expected_lines(self.orders)
            if start <= row[2] <= end
            and row[0].company_id == self.company
            and customer_ok(row[0].b2b_customer_id)
            and line_ok(row[1])
        ]
        products = {}
        for row in rows:
            products[row[1].product_id.id] = products.get(row[1].product_id.id, 0) + row[3]
        customers = {}
        for row in rows:
            customer = row[0].b2b_customer_id.id
            customers[customer] = customers.get(customer, 0) + row[3]
        return {
            "revenue": sum(row[3] for row in rows),
            "orders": len({row[0] for row in rows}),
            "margin": sum(row[3] - row[4] for row in rows),
            "customers": customers,
            "products": products,
            "quantity": sum(row[5] for row in rows),
        }

    def assertDashboardIs(self, data, expected):
        kpis = data["kpis"]
        self.assertMoney(kpis["revenue"]["value"], expected["revenue"])
        self.assertEqual(kpis["orders"]["value"], expected["orders"])
        self.assertMoney(kpis["gross_margin"]["value"], expected["margin"])
        self.assertEqual(kpis["active_customers"]["value"], len(expected["customers"]))
        self.assertEqual(
            {row["customer_id"]: row["revenue"] for row in data["top_customers"]}.keys(),
            expected["customers"].keys(),
        )
        for row in data["top_customers"]:
            self.assertMoney(row["revenue"], expected["customers"][row["customer_id"]])
        self.assertEqual(
            {row["product_id"] for row in data["top_products"]}, set(expected["products"])
        )
        for row in data["top_products"]:
            self.assertMoney(row["revenue"], expected["products"][row["product_id"]])
        self.assertMoney(
            sum(row["revenue"] for row in data["tier_distribution"]), expected["revenue"]
        )
        march = next(row for row in data["revenue_trend"] if row["period"] == "2026-03")
        self.assertMoney(march["revenue"], expected["revenue"])

    # Filters ------------------------------------------------------------------------

    def test_customer_filters_match_naive_recomputation(self):
        cases = [
            ({"region": "dhaka"}, lambda c: c.region == "dhaka"),
            ({"customer_type": ["horeca"]}, lambda c: c.customer_type == "horeca"),
            ({"tier_id": self.gold.id}, lambda c: c.tier_id == self.gold),
            ({"account_manager_id": [self.manager_a.id]}, lambda c: c.user_id == self.manager_a),
            ({"region": "dhaka", "tier_id": [self.gold.id]}, lambda c: c == self.school_customer),
        ]
        for filters, customer_ok in cases:
            with self.subTest(filters=filters):
                data = self.dashboard(**MARCH, filters=filters)
                self.assertEqual(
                    data["filters"],
                    {k: v if isinstance(v, list) else [v] for k, v in filters.items()},
                )
                self.assertDashboardIs(data, self.naive(**MARCH, customer_ok=customer_ok))

    def test_category_filter_narrows_lines_with_subcategories(self):
        line_ok = lambda line: line.product_id == self.yogurt  # noqa: E731
        expected = self.naive(**MARCH, line_ok=line_ok)
        self.assertTrue(expected["revenue"])
        for category in (self.dairy, self.cultured):  # the parent takes its children
            with self.subTest(category=category.name):
                data = self.dashboard(**MARCH, filters={"categ_id": category.id})
                self.assertDashboardIs(data, expected)
        # through the context, as the dashboard's other calls pass it
        service = self.service.with_context(b2b_filters={"categ_id": [self.dairy.id]})
        cohorts = service.get_cohort_retention("2026-03-01", "2026-04-30")
        march = next(c for c in cohorts["cohorts"] if c["cohort"] == "2026-03")
        self.assertEqual(march["size"], len(expected["customers"]))

    def test_filters_narrow_today_cards(self):
        # RFM and at risk are as of today: the filters narrow who is listed, not the
        # ranking population
        everyone = self.service.get_rfm_segments()
        sylhet = self.service.with_context(b2b_filters={"region": "sylhet"}).get_rfm_segments()
        self.assertEqual(
            {row["customer_id"] for row in sylhet["customers"]},
            {row["customer_id"] for row in everyone["customers"]} & {self.hotel_customer.id},
        )
        scores = {row["customer_id"]: row["segment"] for row in everyone["customers"]}
        for row in sylhet["customers"]:
            self.assertEqual(row["segment"], scores[row["customer_id"]])
        at_risk = self.dashboard(filters={"region": "sylhet"})["at_risk_customers"]
        self.assertLessEqual({row["customer_id"] for row in at_risk}, {self.hotel_customer.id})

    def test_salesperson_filtered_dashboard_stays_within_their_customers(self):
        # manager_a manages the shop; the school is nobody's; the hotel is the admin's
        salesperson = self.service.with_user(self.manager_a)
        data = salesperson.get_executive_dashboard(**MARCH, filters={"region": "dhaka"})
        mine = self.shop_customer | self.school_customer
        self.assertDashboardIs(data, self.naive(**MARCH, customer_ok=lambda c: c in mine))
        sylhet = salesperson.get_executive_dashboard(**MARCH, filters={"region": "sylhet"})
        self.assertEqual(sylhet["kpis"]["revenue"]["value"], 0)
        self.assertEqual(sylhet["top_customers"], [])
        self.assertEqual(sylhet["at_risk_customers"], [])

    def test_bad_filters_are_refused_by_name(self):
        other_tier = self.env["b2b.customer.tier"].create(
            {"name": "Elsewhere", "code": "EL", "company_id": self.other_company.id}
        )
        cases = [
            ({"regions": "dhaka"}, "regions"),
            ({"region": "atlantis"}, "atlantis"),
            ({"tier_id": "gold"}, "tier_id"),
            ({"tier_id": 987654321}, "987654321"),
            ({"tier_id": other_tier.id}, str(other_tier.id)),
            ({"categ_id": [True]}, "categ_id"),
            ("dhaka", "filters"),
        ]
        for filters, named in cases:
            with self.subTest(filters=filters), self.assertRaisesRegex(UserError, named):
                self.dashboard(filters=filters)
        with self.assertRaisesRegex(UserError, "regions"):
            self.service.with_context(b2b_filters={"regions": "x"}).get_rfm_segments()

    def test_several_values_per_filter(self):
        """Several values of one filter combine with OR, filters with AND (the
        dashboard's multi-value selects); each id is checked."""
        cases = [
            ({"customer_type": ["retailer", "horeca"]}, lambda c: c.customer_type != "institution"),
            (
                {"region": ["dhaka", "sylhet"], "customer_type": ["institution", "horeca"]},
                lambda c: c in (self.school_customer, self.hotel_customer),
            ),
        ]
        for filters, customer_ok in cases:
            with self.subTest(filters=filters):
                data = self.dashboard(**MARCH, filters=filters)
                self.assertEqual(data["filters"], {k: sorted(v) for k, v in filters.items()})
                self.assertDashboardIs(data, self.naive(**MARCH, customer_ok=customer_ok))
        with self.assertRaisesRegex(UserError, "987654321") as caught:
            self.dashboard(filters={"tier_id": [self.gold.id, 987654321]})
        self.assertNotIn(str(self.gold.id) + ",", str(caught.exception))

    def test_executive_export_honours_filters(self):
        export = self.env["b2b.report.export.service"]
        file = export.export_executive_report(format="xlsx", **MARCH, filters={"region": "sylhet"})
        sheet = openpyxl.load_workbook(io.BytesIO(b64decode(file["content"]))).active
        cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
        self.assertTrue(any("Region: Sylhet" in cell for cell in cells), cells[:20])
        file = export.export_executive_report(format="csv", **MARCH, filters={"region": "sylhet"})
        rows = list(csv.reader(io.StringIO(b64decode(file["content"]).decode("utf-8-sig"))))
        revenue_row = next(row for row in rows if row and row[0] == "Revenue")
        expected = self.naive(**MARCH, customer_ok=lambda c: c.region == "sylhet")["revenue"]
        self.assertAlmostEqual(float(revenue_row[2]), expected, places=2)

    def test_orders_button_counts_what_the_analytics_count(self):
        # the hotel has two confirmed orders and a cancelled one
        counted = {
            row[0]
            for row in expected_lines(self.orders)
            if row[0].b2b_customer_id == self.hotel_customer
        }
        self.assertEqual(self.hotel_customer.sale_order_count, len(counted))
        action = self.hotel_customer.action_view_orders()
        self.assertEqual(set(self.env["sale.order"].search(action["domain"])), counted)

    # Targets ------------------------------------------------------------------------

    def test_run_rate_and_targets_by_hand(self):
        today = self.service._today()
        first = today.replace(day=1)
        # an order now: this month's, in the analytics timezone
        order = self.add_order(
            self.hotel,
            fields.Datetime.to_string(datetime.utcnow() - timedelta(minutes=5)),
            [(self.ghee, 3, 0), (self.yogurt, 2, 0)],
        )
        self.assertEqual(local_date(order), today)
        Target = self.env["b2b.sales.target"]
        Target.create({"month": today, "revenue_target": 10000, "volume_target": 50})
        Target.create({"month": first, "tier_id": self.gold.id, "revenue_target": 4000})
        Target.create({"month": first, "user_id": self.manager_a.id, "revenue_target": 700})
        company_wide = Target.search(
            [("company_id", "=", self.company.id), ("tier_id", "=", False), ("user_id", "=", False)]
        )
        self.assertEqual(company_wide.month, first)  # stored as the month's first day

        naive = self.naive(first, today)
        days = calendar.monthrange(today.year, today.month)[1]
        run_rate = naive["revenue"] / today.day * days  # by hand: elapsed days incl. today
        current = self.dashboard()["targets"]["current"]
        self.assertEqual((current["elapsed_days"], current["days_in_month"]), (today.day, days))
        self.assertMoney(current["actual"], naive["revenue"])
        self.assertMoney(current["run_rate"], run_rate)
        self.assertEqual(current["target"], 10000)
        self.assertAlmostEqual(current["pct_reached"], naive["revenue"] / 100, places=6)
        self.assertAlmostEqual(current["run_rate_pct"], run_rate / 100, places=6)
        self.assertAlmostEqual(current["volume_actual"], naive["quantity"])  # a quantity target
        self.assertEqual(current["volume_target"], 50)

        # a tier filter reads the tier's target; the period never changes "current"
        gold = self.dashboard(**MARCH, filters={"tier_id": self.gold.id})["targets"]["current"]
        self.assertEqual(gold["target"], 4000)
        self.assertMoney(
            gold["actual"], self.naive(first, today, lambda c: c.tier_id == self.gold)["revenue"]
        )
        # no target per region: none shown, and said why
        dhaka = self.dashboard(filters={"region": "dhaka"})["targets"]["current"]
        self.assertIsNone(dhaka["target"])
        self.assertFalse(dhaka["applies"])
        self.assertIn("region", dhaka["note"])

        # a salesperson reads their own target only
        mine = self.service.with_user(self.manager_a).get_executive_dashboard()
        self.assertEqual(mine["targets"]["current"]["target"], 700)
        self.assertEqual(
            Target.with_user(self.manager_a).search([]).mapped("revenue_target"), [700]
        )

    def test_trend_targets_and_last_year(self):
        self.env["b2b.sales.target"].create({"month": "2026-03-17", "revenue_target": 5000})
        self.add_order(self.shop, "2025-03-10 03:00:00", [(self.product, 7, 0)])
        data = self.dashboard(date_from="2026-04-01", date_to="2026-04-30")
        targets = {row["period"]: row["target"] for row in data["targets"]["trend"]}
        self.assertEqual(len(targets), 12)
        self.assertEqual(targets["2026-03"], 5000)
        self.assertIsNone(targets["2026-04"])
        last_year = {row["period"]: row["revenue"] for row in data["revenue_trend_last_year"]}
        self.assertEqual(list(last_year), [row["period"] for row in data["revenue_trend"]])
        self.assertMoney(last_year["2026-03"], self.naive("2025-03-01", "2025-03-31")["revenue"])
        self.assertTrue(last_year["2026-03"])

    def test_targets_are_managed_by_managers(self):
        manager = new_test_user(
            self.env,
            login="hf_target_manager",
            groups="smart_dairy_b2b.group_b2b_manager",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        target = (
            self.env["b2b.sales.target"]
            .with_user(manager)
            .create({"month": "2026-05-20", "revenue_target": 1})
        )
        self.assertEqual(str(target.month), "2026-05-01")
        with self.assertRaises(AccessError):
            self.env["b2b.sales.target"].with_user(self.manager_a).create(
                {"month": "2026-06-01", "revenue_target": 1}
            )
