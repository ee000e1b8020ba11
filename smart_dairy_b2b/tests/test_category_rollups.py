"""Category preferences read from the category rollups, against a naive recomputation
over the ORM's sale order lines (``expected_lines``: the definitions in plain Python,
dates in Asia/Dhaka), on the awkward cases of the service's data (a quotation, a
cancelled order, section, note and down-payment lines, another company's customer, an
order of 31 March 19:30 UTC that is an April order in Dhaka) and a product whose
category changes after its sales, and after orders mixing it with products of another
category. Read as a B2B manager who is not an administrator and as a salesperson."""

from collections import defaultdict
from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .analytics_common import AnalyticsCommon, expected_lines


def naive_categories(orders, customers, start, end, categories=None):
    """Revenue, orders and customers per CURRENT product category of the counted lines
    of ``customers`` in [start, end] (``categories``: only those)."""
    figures = defaultdict(lambda: {"revenue": 0.0, "orders": set(), "customers": set()})
    for order, line, day, revenue, *_rest in expected_lines(orders):
        category = line.product_id.categ_id
        if order.b2b_customer_id not in customers or not start <= day <= end:
            continue
        if categories is not None and category not in categories:
            continue
        figures[category.id]["revenue"] += revenue
        figures[category.id]["orders"].add(order)
        figures[category.id]["customers"].add(order.b2b_customer_id)
    return figures


