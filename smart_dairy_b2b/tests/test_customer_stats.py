"""The per-customer statistics kept in step with the facts (b2b_sale_customer_stats,
docs/facts.md): after every kind of order change they equal a naive computation from the
sale order lines, ``_customer_stats`` of today reads them and answers what the rollups
give, and verify finds no difference."""

import statistics
from datetime import datetime, time, timedelta

import pytz

from odoo import Command
from odoo.tests import tagged

from ..models.analytics_cache import RESULT_CACHE
from .analytics_common import TZ
from .common import B2bCommon

STORED = (
    "first_date",
    "last_date",
    "order_days",
    "orders",
    "revenue",
    "margin",
    "first_day_revenue",
    "median_gap",
    "days",
)


class CustomerStatsCase(B2bCommon):
    """Orders on given days for the customers of B2bCommon, and the naive statistics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", TZ)
        cls.env["b2b.sale.facts"]._rebuild()
        cls.service = cls.env["b2b.analytics.service"]
        cls.today = cls.service._today()
        cls.other_company = cls.env["res.company"].create({"name": "Other Dairy Co."})
        cls.env.user.company_ids |= cls.other_company
        cls.other_shop_customer = cls.env["b2b.customer"].create(
            {"partner_id": cls.shop.id, "company_id": cls.other_company.id}
        )

    def order_on(self, partner, days_ago, qty=10, price=None, hour=20, company=None):
        """An order confirmed on ``days_ago`` days before today at ``hour`` UTC (20h UTC
        is the next day in Dhaka: the analytics timezone decides the day)."""
        line = {"product_id": self.product.id, "product_uom_qty": qty}
        if price is not None:
            line["price_unit"] = price
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or self.company).id,
                "order_line": [Command.create(line)],
            }
        )
        order.action_confirm()
        order.date_order = self.at(days_ago, hour)
        return order

    def at(self, days_ago, hour=20):
        return datetime.combine(self.today - timedelta(days=days_ago), time(hour))

    # The naive computation: Python over the order lines ----------------------------

    def ours(self):
        """The customers this test made (a database with the demo has its own)."""
        return self.env["b2b.customer"].search([("create_date", ">=", self.env.cr.now())])

    def naive(self):
        """{(customer_id, company_id): statistics} from the counted sale order lines."""
        zone = pytz.timezone(TZ)
        per_day = {}
        lines = self.env["sale.order.line"].search(
            [("order_id.state", "=", "sale"), ("order_id.b2b_customer_id", "in", self.ours().ids)]
        )
        for line in lines.filtered(lambda line: not line.display_type):
            order = line.order_id
            day = pytz.utc.localize(order.date_order).astimezone(zone).date()
            key = (order.b2b_customer_id.id, order.company_id.id)
            entry = per_day.setdefault(key, {}).setdefault(day, [set(), 0.0, 0.0])
            entry[0].add(order.id)
            entry[1] += line.price_subtotal
            entry[2] += line.price_subtotal - line.purchase_price * line.product_uom_qty
        result = {}
        for key, days in per_day.items():
            ordered = sorted(days)
            gaps = [(b - a).days for a, b in zip(ordered[:-1], ordered[1:], strict=True)]
            result[key] = {
                "first_date": ordered[0],
                "last_date": ordered[-1],
                "order_days": len(ordered),
                "orders": sum(len(days[day][0]) for day in ordered),
                "revenue": round(sum(days[day][1] for day in ordered), 2),
                "margin": round(sum(days[day][2] for day in ordered), 2),
                "first_day_revenue": round(days[ordered[0]][1], 2),
                "median_gap": float(statistics.median(gaps)) if gaps else None,
                "days": ordered,
            }
        return result

    def stored(self):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT customer_id, company_id, first_date, last_date, order_days, orders,
                      round(revenue, 2) AS revenue, round(revenue - cost, 2) AS margin,
                      round(first_day_revenue, 2) AS first_day_revenue, median_gap, days
                 FROM b2b_sale_customer_stats
                WHERE customer_id = ANY(%s)""",
            [self.ours().ids],
        )
        return {
            (row["customer_id"], row["company_id"]): {
                name: float(row[name])
                if name in ("revenue", "margin", "first_day_revenue")
                else row[name]
                for name in STORED
            }
            for row in self.env.cr.dictfetchall()
        }

    def assertInStep(self):
        self.assertEqual(self.stored(), self.naive())
        self.assertEqual(self.env["b2b.sale.facts"]._verify(), [])
        for company in (self.company, self.other_company):
            service = self.service.with_company(company).with_context(
                allowed_company_ids=company.ids
            )
            self.assertEqual(
                service._customer_stats(self.today),
                service._customer_stats_from_rollups(self.today),
            )


