"""Customer Insights is no dead end: a row opens its customer's analytics (a browser
tour as a manager who is not an administrator)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_report_export import ReportExportCase


@tagged("post_install", "-at_install")
class TestInsightsTour(ReportExportCase, HttpCase):
    def test_insight_rows_open_the_customer_screen(self):
        manager = new_test_user(
            self.env,
            login="b2b_insights_tour_manager",
            groups="smart_dairy_b2b.group_b2b_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.hotel_customer.action_suspend()
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_customer_insight_server_action",
            "b2b_insights_tour",
            login=manager.login,
        )