@tagged("post_install", "-at_install")
class TestCategoryRollups(AnalyticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.dairy = Category.create({"name": "Dairy"})
        cls.fermented = Category.create({"name": "Fermented", "parent_id": cls.dairy.id})
        cls.fats = Category.create({"name": "Ghee & Butter"})
        cls.product.categ_id = cls.dairy
        # An order mixing the milk and the yogurt (then in one category): it counts once
        # under it, and once under each after the yogurt moves.
        cls.add_order(cls.shop, "2026-04-20 05:00:00", [(cls.product, 2, 0), (cls.yogurt, 3, 0)])
        cls.manager = new_test_user(
            cls.env,
            login="category_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.other_company).ids)],
        )

    def as_manager(self, companies=None, filters=None):
        companies = companies or self.company
        return self.service.with_user(self.manager).with_context(
            allowed_company_ids=companies.ids, b2b_filters=filters
        )

    def add_test_order(self, *args, **kwargs):
        """An order of this test only: the class's orders are restored after it."""
        self.addCleanup(setattr, type(self), "orders", type(self).orders)
        return self.add_order(*args, **kwargs)

    def customers_of(self, companies):
        return self.env["b2b.customer"].search([("company_id", "in", companies.ids)])

    def assertCategories(self, result, customers, start, end, categories=None):
        expected = naive_categories(self.orders, customers, start, end, categories)
        total = sum(figures["revenue"] for figures in expected.values())
        self.assertEqual(
            {row["category_id"] for row in result["categories"]}, set(expected), f"{start}-{end}"
        )
        for row in result["categories"]:
            want = expected[row["category_id"]]
            self.assertMoney(row["revenue"], want["revenue"])
            self.assertEqual(row["orders"], len(want["orders"]), row["name"])
            self.assertEqual(row["customers"], len(want["customers"]), row["name"])
            self.assertAlmostEqual(row["share_pct"], want["revenue"] * 100 / total)
        return expected

    def assertInStep(self):
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])

    def test_periods_with_edges_mid_month(self):
        customers = self.customers_of(self.company)
        service = self.as_manager()
        for start, end in [
            (date(2026, 3, 1), date(2026, 4, 30)),  # whole months
            (date(2026, 3, 2), date(2026, 4, 1)),  # edge days on both sides
            (date(2026, 3, 15), date(2026, 4, 20)),
            (date(2026, 4, 1), date(2026, 4, 1)),  # the day of the midnight order
            (date(2026, 3, 31), date(2026, 3, 31)),  # ... and the day before: nothing
            (date(2026, 2, 10), date(2026, 5, 31)),
        ]:
            result = service.get_category_preferences(start.isoformat(), end.isoformat())
            self.assertCategories(result, customers, start, end)
        # 31 March 19:30 UTC is 1 April in Dhaka: the hotel's ghee and milk count that day
        april_first = service.get_category_preferences("2026-04-01", "2026-04-01")
        self.assertEqual(len(april_first["categories"]), 2)
        self.assertEqual(
            service.get_category_preferences("2026-03-31", "2026-03-31")["categories"], []
        )

    def test_quotation_cancelled_sections_and_down_payment_never_count(self):
        self.ghee.categ_id = self.fats
        result = self.as_manager().get_category_preferences("2026-03-01", "2026-04-30")
        self.assertCategories(
            result, self.customers_of(self.company), date(2026, 3, 1), date(2026, 4, 30)
        )
        # by hand: the ghee is sold to the hotel (10 March, in EUR; 1 April) and to the
        # school (5 April, its down payment not counted); the quotation and the cancelled
        # order of 100 each, and Port Cafe's 3 (another company), are not
        fats = next(row for row in result["categories"] if row["category_id"] == self.fats.id)
        self.assertEqual((fats["orders"], fats["customers"]), (3, 2))

    def test_a_category_changed_after_the_sale_moves_its_past_revenue(self):
        service = self.as_manager()
        customers = self.customers_of(self.company)
        start, end = date(2026, 3, 1), date(2026, 4, 30)
        before = service.get_category_preferences(start.isoformat(), end.isoformat())
        self.assertNotIn(self.fermented.id, [row["category_id"] for row in before["categories"]])
        dairy = next(row for row in before["categories"] if row["category_id"] == self.dairy.id)
        # the yogurt and the milk are in Dairy: their mixed order counts once there
        self.yogurt.categ_id = self.dairy
        self.ghee.categ_id = self.fats
        moved = service.get_category_preferences(start.isoformat(), end.isoformat())
        expected = self.assertCategories(moved, customers, start, end)
        dairy_now = next(row for row in moved["categories"] if row["category_id"] == self.dairy.id)
        self.assertGreater(dairy_now["revenue"], dairy["revenue"])
        self.assertEqual(dairy_now["orders"], len(expected[self.dairy.id]["orders"]))
        self.assertInStep()
        # then the yogurt alone leaves Dairy: the mixed order is in both categories
        self.yogurt.categ_id = self.fermented
        split = service.get_category_preferences(start.isoformat(), end.isoformat())
        expected = self.assertCategories(split, customers, start, end)
        mixed = self.orders.filtered(lambda o: o.date_order.day == 20 and o.date_order.month == 4)
        self.assertIn(mixed, expected[self.dairy.id]["orders"])
        self.assertIn(mixed, expected[self.fermented.id]["orders"])
        self.assertInStep()
        # the facts keep the category of the sale; the rollups follow the product
        self.env.cr.execute(
            "SELECT DISTINCT categ_id FROM b2b_sale_fact WHERE product_id = %s", [self.yogurt.id]
        )
        self.assertNotIn(self.fermented.id, [row[0] for row in self.env.cr.fetchall()])
        # a category filter on the parent takes its subcategory's past sales too
        filtered = self.as_manager(filters={"categ_id": [self.dairy.id]}).get_category_preferences(
            start.isoformat(), end.isoformat()
        )
        self.assertCategories(filtered, customers, start, end, self.dairy | self.fermented)
        self.assertEqual(
            {row["category_id"] for row in filtered["categories"]},
            {self.dairy.id, self.fermented.id},
        )

    def test_orders_changed_after_a_category_change_stay_in_step(self):
        self.yogurt.categ_id = self.fermented
        self.ghee.categ_id = self.fats
        mixed = self.orders.filtered(lambda o: o.date_order.day == 20 and o.date_order.month == 4)
        mixed.order_line.filtered(lambda line: line.product_id == self.product).product_uom_qty = 7
        self.orders.filtered(lambda o: o.partner_id == self.school)._action_cancel()
        self.add_test_order(
            self.hotel, "2026-04-25 03:00:00", [(self.yogurt, 1, 0), (self.ghee, 1, 0)]
        )
        self.assertInStep()
        start, end = date(2026, 3, 1), date(2026, 4, 30)
        result = self.as_manager().get_category_preferences(start.isoformat(), end.isoformat())
        self.assertCategories(result, self.customers_of(self.company), start, end)

    def test_another_company_and_one_customer(self):
        both = self.company | self.other_company
        self.assertEqual(self.company.currency_id, self.other_company.currency_id)
        start, end = date(2026, 3, 1), date(2026, 3, 31)
        result = self.as_manager(both).get_category_preferences(start.isoformat(), end.isoformat())
        self.assertCategories(result, self.customers_of(both), start, end)
        one = self.as_manager().get_category_preferences(start.isoformat(), end.isoformat())
        self.assertCategories(one, self.customers_of(self.company), start, end)
        self.assertNotEqual(result["categories"], one["categories"])  # Port Cafe's ghee
        shop = self.as_manager().get_category_preferences(
            "2026-03-01", "2026-04-30", self.shop_customer.id
        )
        self.assertCategories(shop, self.shop_customer, date(2026, 3, 1), date(2026, 4, 30))

    def test_salesperson_and_customer_filters(self):
        self.yogurt.categ_id = self.fermented
        start, end = date(2026, 3, 1), date(2026, 4, 30)
        service = self.service.with_user(self.manager_a)
        visible = self.env["b2b.customer"].with_user(self.manager_a).search([])
        self.assertNotIn(self.hotel_customer, visible)
        result = service.get_category_preferences(start.isoformat(), end.isoformat())
        self.assertCategories(result, visible, start, end)
        institutions = self.as_manager(filters={"customer_type": "institution"})
        result = institutions.get_category_preferences(start.isoformat(), end.isoformat())
        self.assertCategories(result, self.school_customer, start, end)

    def rollup_rows(self):
        self.env.flush_all()
        rows = []
        for table in ("b2b_sale_category_daily", "b2b_sale_category_monthly"):
            self.env.cr.execute(
                SQL(
                    """SELECT date, customer_id, company_id, categ_id, order_count,
                              line_count, revenue, prev_date
                         FROM %s ORDER BY 1, 2, 3, 4""",
                    SQL.identifier(table),
                )
            )
            rows.append(self.env.cr.fetchall())
        return rows

    def test_rebuild_gives_the_same_rollups(self):
        self.yogurt.categ_id = self.fermented
        self.add_test_order(self.shop, "2026-03-09 03:00:00", [(self.yogurt, 1, 0)])
        moved = self.rollup_rows()
        self.assertTrue(any(row[7] for row in moved[0]))  # previous days are known
        self.env["b2b.sale.facts"]._rebuild()
        self.maxDiff = None
        self.assertEqual(self.rollup_rows(), moved)
        # verify finds a row out of step, and a wrong previous day
        self.env.cr.execute("UPDATE b2b_sale_category_monthly SET order_count = order_count + 1")
        self.env.cr.execute(
            "UPDATE b2b_sale_category_daily SET prev_date = NULL WHERE prev_date IS NOT NULL"
        )
        found = {d["table"] for d in self.env["b2b.sale.facts"]._verify()}
        self.assertEqual(found, {"b2b_sale_category_monthly", "b2b_sale_category_daily"})