@tagged("post_install", "-at_install")
class TestCustomerStats(CustomerStatsCase):
    def test_every_change_of_an_order(self):
        self.assertEqual(self.stored(), {})
        first = self.order_on(self.shop, 40, qty=10)
        self.assertInStep()  # confirm: the customer's row appears
        self.order_on(self.shop, 30, qty=5)
        third = self.order_on(self.shop, 10, qty=2)
        self.order_on(self.shop, 10, qty=1, hour=22)  # a second order the same day
        self.order_on(self.hotel, 7, qty=4, price=100)
        self.assertInStep()
        key = (self.shop_customer.id, self.company.id)
        self.assertEqual(self.stored()[key]["order_days"], 3)
        self.assertEqual(self.stored()[key]["orders"], 4)
        self.assertEqual(self.stored()[key]["median_gap"], 15.0)  # gaps 10 and 20

        first.order_line.product_uom_qty = 20  # edit a line of the first day
        self.assertInStep()
        first.order_line = [Command.create({"product_id": self.product.id, "product_uom_qty": 1})]
        self.assertInStep()

        third._action_cancel()  # cancel: the day keeps its other order
        self.assertInStep()
        third.action_draft()  # reset to draft, confirmed again
        self.assertInStep()
        third.action_confirm()
        self.assertInStep()

        first.date_order = self.at(50)  # an order moved to another day
        self.assertInStep()
        first.partner_id = self.hotel  # ... and to another customer
        self.assertInStep()
        self.assertEqual(self.stored()[key]["first_date"], self.today - timedelta(days=29))

        # a script may delete lines and orders outright
        self.env.cr.execute("DELETE FROM sale_order_line WHERE order_id = %s", [third.id])
        self.env.invalidate_all()
        self.assertInStep()
        self.env.cr.execute(
            "DELETE FROM sale_order WHERE partner_id = %s AND state = 'sale'", [self.shop.id]
        )
        self.env.invalidate_all()
        self.assertInStep()
        self.assertNotIn(key, self.stored())  # no orders left: no row

    def test_customer_of_another_company(self):
        self.order_on(self.shop, 20)
        self.order_on(self.shop, 5, company=self.other_company)
        self.order_on(self.shop, 3, qty=7, company=self.other_company)
        self.assertInStep()
        stored = self.stored()
        self.assertEqual(stored[(self.shop_customer.id, self.company.id)]["order_days"], 1)
        self.assertEqual(
            stored[(self.other_shop_customer.id, self.other_company.id)]["order_days"], 2
        )
        # each company sees its own customer only
        mine = self.service._customer_stats(self.today, self.ours().ids)
        self.assertEqual([row["customer_id"] for row in mine], [self.shop_customer.id])

    def test_a_customer_in_two_companies_merges_its_days(self):
        """A customer whose orders are in two selected companies (an order moved to
        another company by a script): one row, its order days and gaps merged."""
        self.order_on(self.shop, 30, qty=10)
        moved = self.order_on(self.shop, 20, qty=3)
        self.order_on(self.shop, 2, qty=1)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET company_id = %s WHERE id = %s", [self.other_company.id, moved.id]
        )
        self.env.invalidate_all()
        self.assertInStep()
        both = self.service.with_context(
            allowed_company_ids=[self.company.id, self.other_company.id]
        )
        (row,) = both._customer_stats(self.today, [self.shop_customer.id])
        self.assertEqual(
            row, both._customer_stats_from_rollups(self.today, [self.shop_customer.id])[0]
        )
        self.assertEqual(row["order_days"], 3)
        self.assertEqual(row["median_gap"], 14.0)  # gaps 10 and 18
        self.assertEqual(row["orders"], 3)
        self.assertAlmostEqual(float(row["revenue"]), 14 * 90.0)
        self.assertAlmostEqual(float(row["repeat_revenue"]), 4 * 90.0)

    def test_other_days_and_orders_ahead_of_their_day(self):
        """Another day's statistics come from the rollups; an order dated after today
        does not count today."""
        self.order_on(self.shop, 30)
        self.order_on(self.shop, 10, qty=2)
        self.order_on(self.shop, -3, qty=4)  # confirmed for three days from now
        self.order_on(self.hotel, -5)  # only ahead: no statistics today
        self.assertInStep()
        (row,) = self.service._customer_stats(self.today, self.ours().ids)
        self.assertEqual(row["customer_id"], self.shop_customer.id)
        self.assertEqual(row["order_days"], 2)
        self.assertEqual(row["last_date"], self.today - timedelta(days=9))
        past = self.today - timedelta(days=15)
        (row,) = self.service._customer_stats(past, self.ours().ids)
        self.assertEqual((row["order_days"], row["orders"]), (1, 1))

    def test_rebuild_and_verify(self):
        self.order_on(self.shop, 12)
        self.order_on(self.shop, 2)
        self.env.flush_all()  # the orders' pending dates first, then the tampering
        self.env.cr.execute(
            "UPDATE b2b_sale_customer_stats SET median_gap = 1 WHERE customer_id = %s",
            [self.shop_customer.id],
        )
        self.env.cr.execute(
            "INSERT INTO b2b_sale_customer_stats (customer_id, company_id) VALUES (%s, %s)",
            [self.hotel_customer.id, self.company.id],
        )
        found = {(d["table"], d["problem"]) for d in self.env["b2b.sale.facts"]._verify()}
        self.assertEqual(
            found,
            {("b2b_sale_customer_stats", "different"), ("b2b_sale_customer_stats", "extra")},
        )
        self.env["b2b.sale.facts"]._rebuild()
        self.assertInStep()


