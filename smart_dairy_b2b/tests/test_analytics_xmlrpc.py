"""Odoo's External API: every public method answers over XML-RPC (``/xmlrpc/2/object``),
with False standing for "no value" (XML-RPC has no null), and gives the same answer
as a call in the server."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged

from ..controllers.external_api import for_xmlrpc
from .test_analytics_roles import RoleData

SERVICE = "b2b.analytics.service"


@tagged("post_install", "-at_install")
class TestAnalyticsXmlRpc(RoleData, HttpCase):
    def calls(self):
        """(method, positional arguments, keyword arguments) of every public method,
        written as a plain XML-RPC client sends them (False for "no value")."""
        period = {"date_from": self.date_from, "date_to": self.date_to}
        shop = self.shop_customer.id
        return [
            ("get_executive_dashboard", [], dict(period, compare="previous_period")),
            ("get_executive_dashboard", [], dict(period, compare="none")),
            ("get_customer_summary", [shop], period),
            ("calculate_clv", [shop], {}),
            ("get_spend_analytics", [], dict(period, group_by="tier")),
            ("get_product_performance", [], dict(period, limit=False)),
            (
                "get_trend",
                ["revenue", "month"],
                dict(period, forecast_periods=3, filters={"customer_id": shop}),
            ),
            ("get_rfm_segments", [], {"as_of": False}),
            ("get_cohort_retention", [], period),
            ("get_purchase_patterns", [], dict(period, customer_id=False)),
            ("get_model_fit", [], {}),
            ("get_discount_analysis", [], period),
            ("get_channel_analysis", [], period),
            ("get_campaign_performance", [], period),
        ]

    def test_every_public_method_over_xmlrpc(self):
        user = self.users["salesperson"]
        service = self.service.with_user(user)
        for method, args, kwargs in self.calls():
            with self.subTest(method=method, kwargs=kwargs):
                answer = self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, user.id, user.login, SERVICE, method, args, kwargs
                )
                expected = getattr(service, method)(*args, **kwargs)
                self.assertEqual(answer, for_xmlrpc(expected))
        # a salesperson's answers stay theirs; bad values are faults naming them
        dashboard = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            user.login,
            SERVICE,
            "get_executive_dashboard",
            [],
            {"compare": "none"},
        )
        self.assertIs(dashboard["kpis"]["revenue"]["change_pct"], False)
        with self.assertRaisesRegex(xmlrpc.client.Fault, "customer_id must be between"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                user.id,
                user.login,
                SERVICE,
                "calculate_clv",
                ["99999999999"],
                {},
            )
