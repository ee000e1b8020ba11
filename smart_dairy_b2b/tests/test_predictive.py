"""CLV, RFM, churn risk and forecasts through the service, with the edge cases."""

import json
import math
import random
from datetime import datetime, timedelta

import numpy as np

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import B2bCommon


def finite_json(value):
    """The JSON text of ``value``; fails on NaN or infinity anywhere in it."""
    return json.dumps(value, allow_nan=False, default=str)


@tagged("post_install", "-at_install")
class TestPredictive(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["b2b.analytics.service"]
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", "UTC")
        cls.env["b2b.sale.facts"]._rebuild()
        (cls.shop_customer | cls.hotel_customer).write({"state": "approved"})
        cls.today = cls.service._today()

    @classmethod
    def order_on(cls, partner, days_ago, qty=10, price=None):
        line = {"product_id": cls.product.id, "product_uom_qty": qty}
        if price is not None:
            line["price_unit"] = price
        order = cls.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [Command.create(line)]}
        )
        order.action_confirm()
        day = cls.today - timedelta(days=days_ago)
        order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(hours=6)
        return order

    @classmethod
    def new_customer(cls, name, state="approved"):
        partner = cls.env["res.partner"].create({"name": name, "is_company": True})
        customer = cls.env["b2b.customer"].create(
            {"partner_id": partner.id, "company_id": cls.company.id, "state": state}
        )
        return partner, customer

    def test_one_customer_one_order(self):
        self.order_on(self.shop, days_ago=10)
        clv = self.service.calculate_clv(self.shop_customer.id)
        finite_json(clv)
        self.assertEqual(clv["historical"]["lifespan_months"], 1.0)
        self.assertAlmostEqual(clv["historical"]["projected_clv_36m"], 900.0 * 36)
        self.assertEqual(clv["formula"]["retention_source"], "fallback")
        self.assertAlmostEqual(clv["formula"]["retention_rate"], 0.85)
        # m = 12 x 900 revenue x (900 - 680) / 900 margin; d = 0.10; r = 0.85
        self.assertAlmostEqual(clv["formula"]["clv"], 12 * 220.0 / (1 + 0.10 - 0.85))
        self.assertEqual(clv["predictive"]["method"], "not_fitted")  # no request fits
        self.env["b2b.analytics.model.fit"]._cron_refit()
        clv = self.service.calculate_clv(self.shop_customer.id)
        self.assertEqual(clv["predictive"]["method"], "insufficient_data")
        summary = self.service.get_customer_summary(self.shop_customer.id)
        self.assertEqual(summary["churn"]["risk"], "low")  # 10 days < 1.5 x 14-day floor
        self.assertEqual(summary["rfm"]["segment"], "Lost")  # alone: every score is 1
        finite_json(summary)

    def test_every_customer_one_order_and_ties(self):
        partners = [self.shop, self.hotel] + [
            self.new_customer(f"Tied Shop {i}")[0] for i in range(3)
        ]
        for partner in partners:
            self.order_on(partner, days_ago=30)
        rfm = self.service.get_rfm_segments()
        scores = {(row["r"], row["f"], row["m"]) for row in rfm["customers"]}
        self.assertEqual(scores, {(1, 1, 1)}, "equal values get equal scores")
        self.assertEqual(rfm["population"], 5)
        self.assertEqual(next(s for s in rfm["segments"] if s["segment"] == "Lost")["customers"], 5)
        dashboard = self.service.get_executive_dashboard()
        finite_json(dashboard)

    def test_rfm_against_hand_computed_scores(self):
        # recency 1, 5, 40 days; the most recent also orders most
        extra = [self.new_customer(f"Shop {i}")[0] for i in range(3)]
        self.order_on(self.shop, 1)
        self.order_on(self.shop, 3)
        self.order_on(self.shop, 5)
        self.order_on(self.hotel, 5, qty=100)
        self.order_on(extra[0], 40)
        self.order_on(extra[1], 60)
        self.order_on(extra[2], 400)  # outside the 365-day window: F = 0, M = 0
        rows = {r["customer_id"]: r for r in self.service.get_rfm_segments()["customers"]}
        shop = rows[self.shop_customer.id]
        # n = 5; R ranks minus days: shop (-1) is the largest -> rank 5 -> 1 + floor(20/5) = 5
        self.assertEqual((shop["recency_days"], shop["frequency"]), (1, 3))
        self.assertEqual((shop["r"], shop["f"]), (5, 5))
        hotel = rows[self.hotel_customer.id]
        # hotel: -5 ranks 4th -> 1 + floor(15/5) = 4; F=1 ties with two others (rank 2) -> 2;
        # M=9000 is the largest -> 5; FM = round_half_up(3.5) = 4 -> Loyal Customers
        self.assertEqual((hotel["r"], hotel["f"], hotel["m"], hotel["fm"]), (4, 2, 5, 4))
        self.assertEqual(hotel["segment"], "Loyal Customers")
        self.assertEqual(shop["segment"], "Champions")
        lapsed = min(rows.values(), key=lambda r: -r["recency_days"])
        self.assertEqual((lapsed["f"], lapsed["monetary"]), (1, 0.0))
        self.assertEqual(lapsed["segment"], "Lost")

    def test_zero_revenue(self):
        self.order_on(self.shop, 20, price=0.0)
        self.order_on(self.shop, 5, price=0.0)
        clv = self.service.calculate_clv(self.shop_customer.id)
        finite_json(clv)
        self.assertEqual(clv["historical"]["projected_clv_36m"], 0.0)
        self.assertIsNone(clv["formula"]["margin_pct"])
        self.assertEqual(clv["formula"]["clv"], 0.0)
        kpis = self.service.get_executive_dashboard()["kpis"]
        finite_json(kpis)

    def test_customer_who_stopped_a_year_ago_is_high_risk(self):
        for days in (420, 400, 390, 380, 370):  # weekly orders, then silence
            self.order_on(self.hotel, days)
        churn = self.service.get_customer_summary(self.hotel_customer.id)["churn"]
        self.assertEqual(churn["risk"], "high")
        self.assertEqual(churn["method"], "order_gap")
        at_risk = self.service.get_executive_dashboard()["at_risk_customers"]
        self.assertIn(self.hotel_customer.id, [row["customer_id"] for row in at_risk])

    def test_a_tier_change_within_a_day_counts_the_day_once(self):
        """Two rollup rows on one day (one per tier at order): one order day, no gap."""
        self.order_on(self.hotel, 30)
        self.order_on(self.hotel, 20)
        self.hotel_customer.tier_id = self.gold
        self.order_on(self.hotel, 20)  # the same day, the new tier
        self.order_on(self.hotel, 5)
        (stats,) = self.service._customer_stats(self.today, [self.hotel_customer.id])
        self.assertEqual(stats["order_days"], 3)
        self.assertEqual(stats["orders"], 4)
        self.assertEqual(stats["median_gap"], 12.5)  # gaps of 10 and 15 days
        self.assertEqual((stats["last_date"] - stats["first_date"]).days, 25)

    def test_median_gap_between_order_days(self):
        """The one median-gap rule (SQL): days between consecutive distinct order days;
        orders on one day are one purchase day; fewer than two days have none."""
        for days in (70, 60, 60, 40, 10):  # gaps 10, 20, 30 (the two orders of day 60: one)
            self.order_on(self.hotel, days)
        self.order_on(self.shop, 5)
        self.order_on(self.shop, 5)
        stats = {
            row["customer_id"]: row
            for row in self.service._customer_stats(
                self.today, [self.hotel_customer.id, self.shop_customer.id]
            )
        }
        self.assertEqual(stats[self.hotel_customer.id]["median_gap"], 20.0)
        self.assertEqual(stats[self.hotel_customer.id]["order_days"], 4)
        self.assertIsNone(stats[self.shop_customer.id]["median_gap"])
        self.assertEqual(stats[self.shop_customer.id]["order_days"], 1)

    def test_trend_forecast_has_intervals_and_backtest(self):
        for days in range(0, 120, 2):
            self.order_on(self.shop, days, qty=10 + days % 7)
        start = (self.today - timedelta(days=119)).isoformat()
        trend = self.service.get_trend("revenue", "day", start, self.today.isoformat(), 14)
        forecast = trend["forecast"]
        finite_json(trend)
        self.assertEqual(forecast["method"], "holt_winters")
        self.assertEqual(len(forecast["point"]), 14)
        self.assertEqual(len(forecast["periods"]), 14)
        self.assertEqual(forecast["periods"][0], (self.today + timedelta(days=1)).isoformat())
        for low95, low80, point, high80, high95 in zip(
            forecast["lower_95"],
            forecast["lower_80"],
            forecast["point"],
            forecast["upper_80"],
            forecast["upper_95"],
            strict=True,
        ):
            self.assertTrue(low95 <= low80 <= point <= high80 <= high95)
        self.assertIn("mase", forecast["backtest"])
        self.assertIn("baseline_mase", forecast["backtest"])

    def test_model_with_enough_repeat_customers(self):
        """60 customers with repeat orders: the model is fitted, cached, refreshed."""
        partners = [self.new_customer(f"Regular {i}")[0] for i in range(58)] + [
            self.shop,
            self.hotel,
        ]
        rng = random.Random(7)
        for index, partner in enumerate(partners):
            # every sixth customer stopped 200 days ago; the others order until today
            days = 200 if index % 6 == 0 else rng.choice([0, 1, 3, 6])
            for _order in range(rng.randint(3, 8)):
                self.order_on(partner, days, qty=rng.randint(3, 12))
                days += rng.randint(2, 20)
        service = self.service
        # a request never fits: nothing is stored until the cron or a manager fits
        self.assertEqual(
            service.calculate_clv(self.shop_customer.id)["predictive"]["method"], "not_fitted"
        )
        self.env["b2b.analytics.model.fit"]._cron_refit()
        clv = service.calculate_clv(self.shop_customer.id)
        finite_json(clv)
        predictive = clv["predictive"]
        self.assertEqual(predictive["method"], "bgnbd_gamma_gamma")
        self.assertTrue(0 <= predictive["probability_alive"] <= 1)
        self.assertGreater(predictive["expected_orders_12m"], 0)
        self.assertTrue(math.isfinite(predictive["clv_12m"]))
        # the stopped customers are less likely alive than an active one
        insights = service._insight_rows()
        alive = {row["customer_id"]: row["probability_alive"] for row in insights}
        stopped = self.env["b2b.customer"].search([("name", "=", "Regular 0")])
        active = self.env["b2b.customer"].search([("name", "=", "Regular 1")])
        self.assertLess(alive[stopped.id], alive[active.id])
        self.assertEqual(
            next(r for r in insights if r["customer_id"] == stopped.id)["churn_risk"], "high"
        )
        # the stored fit stays as it is when the facts change, until it is refitted
        fit = service._fitted_model()
        self.order_on(self.shop, 0)
        self.env.flush_all()
        self.assertEqual(service._fitted_model(), fit)
        summary = service.get_model_fit(refresh=True)
        self.assertEqual(summary["repeat_customers"], 60)
        with self.assertRaises(AccessError):
            service.with_user(self.manager_a).get_model_fit(refresh=True)

    def test_fewer_than_50_repeat_customers_is_insufficient_data(self):
        for days in (30, 20, 10):
            self.order_on(self.shop, days)
        clv = self.service.calculate_clv(self.shop_customer.id)
        self.assertEqual(clv["predictive"]["method"], "not_fitted")
        self.env["b2b.analytics.model.fit"]._cron_refit()
        clv = self.service.calculate_clv(self.shop_customer.id)
        self.assertEqual(clv["predictive"]["method"], "insufficient_data")
        churn = self.service.get_customer_summary(self.shop_customer.id)["churn"]
        self.assertIsNone(churn["probability_alive"])

    def test_customer_insights_refresh(self):
        for days in (40, 20, 10):
            self.order_on(self.shop, days)
        self.order_on(self.hotel, 200)
        Insight = self.env["b2b.customer.insight"]
        Insight._refresh()
        shop = Insight.search([("customer_id", "=", self.shop_customer.id)])
        self.assertEqual(shop.orders_12m, 3)
        self.assertTrue(shop.segment)
        self.assertEqual(self.shop_customer.insight_ids, shop)
        hotel = Insight.search([("customer_id", "=", self.hotel_customer.id)])
        self.assertEqual(hotel.churn_risk, "high")
        # a salesperson sees only the insights of the customers they may read
        visible = Insight.with_user(self.manager_a).search([])
        self.assertEqual(visible.customer_id, self.shop_customer)
        action = Insight.action_open()
        self.assertEqual(action["res_model"], "b2b.customer.insight")
        # the menu's server action works for a B2B user, who only reads insights
        menu_action = self.env.ref("smart_dairy_b2b.b2b_customer_insight_server_action")
        action = menu_action.with_user(self.manager_a).run()
        self.assertEqual(action["res_model"], "b2b.customer.insight")
        # refreshing is a manager's action (issue 18, finding 4)
        with self.assertRaises(AccessError):
            Insight.with_user(self.manager_a).action_refresh()

    def test_expected_aov_when_gamma_gamma_mean_is_undefined(self):
        """With a fitted q <= 1 the population mean order value is infinite: a customer
        without a repeat order keeps its observed order value, the others Gamma-Gamma's."""
        stats = [
            {"revenue": 500.0, "order_days": 1},
            {"revenue": 3000.0, "order_days": 3},
        ]
        params = {"p": 2.0, "q": 0.8, "v": 100.0}
        aov = self.service._expected_aov(
            params, stats, np.array([0.0, 2.0]), np.array([0.0, 1200.0])
        )
        self.assertEqual(aov[0], 500.0)
        self.assertAlmostEqual(aov[1], 2.0 * (100.0 + 2 * 1200.0) / (2.0 * 2 + 0.8 - 1))
