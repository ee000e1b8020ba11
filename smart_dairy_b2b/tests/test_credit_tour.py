"""The Credit & Receivables screen and the customer screen's credit, in the browser:
as a manager who is not an administrator, and as a salesperson (own and unassigned
customers only). Data: ``credit_common.py``."""

from odoo.tests import HttpCase, tagged

from .credit_common import CreditCommon


@tagged("post_install", "-at_install")
class TestCreditTour(CreditCommon, HttpCase):
    def test_manager_tours(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.start_tour("/web", "b2b_credit_tour", login=self.manager.login)
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_customer_analytics_action"
            f"&active_id={self.shop_customer.id}",
            "b2b_customer_credit_tour",
            login=self.manager.login,
        )

    def test_salesperson_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_credit_analysis_action",
            "b2b_credit_salesperson_tour",
            login=self.salesperson.login,
        )