@tagged("post_install", "-at_install")
class TestKeptResults(CustomerStatsCase):
    """The log of the facts' changes (b2b_facts_change) that results kept between calls
    are checked against (b2b.analytics.reading._cached, docs/facts.md)."""

    def kept_now(self):
        """What ``_keep`` records of this transaction: its snapshot and id."""
        self.env.cr.execute(
            "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned()::text"
        )
        return self.env.cr.fetchone()

    def test_an_order_is_logged_with_its_customer_and_day(self):
        kept = self.kept_now()
        self.order_on(self.shop, 12)
        self.order_on(self.hotel, 3)
        changes = self.service._facts_changes(kept)
        self.assertIn((self.shop_customer.id, self.today - timedelta(days=11)), changes)
        self.assertIn((self.hotel_customer.id, self.today - timedelta(days=2)), changes)

    def test_a_change_of_a_customer_is_logged_without_a_day(self):
        kept = self.kept_now()
        self.hotel_customer.write({"state": "approved"})
        self.shop_customer.user_id = self.env.ref("base.user_admin")
        changes = self.service._facts_changes(kept)
        self.assertIn((self.hotel_customer.id, None), changes)
        self.assertIn((self.shop_customer.id, None), changes)

    def test_nothing_is_kept_by_a_transaction_that_changed_the_facts(self):
        self.order_on(self.shop, 2)
        computed = []
        for _call in range(2):
            self.service._cached(("test",), lambda: computed.append(1))
        self.assertEqual(len(computed), 2)  # it may yet be rolled back
        self.assertIsNone(RESULT_CACHE.get(self.service._cache_key(("test",))))

    def test_pruning_forgets_what_every_transaction_saw(self):
        self.order_on(self.shop, 2)
        self.env.flush_all()
        self.env["b2b.sale.facts"]._prune_changes()
        self.env.cr.execute(
            """SELECT COUNT(*) FROM b2b_facts_change
                WHERE xid < pg_snapshot_xmin(pg_current_snapshot())"""
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        # a result kept before the pruned changes: read again; one kept now (a snapshot
        # that sees this transaction, whose rebuild logged "everything"): not
        self.assertIn((None, None), self.service._facts_changes(("1:1:", None)))
        self.env.cr.execute("SELECT pg_current_xact_id()::text::bigint")
        xid = self.env.cr.fetchone()[0]
        self.assertEqual(self.service._facts_changes((f"{xid}:{xid + 1}:", None)), [])

    def keep_before(self, key, value):
        """Keep ``value`` under ``key`` as a transaction before this one's next changes
        would have (one test transaction: the earlier one is faked by a snapshot that
        sees this transaction's id; the live tests make both through real commits).
        Returns that transaction's id."""
        self.env.cr.execute("SELECT pg_current_xact_id()::text::bigint")
        xid = self.env.cr.fetchone()[0]
        RESULT_CACHE.put(self.service._cache_key(key), (f"{xid}:{xid + 1}:", None, value))
        return xid

    def log_later_change(self, xid, customer):
        """A change of ``customer``'s facts by a transaction after ``xid``."""
        self.env.flush_all()
        self.env.cr.execute(
            "INSERT INTO b2b_facts_change (xid, customer_id, date) VALUES (%s::text::xid8, %s, %s)",
            [xid + 1000, customer.id, self.today],
        )

    def test_kept_statistics_are_computed_again_for_the_changed_customers(self):
        """Every customer's statistics kept by an earlier transaction, then an order of
        the shop: exactly its row is read again, and the merged rows equal a fresh
        computation."""
        self.order_on(self.shop, 30)
        self.order_on(self.hotel, 20)
        service = self.service
        key = ("stats", service._visibility_key(), self.today)
        before = service._customer_stats_kept(self.today)
        xid = self.keep_before(key, {row["customer_id"]: row for row in before})
        self.order_on(self.shop, 1, qty=3)
        self.log_later_change(xid, self.shop_customer)
        read_again = []

        def compute(ids):
            read_again.append(ids)
            return service._customer_stats_kept(self.today, ids)

        rows = service._cached_by_customer(key, compute)
        self.assertEqual(read_again, [[self.shop_customer.id]])
        self.assertEqual(rows, service._customer_stats_kept(self.today))
        self.assertNotEqual(rows, before)

    def test_kept_rfm_scores_and_retention_are_updated_for_the_changed_customer(self):
        """The population's RFM scores and the retention counts kept before an order of
        the shop, updated for the shop alone, equal a fresh computation; when the
        changed customer joins the population, the scores are computed again."""
        (self.shop_customer | self.hotel_customer).write({"state": "approved"})
        # the shop ordered only 12 to 24 months ago: not retained, until its order below
        for partner, days_ago in ((self.shop, 400), (self.shop, 370), (self.hotel, 390)):
            self.order_on(partner, days_ago)
        self.order_on(self.hotel, 15, qty=40)
        whole = self.service._company_wide()

        def fail():
            raise AssertionError("computed again, not updated")

        scores, counts = whole._rfm_scores(self.today), whole._retention_counts(self.today)
        xid = self.keep_before(("rfm",), scores)
        self.keep_before(("retention",), counts)
        self.order_on(self.shop, 1, qty=30)
        self.log_later_change(xid, self.shop_customer)

        rescored = whole._cached(
            ("rfm",), fail, update=lambda kept, ids: whole._rfm_rescored(kept, self.today, ids)
        )
        fresh = whole._rfm_scores(self.today)
        self.assertEqual(whole._rfm_rows(rescored), whole._rfm_rows(fresh))
        self.assertEqual(
            [values.tolist() for values in rescored["population"]],
            [values.tolist() for values in fresh["population"]],
        )
        self.assertNotEqual(whole._rfm_rows(rescored), whole._rfm_rows(scores))
        recounted = whole._cached(
            ("retention",),
            fail,
            update=lambda kept, ids: whole._retention_counts(self.today, kept, ids),
        )
        self.assertEqual(recounted, whole._retention_counts(self.today))
        self.assertNotEqual(recounted, counts)  # the shop is retained now
        # a customer new to the population: None, then every customer is scored again
        corner = self.env["res.partner"].create({"name": "Dairy Corner", "is_company": True})
        newcomer = self.env["b2b.customer"].create(
            {"partner_id": corner.id, "company_id": self.company.id, "state": "approved"}
        )
        self.order_on(corner, 2)
        self.assertIsNone(whole._rfm_rescored(rescored, self.today, [newcomer.id]))
