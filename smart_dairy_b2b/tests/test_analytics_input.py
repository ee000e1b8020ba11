"""Bad input and wrong numbers of issue 18, each as a role, never as the administrator.

The wrong numbers are compared with values computed a second way from the orders.
"""

from datetime import datetime

import pytz

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .test_analytics_roles import RoleData

CLEAN_ERRORS = (UserError, ValidationError, AccessError, MissingError)
BAD_DATES = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2026-W10-1",
    "2026-061",
    "20260301",
    "2026-02-30",
    "2026-3-1",
    " ",
    "２０２６-０３-０１",
    12,
    3.5,
    True,
    [],
    {},
    ["2026-03-01"],
    {"date": "2026-03-01"},
]
BAD_IDS = [0, -1, 2**31, 2**63, 2**100, "abc", "²", "1e3", 1.5, True, [], {}, [1], "-5"]
BAD_CHOICES = ["bogus", 1, True, [], {}, ["revenue"], {"a": 1}, " revenue"]
BAD_LIMITS = [0, -1, 10**6, 2**63, "x", 2.5, True, [], {}]


@tagged("post_install", "-at_install")
class TestBadInput(RoleData):
    def bad_values(self):
        """{method: (good keyword arguments, {parameter: [bad values]})}."""
        dates = {"date_from": BAD_DATES, "date_to": BAD_DATES}
        shop = self.shop_customer.id
        return {
            "get_executive_dashboard": ({}, dict(dates, compare=BAD_CHOICES)),
            "get_customer_summary": ({"customer_id": shop}, dict(dates, customer_id=BAD_IDS)),
            "calculate_clv": ({"customer_id": shop}, {"customer_id": BAD_IDS + [None]}),
            "get_spend_analytics": ({}, dict(dates, group_by=BAD_CHOICES)),
            "get_product_performance": ({}, dict(dates, limit=BAD_LIMITS)),
            "get_trend": (
                {},
                dict(
                    dates,
                    metric=BAD_CHOICES,
                    granularity=BAD_CHOICES,
                    forecast_periods=[-1, 37, 2**40, "x", 1.5, [], {}],
                    filters=[
                        "tier_id=1",
                        [1],
                        1,
                        {"colour": 1},
                        {1: 1},
                        {"customer_id": 2**40},
                        {"customer_id": "x"},
                        {"tier_id": -3},
                        {"region": "mars"},
                        {"customer_type": ["retailer"]},
                    ],
                ),
            ),
            "get_rfm_segments": ({}, {"as_of": BAD_DATES}),
            "get_cohort_retention": ({}, dates),
            "get_purchase_patterns": ({}, dict(dates, customer_id=BAD_IDS)),
            "get_model_fit": ({}, {"refresh": ["yes", 1, [], {}, "true"]}),
            "get_discount_analysis": ({}, dates),
            "get_channel_analysis": ({}, dates),
            "get_campaign_performance": ({}, dates),
        }

    def snapshot(self):
        cr = self.env.cr
        cr.execute(
            """SELECT (SELECT count(*) FROM sale_order), (SELECT max(write_date) FROM sale_order),
                      (SELECT count(*) FROM b2b_customer),
                      (SELECT max(write_date) FROM b2b_customer),
                      (SELECT last_value FROM b2b_facts_version)"""
        )
        return cr.fetchone()

    def refused(self, call, *args, **kwargs):
        """The clean error ``call(*args, **kwargs)`` raises; any other outcome fails."""
        try:
            with self.env.cr.savepoint():
                call(*args, **kwargs)
        except CLEAN_ERRORS as error:
            return error
        except Exception as error:  # what the test exists to catch
            self.fail(f"a server error instead of a message: {error!r}")
        self.fail("accepted")

    def test_every_public_method_refuses_bad_values_cleanly(self):
        service = self.as_role("salesperson")
        before = self.snapshot()
        calls = 0
        for method, (good, bad) in self.bad_values().items():
            getattr(service, method)(**good)  # the good call works
            for parameter, values in bad.items():
                for value in values:
                    with self.subTest(method=method, parameter=parameter, value=value):
                        error = self.refused(
                            getattr(service, method), **dict(good, **{parameter: value})
                        )
                        calls += 1
                        if not isinstance(error, AccessError | MissingError):
                            # the message names the parameter (a filter: its key)
                            message = str(error)
                            self.assertTrue(
                                parameter in message
                                or isinstance(value, dict)
                                and any(str(key) in message for key in value),
                                message,
                            )
        self.assertGreater(calls, 300)
        # wrong combinations
        for call in (
            lambda: service.get_executive_dashboard("2026-04-02", "2026-04-01"),
            lambda: service.get_spend_analytics("2000-01-01", "2026-01-01"),
            lambda: service.get_trend(granularity="day", date_from="2020-01-01"),
            lambda: service.get_customer_summary(self.hotel_customer.id),  # not theirs
        ):
            self.refused(call)
        self.assertEqual(self.snapshot(), before)

    def test_findings_of_the_issue(self):
        manager = self.as_role("manager")
        # year 1 used to overflow, ids beyond 32 bits to fail in PostgreSQL
        with self.assertRaisesRegex(UserError, "date_(from|to) must be between 1900-01-01"):
            manager.get_executive_dashboard("0001-01-01", "0001-01-31")
        with self.assertRaisesRegex(UserError, "customer_id must be between 1 and 2147483647"):
            manager.get_customer_summary(2**40)
        with self.assertRaisesRegex(UserError, "tier_id must be between 1 and 2147483647"):
            manager.get_trend(filters={"tier_id": 2**40})
        # an ISO week date used to be taken for 2026-03-02
        with self.assertRaisesRegex(UserError, "date_from must be a date written YYYY-MM-DD"):
            manager.get_executive_dashboard(date_from="2026-W10-1")
        # date_to alone: the default span, ending there
        period = manager.get_executive_dashboard(date_to="2025-03-15")["period"]
        self.assertEqual((period["date_from"], period["date_to"]), ("2025-03-01", "2025-03-15"))
        period = manager.get_spend_analytics(date_to="2020-06-30")["period"]
        self.assertEqual((period["date_from"], period["date_to"]), ("2019-07-01", "2020-06-30"))


