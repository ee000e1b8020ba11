"""The descriptive service against values computed a second, naive way.

The naive side walks the ORM records line by line and applies DESIGN.md section 5 in
plain Python (``expected_lines``); it shares no SQL with the facts.
"""

from collections import defaultdict
from datetime import date, datetime

import pytz

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import B2bCommon

TZ = "Asia/Dhaka"


def local_date(order):
    return pytz.utc.localize(order.date_order).astimezone(pytz.timezone(TZ)).date()


def expected_lines(orders):
    """Counted lines as (order, line, date, revenue, cost, qty) by the definitions."""
    result = []
    for order in orders:
        if order.state != "sale" or not order.b2b_customer_id:
            continue
        for line in order.order_line:
            if line.display_type or line.is_downpayment:
                continue
            rate = order.currency_rate or 1.0
            qty = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            result.append(
                (
                    order,
                    line,
                    local_date(order),
                    line.price_subtotal / rate,
                    line.purchase_price * line.product_uom_qty / rate,
                    qty,
                )
            )
    return result


@tagged("post_install", "-at_install")
class TestAnalyticsService(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", TZ)
        cls.env["b2b.sale.facts"]._rebuild()
        cls.service = cls.env["b2b.analytics.service"]
        cls.company.country_id = cls.env.ref("base.bd")
        tax_group = cls.env["account.tax.group"].create(
            {"name": "VAT", "company_id": cls.company.id}
        )
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "VAT 15%",
                "amount": 15,
                "type_tax_use": "sale",
                "company_id": cls.company.id,
                "tax_group_id": tax_group.id,
                "country_id": cls.company.country_id.id,
            }
        )
        cls.yogurt = cls.env["product.product"].create(
            {
                "name": "Mishti Doi 500g",
                "list_price": 120.0,
                "standard_price": 80.0,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        cls.ghee = cls.env["product.product"].create(
            {"name": "Ghee 400g", "list_price": 650.0, "standard_price": 500.0}
        )
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.8,
                "currency_id": cls.eur.id,
                "company_id": cls.company.id,
            }
        )
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.eur.id, "company_id": cls.company.id}
        )
        cls.school = cls.env["res.partner"].create({"name": "Dhaka School", "is_company": True})
        cls.school_customer = cls.env["b2b.customer"].create(
            {
                "partner_id": cls.school.id,
                "customer_type": "institution",
                "region": "dhaka",
                "user_id": False,
                "company_id": cls.company.id,
            }
        )
        cls.orders = cls.env["sale.order"]
        # March 2026 (Dhaka): the shop orders three times, the hotel once.
        cls.add_order(
            cls.shop_buyer, "2026-03-02 03:00:00", [(cls.product, 10, 0), (cls.yogurt, 5, 10)]
        )
        cls.add_order(cls.shop, "2026-03-15 05:00:00", [(cls.product, 25, 0)], sections=True)
        cls.add_order(
            cls.shop,
            "2026-03-20 04:00:00",
            [(cls.yogurt, qty, qty % 3 * 5) for qty in range(1, 26)],  # 25 lines
            lock=True,
        )
        cls.add_order(
            cls.hotel, "2026-03-10 08:00:00", [(cls.ghee, 4, 0)], pricelist=cls.eur_pricelist
        )
        # 2026-03-31 19:30 UTC is 1 April 01:30 in Dhaka: an April order.
        cls.add_order(cls.hotel, "2026-03-31 19:30:00", [(cls.ghee, 2, 0), (cls.product, 1, 0)])
        cls.add_order(cls.shop, "2026-04-03 02:00:00", [(cls.product, 1, 0)], uom=cls.dozen)
        cls.add_order(cls.school, "2026-04-05 02:00:00", [(cls.ghee, 1, 0)], downpayment=True)
        # Never counted: a quotation and a cancelled order.
        cls.add_order(cls.shop, "2026-03-05 02:00:00", [(cls.ghee, 100, 0)], state="draft")
        cls.add_order(cls.hotel, "2026-03-06 02:00:00", [(cls.ghee, 100, 0)], state="cancel")
        # A customer of another company, not selected.
        cls.other_company = cls.env["res.company"].create({"name": "Chattogram Dairy"})
        cls.env.user.company_ids |= cls.other_company
        cls.other_partner = cls.env["res.partner"].create({"name": "Port Cafe", "is_company": True})
        cls.other_customer = cls.env["b2b.customer"].create(
            {"partner_id": cls.other_partner.id, "company_id": cls.other_company.id}
        )
        cls.add_order(
            cls.other_partner, "2026-03-12 02:00:00", [(cls.ghee, 3, 0)], company=cls.other_company
        )

    @classmethod
    def add_order(
        cls,
        partner,
        when,
        lines,
        state="sale",
        pricelist=None,
        sections=False,
        lock=False,
        uom=None,
        downpayment=False,
        company=None,
    ):
        company = company or cls.company
        line_commands = [
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "discount": discount,
                    **({"product_uom": uom.id} if uom else {}),
                }
            )
            for product, qty, discount in lines
        ]
        if sections:
            line_commands[:0] = [
                Command.create({"display_type": "line_section", "name": "Fresh"}),
                Command.create({"display_type": "line_note", "name": "Deliver before 7am"}),
            ]
        vals = {"partner_id": partner.id, "company_id": company.id, "order_line": line_commands}
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].with_company(company).create(vals)
        if state in ("sale", "cancel"):
            order.action_confirm()
        if state == "cancel":
            order._action_cancel()
        if downpayment:
            order.order_line = [
                Command.create(
                    {
                        "name": "Down payment",
                        "product_id": cls.ghee.id,
                        "product_uom_qty": 1,
                        "price_unit": 5000,
                        "is_downpayment": True,
                    }
                )
            ]
        order.date_order = when
        if lock:
            order.action_lock()
        cls.orders |= order
        return order

    # Helpers -------------------------------------------------------------------------

    def expected(self, date_from, date_to, customer=None):
        rows = [
            row
            for row in expected_lines(self.orders)
            if date_from <= row[2] <= date_to
            and row[0].company_id == self.company
            and (not customer or row[0].b2b_customer_id == customer)
        ]
        orders = {row[0] for row in rows}
        revenue = sum(row[3] for row in rows)
        return {
            "revenue": revenue,
            "orders": len(orders),
            "margin": revenue - sum(row[4] for row in rows),
            "customers": {order.b2b_customer_id for order in orders},
            "rows": rows,
        }

    def assertMoney(self, actual, expected, msg=None):
        self.assertAlmostEqual(actual, expected, places=4, msg=msg)

    def dashboard(self, **kwargs):
        return self.service.get_executive_dashboard(**kwargs)

    # Tests ---------------------------------------------------------------------------

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
        names = [kpi["name"] for kpi in self.service.get_definitions()["kpis"]]
        self.assertEqual(names, list(self.dashboard(date_to="2026-04-30")["kpis"]))

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
