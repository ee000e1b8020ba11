import contextlib
import datetime
import io
from collections import Counter

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import SQL

from ..cli import b2b_generate
from ..dataset import bulk_writer, catalogue, market, orm_loader
from ..dataset.master_data import ensure_master_data
from ..dataset.plan import (
    SMART_DAIRY,
    TRADING,
    PlannedLine,
    PlannedOrder,
    build_plan,
)
from ..dataset.seasons import school_holiday

END = datetime.date(2026, 6, 1)


def local_hour(moment):
    return (moment.hour + 6) % 24  # Asia/Dhaka is UTC+6 all year


class TestDatasetPlan(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = build_plan(42, END, months=18, customers=60, scale=0.35)
        cls.orders = list(cls.plan.orders())

    def test_same_seed_same_plan(self):
        again = build_plan(42, END, months=18, customers=60, scale=0.35)
        self.assertEqual(again.customers, self.plan.customers)
        self.assertEqual(list(again.orders()), self.orders)
        other = build_plan(43, END, months=18, customers=60, scale=0.35)
        self.assertNotEqual(list(other.orders())[:50], self.orders[:50])

    def test_every_type_region_and_lifecycle(self):
        customers = self.plan.customers
        self.assertEqual({c.customer_type for c in customers}, set(market.CUSTOMER_TYPES))
        self.assertEqual({c.region for c in customers}, set(market.REGIONS))
        self.assertEqual(
            {c.state for c in customers}, {"draft", "pending", "approved", "suspended"}
        )
        self.assertEqual(len([c for c in customers if c.company == TRADING]), 3)
        self.assertIn("USD", {c.currency for c in customers if c.company == SMART_DAIRY})
        last_order = {}
        first_order = {}
        for order in self.orders:
            first_order.setdefault(order.customer, order.date_order)
            last_order[order.customer] = order.date_order
        year_before_end = datetime.datetime.combine(END, datetime.time()) - datetime.timedelta(
            days=365
        )
        churners = [c for c in customers if c.churn_date]
        self.assertTrue(churners)
        self.assertTrue(any(last_order[c.key] < year_before_end for c in churners))
        for customer in churners:
            self.assertLess(last_order[customer.key].date(), customer.churn_date)
        newcomers = [
            c for c in customers if c.start_date > self.plan.start_date and c.key in first_order
        ]  # (a very recent one may not have ordered yet)
        self.assertTrue(newcomers)
        for customer in newcomers:
            # local delivery date on or after the start date
            self.assertGreaterEqual(
                (first_order[customer.key] + datetime.timedelta(hours=6)).date(),
                customer.start_date,
            )

    def test_orders_follow_the_rules(self):
        states = Counter(order.state for order in self.orders)
        self.assertEqual(set(states), {"sale", "cancel", "draft", "sent"})
        self.assertAlmostEqual(states["cancel"] / len(self.orders), 0.03, delta=0.01)
        last_days = datetime.datetime.combine(END, datetime.time()) - datetime.timedelta(days=11)
        for order in self.orders:
            self.assertIsNone(order.date_order.tzinfo)
            if order.state in ("draft", "sent"):
                self.assertGreater(order.date_order, last_days)
        hours = Counter(local_hour(order.date_order) for order in self.orders)
        early = sum(hours[hour] for hour in range(4, 10))
        self.assertGreater(early / len(self.orders), 0.7)
        self.assertTrue(hours[23] and hours[0])
        self.assertTrue(any(order.contact for order in self.orders))
        self.assertTrue(any(line.discount for order in self.orders for line in order.lines))

    def test_no_thinning_at_the_end(self):
        """The last month's confirmed orders are as many a day as the weekdays imply: only
        the plan's last two days have open quotations."""
        local_days = Counter(
            (order.date_order + datetime.timedelta(hours=6)).date()
            for order in self.orders
            if order.state in ("sale", "cancel")
        )
        open_days = {
            (order.date_order + datetime.timedelta(hours=6)).date()
            for order in self.orders
            if order.state in ("draft", "sent")
        }
        self.assertIn(END - datetime.timedelta(days=1), open_days)
        self.assertLessEqual(open_days, {END - datetime.timedelta(days=n) for n in (1, 2)})

        def week(ending):  # the orders of the 7 days up to ``ending`` days before the end
            return sum(local_days[END - datetime.timedelta(days=ending + n)] for n in range(7))

        self.assertAlmostEqual(week(3) / week(31), 1, delta=0.25)
        self.assertAlmostEqual(week(3) / week(10), 1, delta=0.25)

    def test_usual_weekdays(self):
        """Shops order daily or every other day on their usual days, distributors weekly."""
        for customer in self.plan.customers:
            usual = [day for day, chance in enumerate(customer.weekdays) if chance > 0.5]
            if customer.customer_type == "retailer":
                self.assertIn(len(usual), (3, 6))
                if len(usual) == 6:
                    self.assertNotIn(4, usual)  # closed on Fridays
            elif customer.customer_type == "distributor":
                self.assertIn(len(usual), (1, 2))
        shop = next(
            c
            for c in self.plan.customers
            if c.customer_type == "retailer" and sum(c.weekdays) < 3 and not c.churn_date
        )
        weekdays = Counter(
            (o.date_order + datetime.timedelta(hours=6)).weekday()
            for o in self.orders
            if o.customer == shop.key
        )
        usual = sum(n for day, n in weekdays.items() if shop.weekdays[day] > 0.5)
        self.assertGreater(usual / sum(weekdays.values()), 0.9)

    def test_tiers_follow_the_spend(self):
        """A customer's tier is the highest whose minimum its last twelve months reach,
        computed again here from the orders, less the tier's discount."""
        prices = {p.key: p.list_price for p in self.plan.products}
        since = datetime.datetime.combine(END, datetime.time()) - datetime.timedelta(
            days=365, hours=6
        )
        spend = Counter()
        for order in self.orders:
            if order.state == "sale" and order.date_order >= since:
                spend[order.customer] += sum(
                    line.qty * prices[line.product] * (1 - line.discount / 100)
                    for line in order.lines
                )
        tiers = {code: (discount, minimum) for code, _n, discount, minimum in market.TIERS}
        for customer in self.plan.customers:
            self.assertAlmostEqual(customer.annual_spend, spend[customer.key], delta=0.01)
            if customer.company == TRADING:
                self.assertIsNone(customer.tier)
                continue
            discount, minimum = tiers[customer.tier]
            self.assertGreaterEqual(spend[customer.key] * (1 - discount / 100), minimum)
            higher = [t for t in market.TIERS if t[3] > minimum]
            for _code, _name, discount, minimum in higher:
                self.assertLess(spend[customer.key] * (1 - discount / 100), minimum * 1.02)

    def test_teams_managers_and_campaigns(self):
        customers = self.plan.customers
        self.assertEqual({c.team for c in customers}, {"direct", "distributor", "online", None})
        managers = {m.key: m for m in market.MANAGERS}
        for customer in customers:
            if customer.customer_type == "distributor" and customer.company == SMART_DAIRY:
                self.assertEqual(customer.team, "distributor")
            if customer.manager:
                self.assertEqual(managers[customer.manager].team, customer.team)
                self.assertIn(customer.region, managers[customer.manager].regions)
        by_campaign = Counter(order.campaign for order in self.orders)
        self.assertIn("Ramadan & Eid-ul-Fitr 2025", by_campaign)
        self.assertIn("Winter Ghee Push 2024", by_campaign)
        self.assertGreater(by_campaign[None], 0.8 * len(self.orders))
        products = {p.key: p for p in self.plan.products}
        for order in self.orders:
            if order.campaign and order.campaign.startswith("Winter Ghee Push"):
                self.assertIn("GHEE", {products[line.product].family for line in order.lines})
            if order.campaign and order.campaign.startswith("Ramadan"):
                self.assertIn(order.date_order.year, (2025, 2026))

    def test_school_canteens_close_in_the_holidays(self):
        self.assertTrue(school_holiday(datetime.date(2025, 12, 20)))
        self.assertTrue(school_holiday(datetime.date(2025, 3, 10)))  # Ramadan
        self.assertFalse(school_holiday(datetime.date(2025, 2, 10)))
        schools = {c.key for c in self.plan.customers if c.term_time}
        self.assertTrue(schools)
        in_holidays = sum(
            1
            for order in self.orders
            if order.customer in schools
            and school_holiday((order.date_order + datetime.timedelta(hours=6)).date())
        )
        in_term = sum(1 for order in self.orders if order.customer in schools) - in_holidays
        self.assertLess(in_holidays, 0.1 * in_term)

    def test_seasons(self):
        """Ice cream sells in summer; ghee before Eid al-Adha (2025-06-07 in Bangladesh)."""

        def quantity(prefix, months=None, days=None):
            return sum(
                line.qty
                for order in self.orders
                if (months is None or order.date_order.month in months)
                and (days is None or days[0] <= order.date_order.date() < days[1])
                for line in order.lines
                if line.product.startswith(prefix)
            )

        self.assertGreater(quantity("ICE", months=(5, 6, 7)), 2 * quantity("ICE", (12, 1, 2)))
        eid = datetime.date(2025, 6, 7)
        week = datetime.timedelta(days=7)
        self.assertGreater(
            quantity("GHEE", days=(eid - week, eid)),
            1.3 * quantity("GHEE", days=(eid + 3 * week, eid + 4 * week)),
        )

    def test_expected_lines_size_the_plan(self):
        counted = sum(len(o.lines) for o in self.orders if o.state == "sale")
        self.assertAlmostEqual(counted / self.plan.expected_counted_lines(), 1, delta=0.03)
        double = build_plan(42, END, months=18, customers=60, scale=0.7)
        self.assertAlmostEqual(
            double.expected_counted_lines() / self.plan.expected_counted_lines(), 2
        )


class TestBulkWriterMatchesOrm(TransactionCase):
    """The same orders written by the ORM loader and by the bulk writer are equal."""

    ORDER_FIELDS = [
        "state", "date_order", "currency_id", "currency_rate", "company_id", "partner_id",
        "partner_invoice_id", "partner_shipping_id", "user_id", "pricelist_id",
        "b2b_customer_id", "b2b_tier_id", "amount_untaxed", "amount_tax", "amount_total",
        "team_id", "campaign_id", "medium_id", "source_id",
    ]  # fmt: skip
    LINE_FIELDS = [
        "product_id", "product_uom_qty", "product_uom", "price_unit", "discount",
        "price_subtotal", "price_tax", "price_total", "purchase_price", "margin",
        "display_type", "is_downpayment", "tax_id", "company_id", "currency_id",
        "order_partner_id", "state",
    ]  # fmt: skip

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = build_plan(42, END, months=2, customers=60, scale=0.05)
        cls.data = data = ensure_master_data(cls.env, plan)
        by_vat = {}
        for product in plan.products:
            by_vat.setdefault(product.vat, []).append(data.products[SMART_DAIRY, product.key])
        cls.standard, cls.reduced, cls.exempt = (
            by_vat[catalogue.VAT_STANDARD],
            by_vat[catalogue.VAT_REDUCED],
            by_vat[catalogue.VAT_EXEMPT],
        )
        cls.shop = shop = next(
            c for c in plan.customers if c.customer_type == "supermarket" and c.manager
        )
        # Gold, whatever its spend in this small plan (or in the demo, when it is there).
        data.customers[shop.key].tier_id = data.tiers["GOLD"]
        export = next(c for c in plan.customers if c.currency == "USD" and c.company == SMART_DAIRY)
        trader = next(c for c in plan.customers if c.company == TRADING)
        cls.campaign = data.campaigns["Ramadan & Eid-ul-Fitr 2025"]

        def spec(customer, state, lines, contact=0, day=12, campaign=None):
            order = PlannedOrder(
                customer=customer.key,
                contact=contact,
                date_order=datetime.datetime(2025, 3, day, 23, 40, 5),
                state=state,
                lines=tuple(
                    PlannedLine(product.default_code, qty, discount)
                    for product, qty, discount in lines
                ),
                campaign=campaign,
            )
            return data.order_spec(order)

        mixed = [
            (cls.standard[0], 12, 0.0),
            (cls.reduced[0], 7, 5.0),
            (cls.exempt[0], 30, 0.0),
            (cls.standard[1], 3, 10.0),
            (cls.reduced[1], 1, 2.5),
        ]
        trading_lines = [
            (data.products[TRADING, product.default_code], 4, 0.0) for product, _q, _d in mixed[:3]
        ]
        cls.specs = [
            spec(shop, "sale", mixed, campaign="Ramadan & Eid-ul-Fitr 2025"),
            spec(shop, "sale", mixed[1:4], contact=1, day=13),
            spec(export, "sale", mixed, day=14),
            spec(trader, "sale", trading_lines, day=15),
            spec(shop, "cancel", mixed[:2]),
            spec(shop, "draft", mixed[2:]),
            spec(shop, "sent", mixed[:3], contact=1),
        ]
        cls.orm_orders = orm_loader.create_orders(cls.env, cls.specs)
        last_id = max(cls.orm_orders.ids)
        cls.counts = bulk_writer.write_orders(cls.env, cls.specs)
        cls.bulk_orders = cls.env["sale.order"].search([("id", ">", last_id)], order="id")

    def test_same_orders(self):
        self.assertEqual(self.counts, (7, sum(len(s.lines) for s in self.specs)))
        self.assertEqual(len(self.bulk_orders), len(self.orm_orders))
        for orm, bulk in zip(self.orm_orders, self.bulk_orders, strict=True):
            expected, actual = orm.read(self.ORDER_FIELDS)[0], bulk.read(self.ORDER_FIELDS)[0]
            expected.pop("id"), actual.pop("id")
            self.assertEqual(expected, actual)
            self.assertEqual(len(orm.order_line), len(bulk.order_line))
            for orm_line, bulk_line in zip(orm.order_line, bulk.order_line, strict=True):
                expected = orm_line.read(self.LINE_FIELDS)[0]
                actual = bulk_line.read(self.LINE_FIELDS)[0]
                expected.pop("id"), actual.pop("id")
                self.assertEqual(expected, actual, orm.name)

    def test_same_columns(self):
        """Every stored column, as PostgreSQL holds it, but ids and names."""
        for table, ids, skipped in (
            ("sale_order", (self.orm_orders.ids, self.bulk_orders.ids), {"id", "name"}),
            (
                "sale_order_line",
                (self.orm_orders.order_line.ids, self.bulk_orders.order_line.ids),
                {"id", "order_id"},
            ),
        ):
            rows = []
            for record_ids in ids:
                self.env.cr.execute(
                    SQL(
                        "SELECT * FROM %s WHERE id = ANY(%s) ORDER BY id",
                        SQL.identifier(table),
                        record_ids,
                    )
                )
                rows.append(
                    [
                        {k: v for k, v in row.items() if k not in skipped}
                        for row in self.env.cr.dictfetchall()
                    ]
                )
            self.assertEqual(rows[0], rows[1], table)

    def test_amounts_by_hand(self):
        """A 5% VAT line with a 5% discount on top of the Gold discount (5%): the list
        price, and the two discounts as one on the line (the pricelist shows its discount)."""
        order = self.bulk_orders[0]
        line = order.order_line[1]
        tier = self.data.tiers["GOLD"]
        self.assertEqual(tier.discount_percent, 5.0)
        self.assertEqual(order.pricelist_id.discount_policy, "without_discount")
        self.assertAlmostEqual(line.discount, 9.75)  # 1 - 0.95 * 0.95
        subtotal = round(self.reduced[0].list_price * 7 * 0.95 * 0.95, 2)
        self.assertAlmostEqual(line.price_unit, self.reduced[0].list_price, places=2)
        self.assertAlmostEqual(line.price_subtotal, subtotal)
        self.assertAlmostEqual(order.order_line[0].discount, 5.0)  # the tier's alone
        self.assertAlmostEqual(line.price_tax, round(subtotal * 0.05, 2))
        self.assertEqual(order.b2b_tier_id, tier)
        self.assertEqual(order.currency_id.name, "BDT")
        export = self.bulk_orders[2]
        self.assertEqual(export.currency_id.name, "USD")
        self.assertAlmostEqual(export.currency_rate, 1 / 121.8, places=6)
        self.assertFalse(self.bulk_orders[4].b2b_tier_id)  # cancelled: never confirmed

    def test_team_and_campaign(self):
        campaign, medium, source = self.campaign
        first, second = self.bulk_orders[:2]
        self.assertEqual(first.team_id.name, "Direct Sales")
        self.assertEqual(
            (first.campaign_id, first.medium_id, first.source_id), (campaign, medium, source)
        )
        self.assertEqual((campaign.title, medium.name), ("Ramadan & Eid-ul-Fitr 2025", "SMS"))
        self.assertFalse(second.campaign_id or second.medium_id or second.source_id)


class TestGenerateArguments(BaseCase):
    def refused(self, call, *args):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), self.assertRaises(SystemExit) as caught:
            call(*args)
        self.assertEqual(caught.exception.code, 2)
        return stderr.getvalue()

    def test_good_arguments(self):
        args, odoo_args = b2b_generate.parse_arguments(
            ["-d", "db", "--lines", "1000", "--products", "150", "-c", "odoo.conf"]
        )
        self.assertEqual((args.database, args.lines, args.products), ("db", 1000, 150))
        self.assertEqual((args.customers, args.years, args.seed), (2000, 3, 42))
        self.assertEqual(odoo_args, ["-c", "odoo.conf"])

    def test_bad_arguments(self):
        parse = b2b_generate.parse_arguments
        self.assertIn(
            "--lines: 0 is not positive", self.refused(parse, ["-d", "x", "--lines", "0"])
        )
        self.assertIn(
            "--customers: -5 is not positive", self.refused(parse, ["-d", "x", "--customers", "-5"])
        )
        self.assertIn(
            "--years: 'two' is not a whole number",
            self.refused(parse, ["-d", "x", "--years", "two"]),
        )
        self.assertIn(
            f"the catalogue has {catalogue.MAX_PRODUCTS} products",
            self.refused(parse, ["-d", "x", "--products", "999"]),
        )
        self.assertIn("-d/--database", self.refused(parse, ["--lines", "10"]))
        self.assertIn("--end-date", self.refused(parse, ["-d", "x", "--end-date", "2026-13-01"]))


@tagged("post_install", "-at_install")  # the module is only "installed" after installing
class TestGenerateDatabaseCheck(TransactionCase):
    def test_database_check(self):
        b2b_generate.check_database(self.env.cr.dbname)  # installed here: accepted
        stderr = io.StringIO()
        for name, message in (
            ("demo_no_such_database", "does not exist"),
            ("postgres", "smart_dairy_b2b is not installed"),
        ):
            with contextlib.redirect_stderr(stderr), self.assertRaises(SystemExit) as caught:
                b2b_generate.check_database(name)
            self.assertEqual(caught.exception.code, 2)
            self.assertIn(message, stderr.getvalue())