@tagged("post_install", "-at_install")
class TestWrongNumbers(RoleData):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bakery = cls.env["res.partner"].create({"name": "Banani Bakery", "is_company": True})
        cls.bakery_customer = cls.env["b2b.customer"].create(
            {"partner_id": cls.bakery.id, "company_id": cls.company.id, "state": "approved"}
        )
        cls.cheese = cls.env["product.product"].create({"name": "Paneer 200g", "list_price": 150})

    @classmethod
    def order_at(cls, partner, moment, qty=10, company=None):
        """A confirmed order of ``qty`` paneer at ``moment`` (UTC)."""
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": cls.cheese.id, "product_uom_qty": qty})
                    ],
                }
            )
        )
        order.action_confirm()
        order.date_order = moment
        return order

    def test_product_previous_revenue_is_the_comparison_period(self):
        """Month to date 1-3 April compares with 1-3 March, not with all of March."""
        early = self.order_at(self.bakery, datetime(2026, 3, 2, 6), qty=3)
        self.order_at(self.bakery, datetime(2026, 3, 20, 6), qty=50)
        april = self.order_at(self.bakery, datetime(2026, 4, 2, 6), qty=4)
        result = self.as_role("manager").get_product_performance("2026-04-01", "2026-04-03")
        self.assertEqual(
            (result["period"]["compare_from"], result["period"]["compare_to"]),
            ("2026-03-01", "2026-03-03"),
        )
        (product,) = result["products"]
        self.assertAlmostEqual(product["revenue"], april.amount_untaxed)
        self.assertAlmostEqual(product["previous_revenue"], early.amount_untaxed)
        self.assertAlmostEqual(
            product["change_pct"],
            (april.amount_untaxed - early.amount_untaxed) / early.amount_untaxed * 100,
        )

    def test_days_since_last_order_in_the_analytics_timezone(self):
        """Kiritimati is UTC+14: reading now() as if it were UTC without zone put it 28
        hours off, a day wrong at any hour."""
        for zone in ("Pacific/Kiritimati", "Asia/Dhaka"):
            self.env["ir.config_parameter"].sudo().set_param(
                "smart_dairy_b2b.analytics_timezone", zone
            )
            self.env.flush_all()
            self.env["b2b.sale.facts"]._rebuild()
            self.env.invalidate_all()
            tz = pytz.timezone(zone)
            self.env.cr.execute("SELECT now()")
            now = self.env.cr.fetchone()[0]
            last = max(
                self.env["sale.order"]
                .search([("b2b_customer_id", "=", self.cafe_customer.id)])
                .mapped("date_order")
            )
            expected = (
                now.astimezone(tz).date() - pytz.utc.localize(last).astimezone(tz).date()
            ).days
            metrics = (
                self.env["b2b.customer.metrics"]
                .with_user(self.users["manager"])
                .search([("customer_id", "=", self.cafe_customer.id)])
            )
            self.assertEqual(metrics.days_since_last_order, expected, zone)

    def test_monthly_trend_adds_up_to_the_period(self):
        """A period starting mid-month: its first month counts only its own days."""
        self.order_at(self.bakery, datetime(2026, 3, 2, 6), qty=3)
        inside = self.order_at(self.bakery, datetime(2026, 3, 20, 6), qty=5)
        april = self.order_at(self.bakery, datetime(2026, 4, 2, 6), qty=4)
        summary = self.as_role("all_documents").get_customer_summary(
            self.bakery_customer.id, "2026-03-10", "2026-04-30"
        )
        trend = summary["monthly_trend"]
        self.assertEqual([month["month"] for month in trend], ["2026-03", "2026-04"])
        self.assertEqual([month["orders"] for month in trend], [1, 1])
        self.assertAlmostEqual(trend[0]["revenue"], inside.amount_untaxed)
        self.assertAlmostEqual(trend[1]["revenue"], april.amount_untaxed)
        self.assertAlmostEqual(
            sum(month["revenue"] for month in trend), summary["summary"]["total_revenue"]
        )

    def test_no_comparison_gives_no_comparison_figures(self):
        kpis = self.as_role("manager").get_executive_dashboard(
            self.date_from, self.date_to, compare="none"
        )["kpis"]
        for name, kpi in kpis.items():
            self.assertIsNone(kpi["previous"], name)
            self.assertIsNone(kpi["change_pct"], name)
        self.assertIsNone(kpis["retention_rate"]["value"])
        self.assertIsNone(kpis["churned_customers"]["value"])
        self.assertEqual(kpis["active_customers"]["value"], 4)

    def test_insights_keep_each_company_currency(self):
        """With two companies selected, each customer's insight amounts are in its own
        company's currency (the currency its insight row shows)."""
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.8,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        second = self.env["res.company"].create({"name": "Euro Dairy", "currency_id": eur.id})
        manager = self.users["manager"]
        manager.company_ids |= second
        partner = self.env["res.partner"].create({"name": "Brussels Deli", "is_company": True})
        customer = self.env["b2b.customer"].create(
            {"partner_id": partner.id, "company_id": second.id, "state": "approved"}
        )
        order = self.order_at(partner, datetime.now(), qty=7, company=second)
        self.assertNotEqual(second.currency_id, self.company.currency_id)
        service = self.as_role("manager").with_context(
            allowed_company_ids=[self.company.id, second.id]
        )
        rows = {row["customer_id"]: row for row in service._insight_rows()}
        expected = order.amount_untaxed / order.currency_rate  # in Euro Dairy's currency
        self.assertAlmostEqual(rows[customer.id]["revenue_12m"], expected, places=2)
        cafe = self.env["sale.order"].search([("b2b_customer_id", "=", self.cafe_customer.id)])
        self.assertAlmostEqual(rows[self.cafe_customer.id]["revenue_12m"], cafe.amount_untaxed)
        # every visible customer of both companies, once
        self.assertEqual(set(rows), set((self.customers | customer).ids))
