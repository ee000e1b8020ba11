"""Discounts, channels and campaigns (get_discount_analysis, get_channel_analysis,
get_campaign_performance) against a naive computation over the ORM's order lines.

The naive side applies docs/definitions.md line by line in Python (discount =
price_unit x quantity x discount % / currency rate; the first order of a customer by
its date_order); it shares no SQL with the facts. Scenarios: line discounts and a tier
pricelist's discount, a euro order, an order without team or campaign, a customer whose
first order carries a campaign before the period, quotations and cancelled orders, a
salesperson who sees only their customers, a manager who is not an administrator.
"""

import importlib.util
from collections import defaultdict
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from .analytics_common import AnalyticsCommon, expected_lines, local_date

MARCH = ("2026-03-01", "2026-03-31")
FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))


def naive_lines(orders):
    """(order, date, revenue, discount, margin) of every counted line."""
    return [
        (
            order,
            day,
            revenue,
            line.price_unit
            * line.product_uom_qty
            * line.discount
            / 100
            / (order.currency_rate or 1),
            revenue - cost,
        )
        for order, line, day, revenue, cost, _qty in expected_lines(orders)
    ]


@tagged("post_install", "-at_install")
class TestDealsAnalytics(AnalyticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["crm.team"]
        cls.van = Team.create({"name": "Van Sales", "company_id": cls.company.id})
        cls.key_accounts = Team.create({"name": "Key Accounts", "company_id": cls.company.id})
        cls.lassi = cls.env["utm.campaign"].create({"name": "Summer Lassi Push"})
        cls.onboarding = cls.env["utm.campaign"].create({"name": "New-shop Onboarding"})
        cls.sms = cls.env["utm.medium"].create({"name": "SMS"})
        cls.visit = cls.env["utm.medium"].create({"name": "Field Visit"})
        cls.field = cls.env["utm.source"].create({"name": "Field Sales"})
        # A tier pricelist showing its 10 % on the lines (discount_policy).
        cls.gold_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Gold Tier",
                "company_id": cls.company.id,
                "discount_policy": "without_discount",
                "item_ids": [
                    Command.create(
                        {
                            "compute_price": "percentage",
                            "percent_price": 10,
                            "applied_on": "3_global",
                        }
                    )
                ],
            }
        )

        def by(partner, day):
            return cls.orders.filtered(
                lambda o: o.partner_id == partner and str(o.date_order).startswith(day)
            )

        by(cls.shop_buyer, "2026-03-02").write(
            {"team_id": cls.van.id, "campaign_id": False, "medium_id": False}
        )
        by(cls.shop, "2026-03-15").write(
            {"team_id": cls.van.id, "campaign_id": cls.lassi.id, "medium_id": cls.sms.id}
        )
        # without team or campaign
        by(cls.shop, "2026-03-20").write({"team_id": False, "campaign_id": False})
        # the euro order, first of the hotel: the onboarding campaign acquires it
        by(cls.hotel, "2026-03-10").write(
            {
                "team_id": cls.key_accounts.id,
                "campaign_id": cls.onboarding.id,
                "medium_id": cls.visit.id,
                "source_id": cls.field.id,
            }
        )
        # The hotel's Gold pricelist: a 10 % line discount of the pricelist, on April 1.
        # (the line's discount is the pricelist's: none given)
        cls.pricelist_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.hotel.id,
                "company_id": cls.company.id,
                "pricelist_id": cls.gold_pricelist.id,
                "team_id": cls.key_accounts.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 20})
                ],
            }
        )
        cls.pricelist_order.action_confirm()
        cls.pricelist_order.date_order = "2026-04-01 04:00:00"
        cls.orders |= cls.pricelist_order
        # A cafe whose first order (February) carries the lassi campaign: in March it is a
        # lassi customer, not one the campaign acquired then.
        cls.cafe = cls.env["res.partner"].create({"name": "Corner Cafe", "is_company": True})
        cls.cafe_customer = cls.env["b2b.customer"].create(
            {"partner_id": cls.cafe.id, "company_id": cls.company.id, "user_id": False}
        )
        for when in ("2026-02-20 04:00:00", "2026-03-22 04:00:00"):
            cls.add_order(cls.cafe, when, [(cls.product, 6, 5)]).write(
                {"team_id": cls.van.id, "campaign_id": cls.lassi.id, "medium_id": cls.sms.id}
            )
        # never counted, though they carry the campaign
        cls.add_order(cls.cafe, "2026-03-23 04:00:00", [(cls.ghee, 50, 20)], state="draft").write(
            {"campaign_id": cls.lassi.id}
        )
        cls.add_order(cls.cafe, "2026-03-24 04:00:00", [(cls.ghee, 50, 20)], state="cancel").write(
            {"campaign_id": cls.lassi.id}
        )

    # The naive side ---------------------------------------------------------------------

    def naive(self, period, key, customers=None):
        """{group: {revenue, discount, margin, orders, customers}} of ``period`` by
        ``key(order)``, this company's orders only."""
        groups = defaultdict(
            lambda: {
                "revenue": 0.0,
                "discount": 0.0,
                "margin": 0.0,
                "orders": set(),
                "customers": set(),
            }
        )
        start, end = (date.fromisoformat(day) if isinstance(day, str) else day for day in period)
        for order, day, revenue, discount, margin in naive_lines(self.orders):
            if not start <= day <= end or order.company_id != self.company:
                continue
            if customers is not None and order.b2b_customer_id not in customers:
                continue
            group = groups[key(order)]
            group["revenue"] += revenue
            group["discount"] += discount
            group["margin"] += margin
            group["orders"].add(order)
            group["customers"].add(order.b2b_customer_id)
        return groups

    def naive_acquired(self, period):
        start, end = (date.fromisoformat(day) for day in period)
        first = {}
        for order in self.orders.filtered(lambda o: o.state == "sale" and o.b2b_customer_id):
            known = first.get(order.b2b_customer_id)
            if known is None or (order.date_order, order.id) < (known.date_order, known.id):
                first[order.b2b_customer_id] = order
        acquired = defaultdict(int)
        for order in first.values():
            if start <= local_date(order) <= end and order.company_id == self.company:
                acquired[order.campaign_id.id or None] += 1
        return acquired

    # Discounts --------------------------------------------------------------------------

    def test_the_scenario_is_what_it_says(self):
        self.assertEqual(self.pricelist_order.order_line.discount, 10.0)
        self.assertTrue(self.pricelist_order.b2b_tier_id == self.gold)
        euro = self.orders.filtered(lambda o: o.currency_id == self.eur)
        self.assertTrue(euro.campaign_id)
        self.assertNotEqual(euro.currency_rate, 1.0)

    def test_discounts_by_tier(self):
        for period in (MARCH, ("2026-04-01", "2026-04-30"), ("2026-02-01", "2026-04-30")):
            result = self.service.get_discount_analysis(*period)
            expected = self.naive(period, lambda o: o.b2b_tier_id.id or None)
            self.assertEqual({t["tier_id"] for t in result["tiers"]}, set(expected), period)
            for tier in result["tiers"]:
                group = expected[tier["tier_id"]]
                gross = group["revenue"] + group["discount"]
                self.assertMoney(tier["revenue"], group["revenue"])
                self.assertMoney(tier["discount"], group["discount"])
                self.assertMoney(tier["gross"], gross)
                self.assertAlmostEqual(tier["discount_pct"], group["discount"] / gross * 100)
                self.assertEqual(tier["customers"], len(group["customers"]))
                self.assertAlmostEqual(
                    tier["orders_per_customer"], len(group["orders"]) / len(group["customers"])
                )
                self.assertAlmostEqual(
                    tier["revenue_per_customer"], group["revenue"] / len(group["customers"])
                )
                self.assertAlmostEqual(tier["margin_pct"], group["margin"] / group["revenue"] * 100)
                configured = self.env["b2b.customer.tier"].browse(tier["tier_id"]).discount_percent
                self.assertEqual(
                    tier["configured_discount_pct"], configured if tier["tier_id"] else None
                )
            total_discount = sum(g["discount"] for g in expected.values())
            total_revenue = sum(g["revenue"] for g in expected.values())
            self.assertMoney(result["total"]["discount"], total_discount)
            self.assertMoney(result["total"]["gross"], total_revenue + total_discount)
            revenues = [tier["revenue"] for tier in result["tiers"]]
            self.assertEqual(revenues, sorted(revenues, reverse=True))
        april = self.service.get_discount_analysis("2026-04-01", "2026-04-30")
        gold = next(t for t in april["tiers"] if t["tier_id"] == self.gold.id)
        # the pricelist's 10 % of 20 litres at list price: 20 x 90 x 10 %
        self.assertMoney(gold["discount"], 180.0)
        self.assertEqual(gold["configured_discount_pct"], 5.0)

    # Channels ---------------------------------------------------------------------------

    def test_channels_and_mediums_with_change(self):
        result = self.service.get_channel_analysis(*MARCH)
        self.assertEqual(result["period"]["compare_from"], "2026-02-01")
        for name, field, kind in (
            ("channels", "team_id", lambda o: o.team_id.id or None),
            ("mediums", "medium_id", lambda o: o.medium_id.id or None),
        ):
            current, previous = self.naive(MARCH, kind), self.naive(FEBRUARY, kind)
            total = sum(g["revenue"] for g in current.values())
            rows = {row[field]: row for row in result[name]}
            self.assertEqual(set(rows), set(current) | set(previous), name)
            for key, row in rows.items():
                now, before = current[key], previous[key]
                self.assertMoney(row["revenue"], now["revenue"])
                self.assertEqual(row["orders"], len(now["orders"]))
                self.assertEqual(row["customers"], len(now["customers"]))
                self.assertMoney(row["previous_revenue"], before["revenue"])
                if before["revenue"]:
                    change = (now["revenue"] - before["revenue"]) / before["revenue"] * 100
                    self.assertAlmostEqual(row["change_pct"], change)
                else:
                    self.assertIsNone(row["change_pct"])
                self.assertAlmostEqual(row["share_pct"], now["revenue"] / total * 100)
        none_team = next(row for row in result["channels"] if row["team_id"] is None)
        self.assertEqual(none_team["name"], "No sales team")
        van = next(row for row in result["channels"] if row["team_id"] == self.van.id)
        self.assertEqual(van["customers"], 2)  # the shop and the cafe
        # February: the cafe's van order; March compares with it
        self.assertIsNotNone(van["change_pct"])

    def test_channel_trend_by_month(self):
        result = self.service.get_channel_analysis("2026-02-01", "2026-04-30")
        got = {(row["month"], row["team_id"]): row["revenue"] for row in result["trend"]}
        expected = {}
        for month, last in (("2026-02", 28), ("2026-03", 31), ("2026-04", 30)):
            period = (f"{month}-01", f"{month}-{last}")
            for team, group in self.naive(period, lambda o: o.team_id.id or None).items():
                expected[(month, team)] = group["revenue"]
        self.assertEqual(set(got), set(expected))
        for key, revenue in expected.items():
            self.assertMoney(got[key], revenue, key)
        # a one-month period: the trend still spans the 12 months up to its end
        march = self.service.get_channel_analysis(*MARCH)["trend"]
        self.assertEqual(
            {(row["month"], row["team_id"]) for row in march},
            {key for key in expected if key[0] <= "2026-03"},
        )

    # Campaigns --------------------------------------------------------------------------

    def test_campaigns_and_acquired_customers(self):
        result = self.service.get_campaign_performance(*MARCH)
        key = lambda o: o.campaign_id.id or None  # noqa: E731
        current, previous = self.naive(MARCH, key), self.naive(FEBRUARY, key)
        acquired = self.naive_acquired(MARCH)
        rows = {row["campaign_id"]: row for row in result["campaigns"]}
        self.assertEqual(set(rows), set(current) | set(previous))
        for campaign, row in rows.items():
            group = current[campaign]
            self.assertEqual(row["orders"], len(group["orders"]))
            self.assertMoney(row["revenue"], group["revenue"])
            self.assertMoney(row["margin"], group["margin"])
            self.assertMoney(
                row["aov"] or 0.0,
                group["revenue"] / len(group["orders"]) if group["orders"] else 0.0,
            )
            self.assertEqual(row["customers"], len(group["customers"]))
            self.assertEqual(row["acquired_customers"], acquired[campaign], row["name"])
            self.assertMoney(row["previous_revenue"], previous[campaign]["revenue"])
        # by hand: the hotel's first order (the euro one) came with the onboarding; the
        # shop's with none; the cafe's in February, with the lassi push
        self.assertEqual(rows[self.onboarding.id]["acquired_customers"], 1)
        self.assertEqual(rows[None]["acquired_customers"], 1)
        self.assertEqual(rows[self.lassi.id]["acquired_customers"], 0)
        self.assertEqual(rows[self.lassi.id]["customers"], 2)
        self.assertEqual(rows[None]["name"], "No campaign")
        february = self.service.get_campaign_performance(*(d.isoformat() for d in FEBRUARY))
        lassi = next(r for r in february["campaigns"] if r["campaign_id"] == self.lassi.id)
        self.assertEqual(lassi["acquired_customers"], 1)

    # Roles and arguments ----------------------------------------------------------------

    def test_salesperson_sees_only_their_customers(self):
        # the shop is theirs; the school and the cafe nobody's; the hotel the admin's
        salesperson = self.manager_a
        visible = self.env["b2b.customer"].with_user(salesperson).search([])
        self.assertIn(self.shop_customer, visible)
        self.assertNotIn(self.hotel_customer, visible)
        service = self.service.with_user(salesperson)
        campaigns = service.get_campaign_performance(*MARCH)
        key = lambda o: o.campaign_id.id or None  # noqa: E731
        expected = self.naive(MARCH, key, customers=visible)
        self.assertEqual(
            {row["campaign_id"] for row in campaigns["campaigns"] if row["orders"]}, set(expected)
        )
        self.assertNotIn(self.onboarding.id, {row["campaign_id"] for row in campaigns["campaigns"]})
        discounts = service.get_discount_analysis(*MARCH)
        expected = self.naive(MARCH, lambda o: o.b2b_tier_id.id or None, customers=visible)
        self.assertMoney(
            discounts["total"]["discount"], sum(g["discount"] for g in expected.values())
        )
        channels = service.get_channel_analysis(*MARCH)
        expected = self.naive(MARCH, lambda o: o.team_id.id or None, customers=visible)
        self.assertMoney(
            sum(row["revenue"] for row in channels["channels"]),
            sum(g["revenue"] for g in expected.values()),
        )
        self.assertNotIn(self.key_accounts.id, {row["team_id"] for row in channels["channels"]})

    def test_manager_who_is_not_admin_sees_everything(self):
        manager = new_test_user(
            self.env,
            login="deals_manager",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.assertFalse(manager._is_admin())
        service = self.service.with_user(manager).with_context(allowed_company_ids=self.company.ids)
        for method in ("get_discount_analysis", "get_channel_analysis", "get_campaign_performance"):
            self.assertEqual(
                getattr(service, method)(*MARCH), getattr(self.service, method)(*MARCH)
            )

    def test_bad_arguments_are_refused_by_name(self):
        for method in ("get_discount_analysis", "get_channel_analysis", "get_campaign_performance"):
            call = getattr(self.service, method)
            with self.assertRaisesRegex(UserError, "date_from"):
                call("2026-13-01", "2026-03-31")
            with self.assertRaisesRegex(UserError, "date_to"):
                call("2026-03-01", "yesterday")
            with self.assertRaisesRegex(UserError, "date_from"):
                call("2026-04-01", "2026-03-01")

    # The facts --------------------------------------------------------------------------

    def test_facts_follow_a_change_of_campaign_and_team(self):
        Facts = self.env["b2b.sale.facts"]
        order = self.orders.filtered(
            lambda o: o.partner_id == self.shop and str(o.date_order).startswith("2026-03-15")
        )
        order.write(
            {
                "team_id": self.key_accounts.id,
                "campaign_id": self.onboarding.id,
                "medium_id": self.visit.id,
                "source_id": self.field.id,
            }
        )
        self.assertEqual(Facts._verify(), [])
        self.env.cr.execute(
            """SELECT DISTINCT team_id, campaign_id, medium_id, source_id
                 FROM b2b_sale_fact WHERE order_id = %s""",
            [order.id],
        )
        self.assertEqual(
            self.env.cr.fetchall(),
            [(self.key_accounts.id, self.onboarding.id, self.visit.id, self.field.id)],
        )
        result = self.service.get_campaign_performance(*MARCH)
        onboarding = next(r for r in result["campaigns"] if r["campaign_id"] == self.onboarding.id)
        self.assertEqual(onboarding["orders"], 2)
        # a line's discount changed with its price, the subtotal unchanged
        line = order.order_line.filtered(lambda line: not line.display_type)[0]
        subtotal = line.price_subtotal
        line.write({"price_unit": subtotal / line.product_uom_qty / 0.5, "discount": 50})
        self.assertAlmostEqual(line.price_subtotal, subtotal)
        self.assertEqual(Facts._verify(), [])
        Facts._rebuild()
        self.assertEqual(Facts._verify(), [])
        self.env.cr.execute(
            "SELECT SUM(discount) FROM b2b_sale_fact WHERE order_id = %s", [order.id]
        )
        stored = float(self.env.cr.fetchone()[0])
        # by hand: 25 x 180 at 50 %, the other lines none
        self.assertAlmostEqual(stored, 25 * 180 * 0.5)
        self.assertAlmostEqual(stored, sum(row[3] for row in naive_lines(order)))

    def test_migration_fills_the_new_columns(self):
        """17.0.1.3.0's migration on facts that predate the columns (discount 0, no
        team or UTM fields, rollups keyed without them)."""
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE b2b_sale_fact
                  SET discount = 0, team_id = NULL, campaign_id = NULL, medium_id = NULL,
                      source_id = NULL;
               SELECT b2b_rebuild_rollups()"""
        )
        Facts = self.env["b2b.sale.facts"]
        self.assertTrue(Facts._verify())
        path = file_path("smart_dairy_b2b/migrations/17.0.1.3.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("b2b_migration_17_0_1_3_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "17.0.1.2.0")
        self.assertEqual(Facts._verify(), [])
        result = self.service.get_campaign_performance(*MARCH)
        self.assertIn(self.onboarding.id, {row["campaign_id"] for row in result["campaigns"]})

    def test_sales_analysis_pivots_discounts_and_channels(self):
        """b2b.analytics (the Sales Analysis pivot) gives the same discounts by tier and
        revenue by sales team and campaign as the service, as a salesperson too."""
        march = [("date", ">=", "2026-03-01"), ("date", "<=", "2026-03-31")]
        for user in (self.env.user, self.manager_a):
            Analysis = self.env["b2b.analytics"].with_user(user)
            service = self.service.with_user(user)
            tiers = {
                group["tier_id"] and group["tier_id"][0] or None: group
                for group in Analysis.read_group(
                    march, ["discount:sum", "gross:sum", "discount_pct", "revenue:sum"], ["tier_id"]
                )
            }
            for tier in service.get_discount_analysis(*MARCH)["tiers"]:
                group = tiers[tier["tier_id"]]
                self.assertMoney(group["discount"], tier["discount"])
                self.assertMoney(group["gross"], tier["gross"])
                self.assertAlmostEqual(group["discount_pct"], tier["discount_pct"])
            for field, key, rows in (
                ("team_id", "team_id", service.get_channel_analysis(*MARCH)["channels"]),
                (
                    "campaign_id",
                    "campaign_id",
                    service.get_campaign_performance(*MARCH)["campaigns"],
                ),
            ):
                groups = {
                    group[field] and group[field][0] or None: group["revenue"]
                    for group in Analysis.read_group(march, ["revenue:sum"], [field])
                }
                for row in rows:
                    self.assertMoney(groups.get(row[key], 0.0), row["revenue"], (user.login, row))
