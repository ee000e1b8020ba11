"""Every public method of the analytics, as each role of docs/security.md calls it.

No test here runs as the administrator: each role is a user made by
``new_test_user``, and what it gets is compared with an independent search of
``b2b.customer`` as that user.
"""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, MissingError
from odoo.tests import new_test_user, tagged

from ..models.analytics_cache import RESULT_CACHE
from .common import B2bCommon


class RoleData(B2bCommon):
    """Four approved customers of one company: the salesperson manages the shop, the
    school has no account manager, the hotel is another salesperson's, the cafe a
    third's; users for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", "UTC")
        cls.env["b2b.sale.facts"]._rebuild()
        cls.service = cls.env["b2b.analytics.service"]
        cls.today = cls.service._today()

        def user(login, groups, **values):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
                **values,
            )

        cls.users = {
            "manager": user("role_manager", "sales_team.group_sale_manager"),
            "salesperson": cls.manager_a,
            "all_documents": user("role_all_docs", "sales_team.group_sale_salesman_all_leads"),
            "portal": user("role_portal", "base.group_portal", partner_id=cls.shop_buyer.id),
            "employee": user("role_employee", "base.group_user"),
        }
        cls.other_salesperson = user("role_other_sales", "sales_team.group_sale_salesman")
        cls.hotel_customer.user_id = cls.other_salesperson
        Partner = cls.env["res.partner"]
        cls.school = Partner.create({"name": "Dhaka Model School", "is_company": True})
        cls.cafe = Partner.create({"name": "Gulshan Cafe", "is_company": True})
        Customer = cls.env["b2b.customer"]
        cls.school_customer = Customer.create(
            {"partner_id": cls.school.id, "company_id": cls.company.id, "user_id": False}
        )
        cls.cafe_customer = Customer.create(
            {
                "partner_id": cls.cafe.id,
                "company_id": cls.company.id,
                "user_id": cls.users["all_documents"].id,
            }
        )
        cls.customers = (
            cls.shop_customer | cls.hotel_customer | cls.school_customer | cls.cafe_customer
        )
        cls.customers.write({"state": "approved"})
        # the shop ordered every 100 days and stopped 200 days ago: at risk
        for partner, days_ago in [
            (cls.shop, 400),
            (cls.shop, 300),
            (cls.shop, 200),
            (cls.hotel, 30),
            (cls.hotel, 10),
            (cls.school, 100),
            (cls.school, 95),
            (cls.cafe, 5),
        ]:
            cls.order_on(partner, days_ago)
        cls.date_from = (cls.today - timedelta(days=720)).isoformat()
        cls.date_to = cls.today.isoformat()

    @classmethod
    def order_on(cls, partner, days_ago, qty=10, company=None):
        order = cls.make_order(partner, qty=qty, company=company)
        day = cls.today - timedelta(days=days_ago)
        order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(hours=6)
        return order

    def visible(self, role):
        """The customers the role may read, searched independently of the analytics."""
        return self.env["b2b.customer"].with_user(self.users[role]).search([])

    def as_role(self, role):
        return self.service.with_user(self.users[role])


@tagged("post_install", "-at_install")
class TestAnalyticsRoles(RoleData):
    def public_calls(self, customer):
        period = {"date_from": self.date_from, "date_to": self.date_to}
        return {
            "get_executive_dashboard": lambda s: s.get_executive_dashboard(**period),
            "get_customer_summary": lambda s: s.get_customer_summary(customer.id, **period),
            "calculate_clv": lambda s: s.calculate_clv(customer.id),
            "get_spend_analytics": lambda s: s.get_spend_analytics(**period),
            "get_product_performance": lambda s: s.get_product_performance(**period),
            "get_trend": lambda s: s.get_trend("customers", "month", **period),
            "get_rfm_segments": lambda s: s.get_rfm_segments(),
            "get_cohort_retention": lambda s: s.get_cohort_retention(**period),
            "get_purchase_patterns": lambda s: s.get_purchase_patterns(**period),
            "get_model_fit": lambda s: s.get_model_fit(),
            "get_discount_analysis": lambda s: s.get_discount_analysis(**period),
            "get_channel_analysis": lambda s: s.get_channel_analysis(**period),
            "get_campaign_performance": lambda s: s.get_campaign_performance(**period),
        }

    def test_portal_and_internal_users_get_none_of_the_methods(self):
        for role in ("portal", "employee"):
            for name, call in self.public_calls(self.shop_customer).items():
                with (
                    self.subTest(role=role, method=name),
                    self.assertRaisesRegex(AccessError, "B2B Analytics group"),
                ):
                    call(self.as_role(role))
        # the exports go through the same guard
        exports = self.env["b2b.report.export.service"].with_user(self.users["portal"])
        with self.assertRaises(AccessError):
            exports.export_executive_report(format="csv")
        with self.assertRaises(AccessError):
            exports.export_customer_report(self.shop_customer.id, format="csv")

    def test_each_role_sees_exactly_its_customers(self):
        expected_visible = {
            "manager": self.customers,
            "all_documents": self.customers,
            "salesperson": self.shop_customer | self.school_customer,
        }
        for role, customers in expected_visible.items():
            visible = self.visible(role).filtered(lambda c: c in self.customers)
            self.assertEqual(visible, customers, role)
            service = self.as_role(role)
            ids = set(visible.ids)
            with self.subTest(role=role):
                dashboard = service.get_executive_dashboard(self.date_from, self.date_to)
                self.assertEqual({row["customer_id"] for row in dashboard["top_customers"]}, ids)
                self.assertEqual(dashboard["kpis"]["active_customers"]["value"], len(ids))
                self.assertLessEqual(
                    {row["customer_id"] for row in dashboard["at_risk_customers"]}, ids
                )
                self.assertEqual(
                    sum(tier["customers"] for tier in dashboard["tier_distribution"]), len(ids)
                )
                spend = service.get_spend_analytics(self.date_from, self.date_to)
                self.assertEqual({row["key"] for row in spend["rows"]}, ids)
                products = service.get_product_performance(self.date_from, self.date_to)
                self.assertEqual(products["products"][0]["customers"], len(ids))
                patterns = service.get_purchase_patterns(self.date_from, self.date_to)
                orders = self.env["sale.order"].search_count(
                    [("b2b_customer_id", "in", list(ids)), ("state", "=", "sale")]
                )
                self.assertEqual(patterns["basket"]["orders"], orders)
                cohorts = service.get_cohort_retention(self.date_from, self.date_to)
                self.assertEqual(sum(c["size"] for c in cohorts["cohorts"]), len(ids))
                trend = service.get_trend("orders", "month", self.date_from, self.date_to)
                self.assertEqual(sum(point["value"] for point in trend["series"]), orders)
                rfm = service.get_rfm_segments()
                self.assertEqual({row["customer_id"] for row in rfm["customers"]}, ids)
                self.assertEqual(rfm["population"], len(ids))
                self.assertEqual(sum(s["customers"] for s in rfm["segments"]), len(ids))
                for customer in self.customers:
                    if customer.id in ids:
                        summary = service.get_customer_summary(customer.id)
                        self.assertEqual(summary["customer"]["id"], customer.id)
                        self.assertEqual(
                            service.calculate_clv(customer.id)["customer_id"], customer.id
                        )
                    else:
                        with self.assertRaises(MissingError):
                            service.get_customer_summary(customer.id)
                        with self.assertRaises(MissingError):
                            service.calculate_clv(customer.id)
                        with self.assertRaises(MissingError):
                            service.get_purchase_patterns(customer_id=customer.id)

    def test_company_wide_figures_only_to_who_sees_the_company(self):
        """The salesperson's customers are scored among the whole population, but the
        population, the model's parameters and the measured retention rate are not
        given to them (docs/security.md)."""
        manager, salesperson = self.as_role("manager"), self.as_role("salesperson")
        population = manager.get_rfm_segments()
        self.assertEqual(population["ranking_population"], 4)
        mine = salesperson.get_rfm_segments()
        self.assertIsNone(mine["ranking_population"])
        scores = {row["customer_id"]: row["segment"] for row in population["customers"]}
        for row in mine["customers"]:  # the same scores, ranked among all four
            self.assertEqual(row["segment"], scores[row["customer_id"]])
        self.env["b2b.analytics.model.fit"]._cron_refit()
        fit = manager.get_model_fit()
        self.assertEqual(fit["method"], "insufficient_data")
        self.assertEqual(fit["customers"], 4)
        # when the stored answer was fitted, not the population it read
        self.assertEqual(set(salesperson.get_model_fit()), {"method", "message", "fitted_on"})
        self.assertEqual(set(self.as_role("all_documents").get_model_fit()), set(fit))
        clv = salesperson.calculate_clv(self.shop_customer.id)["formula"]
        self.assertIsNone(clv["retention_rate"])
        self.assertEqual(clv["retention_source"], "overall")
        self.assertGreater(clv["clv"], 0)
        managed = manager.calculate_clv(self.shop_customer.id)["formula"]
        self.assertAlmostEqual(clv["clv"], managed["clv"])
        # measured: of the shop, school and hotel active 12-24 months ago... only the
        # shop was (400 and 300 days ago) and it ordered since (200 days ago)
        self.assertEqual(managed["retention_rate"], 1.0)

    def test_refit_is_a_managers_action_for_their_companies(self):
        for role in ("salesperson", "all_documents"):
            with self.assertRaisesRegex(AccessError, "managers"):
                self.as_role(role).get_model_fit(refresh=True)
        second = self.env["res.company"].create({"name": "Sylhet Dairy"})
        manager = self.users["manager"]
        manager.company_ids |= second
        service = self.as_role("manager").with_context(
            allowed_company_ids=[self.company.id, second.id]
        )
        self.assertEqual(service.get_model_fit()["method"], "not_fitted")
        self.assertEqual(service.get_model_fit(refresh=True)["method"], "insufficient_data")
        # the manager's two companies, each its own (on a database with the demo, the
        # demo's companies have theirs too)
        fits = self.env["b2b.analytics.model.fit"].search(
            [("company_id", "in", (self.company | second).ids)]
        )
        self.assertEqual(fits.company_id, self.company | second)

    def test_salesperson_moved_off_a_customer_no_longer_sees_it_at_risk(self):
        salesperson = self.as_role("salesperson")
        at_risk = salesperson.get_executive_dashboard()["at_risk_customers"]
        self.assertIn(self.shop_customer.id, [row["customer_id"] for row in at_risk])
        self.shop_customer.user_id = self.other_salesperson
        at_risk = salesperson.get_executive_dashboard()["at_risk_customers"]
        self.assertNotIn(self.shop_customer.id, [row["customer_id"] for row in at_risk])
        # the other salesperson sees it at once, from its own key
        at_risk = self.service.with_user(self.other_salesperson).get_executive_dashboard()
        self.assertIn(
            self.shop_customer.id, [row["customer_id"] for row in at_risk["at_risk_customers"]]
        )

    def test_cache_is_bounded_whatever_as_of_callers_invent(self):
        RESULT_CACHE.clear()
        salesperson = self.as_role("salesperson")
        first = self.today - timedelta(days=3000)
        for offset in range(2000):
            salesperson.get_rfm_segments((first + timedelta(days=offset)).isoformat())
        self.assertLessEqual(len(RESULT_CACHE), RESULT_CACHE.max_entries)
        self.assertLessEqual(RESULT_CACHE.rows, RESULT_CACHE.max_rows)
