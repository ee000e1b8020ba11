"""Retention over time and category preferences, against a naive recomputation.

The expected figures are computed here from the ORM's order lines (``expected_lines``:
the definitions applied in plain Python, dates in Asia/Dhaka), month by month with
Python sets, and compared with the service, as a B2B manager who is not an
administrator and as a salesperson who sees only their customers.
"""

import xmlrpc.client
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..controllers.external_api import for_xmlrpc
from .analytics_common import AnalyticsCommon, expected_lines
from .test_analytics_roles import RoleData

SERVICE = "b2b.analytics.service"

GROUPS = ("starting", "retained", "new", "won_back", "churned")


def month_of(day):
    return day.replace(day=1)


def naive_retention(orders, customers, start, end):
    """The retention trend of ``customers`` over the months of [start, end], from the
    orders' counted lines, by the definitions, one month at a time."""
    history = defaultdict(list)  # customer -> [(date, order)]
    for order, _line, day, *_rest in expected_lines(orders):
        if order.b2b_customer_id in customers and day <= end:
            history[order.b2b_customer_id].append((day, order))

    def active(month):
        return {c for c, days in history.items() if any(month_of(d) == month for d, _o in days)}

    def first_month(customer):
        return month_of(min(d for d, _o in history[customer]))

    months, month = [], month_of(start)
    while month <= end:
        before = month - relativedelta(months=1)
        now, prev = active(month), active(before)
        new = {c for c in now if first_month(c) == month}
        earlier = {c for c in history if first_month(c) < month}
        won_back = now - prev - new
        lapsed = earlier - prev

        def pct(part, whole):
            return len(part) * 100 / len(whole) if whole else None

        months.append(
            {
                "month": month.strftime("%Y-%m"),
                "sets": {
                    "starting": prev,
                    "retained": prev & now,
                    "new": new,
                    "won_back": won_back,
                    "churned": prev - now,
                },
                "retention_pct": pct(prev & now, prev),
                "churn_pct": pct(prev - now, prev),
                "win_back_pct": pct(won_back, lapsed),
            }
        )
        month += relativedelta(months=1)
    buyers = {
        c for c, days in history.items() if any(month_of(start) <= month_of(d) for d, _o in days)
    }
    orders_of = {c: len({o for _d, o in history[c]}) for c in buyers}
    spans = [(max(d for d, _o in history[c]) - min(d for d, _o in history[c])).days for c in buyers]
    return {
        "months": months,
        "one_time_buyers": sum(1 for c in buyers if orders_of[c] == 1),
        "repeat_buyers": sum(1 for c in buyers if orders_of[c] > 1),
        "avg_lifespan_days": sum(spans) / len(spans) if spans else None,
    }


def naive_categories(orders, customers, start, end, customer=None):
    """Revenue, orders and customers per CURRENT product category."""
    by_category = defaultdict(lambda: {"revenue": 0.0, "orders": set(), "customers": set()})
    for order, line, day, revenue, *_rest in expected_lines(orders):
        if order.b2b_customer_id not in customers or not start <= day <= end:
            continue
        if customer and order.b2b_customer_id != customer:
            continue
        figures = by_category[line.product_id.categ_id.id]
        figures["revenue"] += revenue
        figures["orders"].add(order)
        figures["customers"].add(order.b2b_customer_id)
    return by_category


