import base64
import io
from datetime import datetime, timedelta
from unittest.mock import patch

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import Command, api
from odoo.tests import HttpCase, tagged

from ..models.b2b_report_export_service import B2bReportExportService
from .tour_common import tour_company


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The dashboard and customer analytics screens in a browser, as the people they
    are for: a sales manager who is not a system administrator, and a salesperson who
    sees only the customers they manage.

    The tours check the numbers of the orders made here, in a company of their own
    that only these users work in, so demo data (if any) does not change them.
    """

    def setUp(self):
        super().setUp()
        company, env = tour_company(self, "Tour Dairy Ltd.", "tour_b2b", "base.USD")
        tier = env["b2b.customer.tier"].create(
            {"name": "Gold", "code": "TG", "sequence": 1, "company_id": company.id}
        )
        product = env["product.product"].create(
            {
                "name": "Tour Milk 1L",
                "list_price": 100.0,
                "standard_price": 60.0,
                "taxes_id": False,
            }
        )
        customers = {}
        # The salesperson manages the superstore; the manager the hotel.
        for name, account_manager in (
            ("Tour Agora Superstore", self.seller),
            ("Tour Hotel Padma", self.manager),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            customers[name] = env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": tier.id,
                    "customer_type": "supermarket",
                    "region": "dhaka",
                    "user_id": account_manager.id,
                    "company_id": company.id,
                    "state": "approved",
                }
            )
        now = datetime.now().replace(microsecond=0)

        def order(name, qty, when):
            sale = env["sale.order"].create(
                {
                    "partner_id": customers[name].partner_id.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": 100.0}
                        )
                    ],
                }
            )
            sale.action_confirm()
            sale.date_order = when

        # This month: 1,200 + 300; 40 days ago: 400; a year and 10 days ago: 500.
        order("Tour Agora Superstore", 12, now)
        order("Tour Hotel Padma", 3, now)
        order("Tour Hotel Padma", 4, now - timedelta(days=40))
        order("Tour Agora Superstore", 5, now - relativedelta(years=1, days=10))

    def test_dashboard_tour(self):
        """As the manager: the dashboard, its Excel export (comparing like the screen),
        a customer's analytics and orders."""
        exports = []
        original = B2bReportExportService.export_executive_report

        @api.model
        def record_export(service, *args, **kwargs):
            result = original(service, *args, **kwargs)
            exports.append((service.env.user, kwargs, result))
            return result

        with patch.object(B2bReportExportService, "export_executive_report", record_export):
            self.start_tour(
                "/web#action=smart_dairy_b2b.b2b_dashboard_action",
                "b2b_dashboard_tour",
                login=self.manager.login,
            )
        self.assertEqual(len(exports), 1, "the tour exported the dashboard once")
        user, kwargs, result = exports[0]
        self.assertEqual(user, self.manager)
        self.assertEqual((kwargs["format"], kwargs["compare"]), ("xlsx", "previous_year"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(result["content"])))
        overview = {
            row[0]: row[1] for row in book["Overview"].iter_rows(values_only=True) if row[0]
        }
        date_from = datetime.strptime(kwargs["date_from"], "%Y-%m-%d").date()
        date_to = datetime.strptime(kwargs["date_to"], "%Y-%m-%d").date()
        year_before = relativedelta(years=1)
        self.assertEqual(
            overview["Compared with"],
            f"{(date_from - year_before):%m/%d/%Y} – {(date_to - year_before):%m/%d/%Y}",
            "the file compares with the previous year, as the screen did",
        )
        rows = list(book["Key Performance Indicators"].iter_rows(min_row=4, values_only=True))
        kpis = {row[0]: dict(zip(rows[0], row, strict=False)) for row in rows[1:] if row[0]}
        # the last 90 days: 1,500 + 400; the same days a year before: 500
        self.assertAlmostEqual(kpis["Revenue"]["Value"], 1900.0)
        self.assertAlmostEqual(kpis["Revenue"]["Previous"], 500.0)
        self.assertAlmostEqual(kpis["Revenue"]["Change %"], 2.8)  # +280 %, percent format

    def test_salesperson_tour(self):
        """As the salesperson: the dashboard and the customer list hold only the
        customers they manage."""
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_dashboard_action",
            "b2b_dashboard_salesperson_tour",
            login=self.seller.login,
        )
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_customer_action&view_type=list",
            "b2b_customers_salesperson_tour",
            login=self.seller.login,
        )