@tagged("post_install", "-at_install")
class TestRetentionAndCategories(AnalyticsCommon):
    """On top of the service's March-April 2026 orders (shop, hotel, school; a quotation,
    a cancelled order, another company's customer): the shop lapses in February and
    returns in March, lapses in May and returns in June; the hotel starts in February,
    and its order of 31 May 18:30 UTC is a June order in Dhaka (lapsed in May, won back
    in June); the school's of 30 April 18:30 UTC is a May order, then it churns; a cafe
    is new in May (its quotation and cancelled order before do not count); a kiosk
    orders once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner, Customer = cls.env["res.partner"], cls.env["b2b.customer"]
        admin = cls.env.ref("base.user_admin")
        cls.cafe = Partner.create({"name": "Banani Cafe", "is_company": True})
        cls.kiosk = Partner.create({"name": "Mirpur Kiosk", "is_company": True})
        cls.cafe_customer = Customer.create(
            {"partner_id": cls.cafe.id, "company_id": cls.company.id, "user_id": admin.id}
        )
        cls.kiosk_customer = Customer.create(
            {"partner_id": cls.kiosk.id, "company_id": cls.company.id, "user_id": cls.manager_a.id}
        )
        milk, yogurt, ghee = cls.product, cls.yogurt, cls.ghee
        cls.add_order(cls.shop, "2026-01-10 04:00:00", [(milk, 3, 0)])
        cls.add_order(cls.hotel, "2026-02-14 04:00:00", [(ghee, 1, 0), (yogurt, 2, 0)])
        cls.add_order(cls.kiosk, "2026-03-25 04:00:00", [(yogurt, 4, 0)])
        cls.add_order(cls.cafe, "2026-03-10 04:00:00", [(milk, 9, 0)], state="cancel")
        cls.add_order(cls.cafe, "2026-04-10 04:00:00", [(milk, 9, 0)], state="draft")
        cls.add_order(cls.school, "2026-04-30 18:30:00", [(yogurt, 6, 0)])  # 1 May, Dhaka
        cls.add_order(cls.cafe, "2026-05-20 04:00:00", [(milk, 5, 0), (yogurt, 1, 0)])
        cls.add_order(cls.hotel, "2026-05-31 18:30:00", [(ghee, 2, 0)])  # 1 June, Dhaka
        cls.add_order(cls.shop, "2026-06-02 04:00:00", [(milk, 4, 0), (ghee, 1, 0)])
        cls.add_order(cls.cafe, "2026-06-10 04:00:00", [(yogurt, 3, 0)])
        cls.add_order(
            cls.other_partner, "2026-06-03 02:00:00", [(ghee, 3, 0)], company=cls.other_company
        )
        # Categories change after the sales: every sale counts under the new ones.
        Category = cls.env["product.category"]
        cls.fermented = Category.create({"name": "Fermented"})
        cls.fats = Category.create({"name": "Ghee & Butter"})
        yogurt.categ_id = cls.fermented
        ghee.categ_id = cls.fats
        cls.manager = new_test_user(
            cls.env,
            login="retention_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.other_company).ids)],
        )
        cls.mine = cls.shop_customer | cls.school_customer | cls.kiosk_customer

    def as_manager(self, companies=None):
        companies = companies or self.company
        return self.service.with_user(self.manager).with_context(allowed_company_ids=companies.ids)

    def as_salesperson(self):
        return self.service.with_user(self.manager_a)

    def company_customers(self):
        return self.env["b2b.customer"].search([("company_id", "=", self.company.id)])

    def assertTrend(self, result, customers, start, end):
        expected = naive_retention(self.orders, customers, start, end)
        self.assertEqual(len(result["months"]), len(expected["months"]))
        for got, want in zip(result["months"], expected["months"], strict=True):
            self.assertEqual(got["month"], want["month"])
            for group in GROUPS:
                self.assertEqual(got[group], len(want["sets"][group]), f"{group} {got['month']}")
            for key in ("retention_pct", "churn_pct", "win_back_pct"):
                if want[key] is None:
                    self.assertIsNone(got[key], f"{key} {got['month']}")
                else:
                    self.assertAlmostEqual(got[key], want[key], msg=f"{key} {got['month']}")
        self.assertEqual(result["one_time_buyers"], expected["one_time_buyers"])
        self.assertEqual(result["repeat_buyers"], expected["repeat_buyers"])
        self.assertAlmostEqual(result["avg_lifespan_days"], expected["avg_lifespan_days"])
        return expected

    # Retention over time -----------------------------------------------------------

    def test_trend_as_a_manager_who_is_not_admin(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        result = self.as_manager().get_retention_trend("2026-02-01", "2026-06-30")
        self.assertEqual(result["period"]["date_from"], "2026-02-01")
        self.assertEqual(result["period"]["timezone"], "Asia/Dhaka")
        expected = self.assertTrend(
            result, self.company_customers(), date(2026, 2, 1), date(2026, 6, 30)
        )
        by_month = {row["month"]: row for row in result["months"]}
        # by hand: the shop is won back in March (lapsed in February) and in June, with
        # the hotel (its 31 May 18:30 UTC order is a June order in Dhaka); the cafe is
        # new in May, its quotation and cancelled order before do not count
        self.assertEqual(by_month["2026-03"]["won_back"], 1)
        self.assertEqual(by_month["2026-03"]["win_back_pct"], 100.0)
        self.assertEqual(by_month["2026-05"]["new"], 1)
        self.assertEqual(by_month["2026-05"]["churned"], 2)  # the shop and the hotel
        self.assertEqual(by_month["2026-06"]["won_back"], 2)
        self.assertEqual(by_month["2026-06"]["churned"], 1)  # the school
        self.assertEqual(
            expected["months"][4]["sets"]["won_back"], {self.shop_customer, self.hotel_customer}
        )
        self.assertEqual(result["one_time_buyers"], 1)  # the kiosk

    def test_drilldown_lists_the_customers_counted(self):
        service = self.as_manager()
        expected = naive_retention(
            self.orders, self.company_customers(), date(2026, 2, 1), date(2026, 6, 30)
        )
        for month in expected["months"]:
            for group in GROUPS:
                ids = service.get_retention_customers(group, month["month"], "2026-06-30")
                want = sorted(customer.id for customer in month["sets"][group])
                self.assertEqual(ids, want, f"{group} {month['month']}")
        self.assertEqual(
            service.get_retention_customers("won_back", "2026-06", "2026-06-30"),
            sorted((self.shop_customer | self.hotel_customer).ids),
        )

    def test_midnight_orders_count_in_their_dhaka_month(self):
        service = self.as_manager()
        # 31 March 19:30 UTC: an April order of the hotel; 30 April 18:30 UTC: the school's
        # first May order
        self.assertIn(
            self.hotel_customer.id, service.get_retention_customers("retained", "2026-04")
        )
        self.assertIn(
            self.school_customer.id, service.get_retention_customers("retained", "2026-05")
        )
        self.assertIn(self.hotel_customer.id, service.get_retention_customers("churned", "2026-05"))

    def test_date_to_cuts_the_last_month_and_date_from_takes_its_whole_month(self):
        result = self.as_manager().get_retention_trend("2026-03-15", "2026-06-05")
        self.assertEqual(result["period"]["date_from"], "2026-03-01")
        self.assertEqual(result["period"]["date_to"], "2026-06-05")
        expected = self.assertTrend(
            result, self.company_customers(), date(2026, 3, 1), date(2026, 6, 5)
        )
        # the cafe's order of 10 June is after date_to: not retained in June
        self.assertNotIn(self.cafe_customer, expected["months"][-1]["sets"]["retained"])
        self.assertEqual(result["months"][-1]["retained"], 0)

    def test_another_company_counts_only_when_selected(self):
        one = self.as_manager().get_retention_trend("2026-06-01", "2026-06-30")
        both = self.as_manager(self.company | self.other_company).get_retention_trend(
            "2026-06-01", "2026-06-30"
        )
        self.assertEqual(one["months"][0]["won_back"], 2)
        # Port Cafe (March and June, Chattogram Dairy) is won back only when selected
        self.assertEqual(both["months"][0]["won_back"], 3)
        customers = self.company_customers() | self.other_customer
        self.assertTrend(both, customers, date(2026, 6, 1), date(2026, 6, 30))

    def test_salesperson_sees_only_their_customers(self):
        visible = self.env["b2b.customer"].with_user(self.manager_a).search([])
        self.assertEqual(visible, self.mine)  # their own and the unassigned school
        service = self.as_salesperson()
        result = service.get_retention_trend("2026-02-01", "2026-06-30")
        self.assertTrend(result, visible, date(2026, 2, 1), date(2026, 6, 30))
        self.assertEqual(
            service.get_retention_customers("won_back", "2026-06", "2026-06-30"),
            self.shop_customer.ids,
        )

    def test_bad_arguments_are_refused_by_name(self):
        service = self.as_manager()
        for args, name in [
            (("2026-06-01", "2026-02-01"), "date_from"),
            (("2026-13-01", None), "date_from"),
            (("2026-02-01", "June"), "date_to"),
        ]:
            with self.assertRaisesRegex(UserError, name):
                service.get_retention_trend(*args)
        for args, name in [
            (("lost", "2026-06"), "group"),
            (("won_back", "2026-6"), "month"),
            (("won_back", None), "month"),
            (("won_back", "2026-07", "2026-06-30"), "month"),
        ]:
            with self.assertRaisesRegex(UserError, name):
                service.get_retention_customers(*args)

    # Categories ---------------------------------------------------------------------

    def assertCategories(self, result, customers, start, end, customer=None):
        expected = naive_categories(self.orders, customers, start, end, customer)
        total = sum(figures["revenue"] for figures in expected.values())
        self.assertEqual(len(result["categories"]), len(expected))
        revenues = [row["revenue"] for row in result["categories"]]
        self.assertEqual(revenues, sorted(revenues, reverse=True))
        for row in result["categories"]:
            want = expected[row["category_id"]]
            self.assertMoney(row["revenue"], want["revenue"])
            self.assertEqual(row["orders"], len(want["orders"]))
            self.assertEqual(row["customers"], len(want["customers"]))
            self.assertAlmostEqual(row["share_pct"], want["revenue"] * 100 / total)
            self.assertEqual(
                row["name"], self.env["product.category"].browse(row["category_id"]).display_name
            )

    def test_categories_count_the_current_category(self):
        result = self.as_manager().get_category_preferences("2026-03-01", "2026-06-30")
        self.assertCategories(result, self.company_customers(), date(2026, 3, 1), date(2026, 6, 30))
        categories = {row["category_id"] for row in result["categories"]}
        self.assertIn(self.fermented.id, categories)
        self.assertIn(self.fats.id, categories)
        # the facts still hold the category of the sale: reading them would be wrong
        self.env.cr.execute(
            "SELECT DISTINCT categ_id FROM b2b_sale_fact WHERE product_id = %s",
            [self.yogurt.id],
        )
        self.assertNotIn(self.fermented.id, [row[0] for row in self.env.cr.fetchall()])

    def test_categories_of_one_customer_and_as_salesperson(self):
        result = self.as_manager().get_category_preferences(
            "2026-01-01", "2026-06-30", self.shop_customer.id
        )
        self.assertEqual(result["customer_id"], self.shop_customer.id)
        self.assertCategories(
            result,
            self.company_customers(),
            date(2026, 1, 1),
            date(2026, 6, 30),
            self.shop_customer,
        )
        service = self.as_salesperson()
        mine = service.get_category_preferences("2026-01-01", "2026-06-30")
        self.assertCategories(mine, self.mine, date(2026, 1, 1), date(2026, 6, 30))
        # a customer the salesperson may not read is as absent as one that does not exist
        for customer_id in (self.hotel_customer.id, 999_999_999):
            with self.assertRaisesRegex(MissingError, "No B2B customer"):
                service.get_category_preferences("2026-01-01", "2026-06-30", customer_id)
        with self.assertRaisesRegex(UserError, "customer_id"):
            service.get_category_preferences("2026-01-01", "2026-06-30", "shop")
        with self.assertRaisesRegex(UserError, "date_to"):
            service.get_category_preferences("2026-01-01", "2026-02-30")

    def test_defaults_are_the_dashboards_month_to_date(self):
        today = self.service._today()
        for result in (
            self.as_manager().get_retention_trend(),
            self.as_manager().get_category_preferences(),
        ):
            self.assertEqual(result["period"]["date_from"], today.replace(day=1).isoformat())
            self.assertEqual(result["period"]["date_to"], today.isoformat())

    def test_sales_by_category_pivot_reads_the_current_category(self):
        Report = self.env["b2b.product.analytics"].with_user(self.manager)
        groups = Report.read_group(
            [("date", ">=", "2026-03-01"), ("date", "<=", "2026-06-30")],
            ["revenue:sum", "order_id:count_distinct"],
            ["categ_id"],
        )
        expected = naive_categories(
            self.orders, self.company_customers(), date(2026, 3, 1), date(2026, 6, 30)
        )
        self.assertEqual({g["categ_id"][0] for g in groups}, set(expected))
        for group in groups:
            want = expected[group["categ_id"][0]]
            self.assertMoney(group["revenue"], want["revenue"])
            self.assertEqual(group["order_id"], len(want["orders"]))


@tagged("post_install", "-at_install")
class TestRetentionExternalApi(RoleData, HttpCase):
    """The three methods over XML-RPC (False for "no value") as a salesperson, and
    refused to portal users and to employees without sales rights."""

    def calls(self):
        period = {"date_from": self.date_from, "date_to": self.date_to}
        month = self.today.strftime("%Y-%m")
        return [
            ("get_retention_trend", [], period),
            ("get_retention_customers", ["won_back", month], {"date_to": False}),
            ("get_category_preferences", [], dict(period, customer_id=False)),
            ("get_category_preferences", [], dict(period, customer_id=self.shop_customer.id)),
        ]

    def test_over_xmlrpc_as_a_salesperson(self):
        user = self.users["salesperson"]
        service = self.service.with_user(user)
        for method, args, kwargs in self.calls():
            with self.subTest(method=method, kwargs=kwargs):
                answer = self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, user.id, user.login, SERVICE, method, args, kwargs
                )
                self.assertEqual(answer, for_xmlrpc(getattr(service, method)(*args, **kwargs)))
        with self.assertRaisesRegex(xmlrpc.client.Fault, "group must be one of"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, user.id, user.login, SERVICE,
                "get_retention_customers", ["lost", "2026-01"], {},
            )  # fmt: skip

    def test_portal_and_employees_get_none(self):
        for role in ("portal", "employee"):
            service = self.as_role(role)
            for method, args, kwargs in self.calls():
                with (
                    self.subTest(role=role, method=method),
                    self.assertRaisesRegex(AccessError, "B2B Analytics group"),
                ):
                    getattr(service, method)(*args, **kwargs)
